"""Links from the Panel's pages into the plans app."""

from django.urls import reverse


def version_compare_url(*, plan_id: int, from_number: int, to_number: int, kind: str, uid: str) -> str:
    """The staff page comparing two versions, at the part (section or priority) that changed."""
    base = reverse("plans:version_compare", kwargs={"plan_id": plan_id})
    return f"{base}?from={from_number}&to={to_number}#{kind}-{uid}"
