"""A keyboard user sees where they are: every control of the comment form shows the site's focus ring."""

from playwright.sync_api import Page, expect

from tests.browser.conftest import QUESTION, post_comment

PHONE = {"width": 390, "height": 844}
FOCUS_RING = {"outlineStyle": "solid", "outlineWidth": "3px", "outlineColor": "rgb(245, 166, 35)"}


def focus_ring(page: Page) -> dict:
    return page.evaluate(
        """() => {
            const {outlineStyle, outlineWidth, outlineColor} = getComputedStyle(document.activeElement);
            return {outlineStyle, outlineWidth, outlineColor};
        }"""
    )


def test_tabbing_through_a_refused_comment_form_shows_the_focus_ring_on_every_control(open_page, guide):
    page = open_page(viewport=PHONE)
    page.goto(guide.get_absolute_url())
    post_comment(page, name="Ann Reader", email="reader@invalid", text=QUESTION)
    expect(page.get_by_role("alert")).to_be_focused()  # the refused page has loaded, focus on its summary

    reached = []
    for _ in range(8):  # the summary's link, then name, email, website, comment, the two boxes, the button
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
        assert focus_ring(page) == FOCUS_RING, f"no visible focus ring on {reached[-1]}"
    assert {"id_name", "id_email", "id_website", "id_body", "id_remember", "id_notify", "BUTTON"} <= set(reached), (
        reached
    )
