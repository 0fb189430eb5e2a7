"""Saving through the services records who made a change, wherever it runs (pcplan.history)."""

from pcplan.history import attribute, delete_attributed, save_attributed

__all__ = ["attribute", "delete_attributed", "save_attributed"]
