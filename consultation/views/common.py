from typing import Any

from django.core.paginator import Page, Paginator


def paginate(items: Any, number: str | None, per_page: int) -> tuple[Page, list[Any]]:
    """A page of items and the page numbers to show, elided around the current one."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(number)
    return page, list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
