"""Links from the Panel's pages into the plans app.

The plans app is adding a staff comparison page (`plans:version_compare`, kwargs plan_id,
query `?from=N&to=M`, anchors per part). Until it exists in this tree the URL is built
by hand here, in this one function, so the merge can switch it to reverse() in one place.
"""


def version_compare_url(*, plan_id: int, from_number: int, to_number: int, kind: str, uid: str) -> str:
    """The staff page comparing two versions, at the part (section or priority) that changed."""
    # TODO(merge): return f"{reverse('plans:version_compare', kwargs={'plan_id': plan_id})}?from=...".
    return f"/plans/{plan_id}/compare/?from={from_number}&to={to_number}#{kind}-{uid}"
