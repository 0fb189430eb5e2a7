"""Keep each role's group permissions in step with pcplan.roles.ROLE_PERMISSIONS.

The groups themselves are created by a migration (plans 0002); permissions only exist
after every app has migrated, so they are granted on post_migrate.
"""

from typing import Any

from django.contrib.auth.models import Group, Permission

from pcplan.roles import ROLE_PERMISSIONS


def sync_role_permissions(sender: Any = None, **kwargs: Any) -> None:
    for role, grants in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = set()
        for pattern, actions in grants.items():
            app_label, _, model = pattern.partition(".")
            perms = Permission.objects.filter(content_type__app_label=app_label)
            for perm in perms:
                action, _, perm_model = perm.codename.partition("_")
                if action in actions and (model == "*" or model == perm_model):
                    wanted.add(perm.pk)
        current = set(group.permissions.values_list("pk", flat=True))
        if wanted != current:
            group.permissions.set(wanted)
