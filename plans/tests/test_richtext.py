"""Rich text as it is stored and shown: what the sanitiser keeps and what it removes."""

from plans.richtext import sanitise_html


def test_a_link_whose_address_is_removed_becomes_its_text() -> None:
    clean = sanitise_html(
        '<p>Read <a href="javascript:alert(1)">the <strong>plan</strong></a> or '
        '<a title="a &gt; b" href="https://www.avonandsomerset-pcc.gov.uk/">the Commissioner\'s site</a>.</p>'
    )
    assert clean == (
        "<p>Read the <strong>plan</strong> or "
        '<a title="a &gt; b" href="https://www.avonandsomerset-pcc.gov.uk/" rel="noopener noreferrer">'
        "the Commissioner's site</a>.</p>"
    )
    # A link that never had an address leads nowhere either.
    assert sanitise_html('<p><a title="Contact">Contact us</a></p>') == "<p>Contact us</p>"
