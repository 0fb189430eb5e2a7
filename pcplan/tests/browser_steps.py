"""Steps that browser tests of every app take on pcplan's pages, as a person would: a date
typed into its day, month and year, and whether a page fits a phone's width."""

from typing import Any

PHONE_WIDTH = 375  # the mobile_page fixture's width


def fill_date(page: Any, legend: str, day: str, month: str, year: str) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def sideways_scroll(page: Any) -> str:
    """What is wrong with the page at its current width, or "" if it does not scroll sideways."""
    width = page.evaluate(
        "({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})"
    )
    if width["scroll"] > width["client"]:
        return f"scrolls sideways on a phone ({width['scroll']} px of content in {width['client']} px)"
    return ""


def assert_fits_a_phone(page: Any) -> None:
    """The page, narrowed to a phone's width (WCAG 2.2 reflow), does not scroll sideways."""
    desktop = page.viewport_size
    page.set_viewport_size({"width": PHONE_WIDTH, "height": desktop["height"]})
    try:
        problem = sideways_scroll(page)
    finally:
        page.set_viewport_size(desktop)
    assert not problem, f"{page.url} {problem}"
