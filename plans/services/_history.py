"""Who made a change: the rule lives once in pcplan/history.py."""

from pcplan.history import attribute, delete_attributed, save_attributed

__all__ = ["attribute", "delete_attributed", "save_attributed"]
