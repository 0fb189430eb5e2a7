"""Rich text as it is stored and shown: what the sanitiser keeps and what it removes."""

from plans.richtext import images_without_alt, sanitise_html


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


OWN = "/files/plans/images/0b6ad8a4-3f5c-4f6e-9d43-2a1f1f0a7c11.png"


def test_a_decorative_image_keeps_its_empty_alt_and_one_without_alt_is_counted() -> None:
    described = f'<p><img src="{OWN}" alt="Map of the nine districts"></p>'
    decorative = f'<p><img src="{OWN}" alt=""></p>'
    unmarked = f'<p><img src="{OWN}"></p>'
    assert sanitise_html(decorative) == decorative
    assert sanitise_html(described) == described
    assert images_without_alt(described + decorative) == 0
    assert images_without_alt(unmarked + decorative) == 1
    # An image from elsewhere is removed anyway, so it needs no alternative text.
    assert images_without_alt('<p><img src="https://example.org/tracker.png"></p>') == 0
