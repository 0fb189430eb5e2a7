"""The HTML checker the site crawl relies on finds what it must, and names the page."""

from pcplan.tests.html_checker import html_errors

PAGE = (
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title></head>'
    "<body>{body}</body></html>"
)


def test_the_checker_reports_each_error_with_the_page_it_is_on() -> None:
    errors = html_errors(
        {
            "/published/figure/": PAGE.format(
                title="A chart",
                body='<figure><img src="/chart.svg" alt="A chart"><figcaption>Chart</figcaption>'
                "<table><tr><td>1</td></tr></table></figure>",
            ),
            "/published/fine/": PAGE.format(title="Fine", body="<p>Nothing wrong here.</p>"),
        }
    )
    assert len(errors) == 1 and errors[0].startswith("/published/figure/ line 1: Element “table” not allowed")
