#!/usr/bin/env python
import os
import sys


def main() -> None:
    # Without DJANGO_SETTINGS_MODULE: the base settings, DEBUG off and no secret key
    # (`make` selects pcplan.settings.development for development).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pcplan.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
