"""Every page the home page links to, in Chromium: usable by keyboard and readable on a laptop
and a tablet. New pages are covered as soon as they are in pvs.web.app.PAGES."""

from __future__ import annotations

import pytest

from pvs.web.app import PAGES
from tests.web_fixtures import Visit, tab_to

pytestmark = pytest.mark.needs("chromium")

SCREENS = {"laptop": (1366, 768), "tablet": (820, 1180)}
PATHS = ["/", *(page.PAGE["path"] for page in PAGES)]

# Every visible control that is not labelled: no <label for>, no wrapping label, no aria-label.
UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
  .map(e => e.name || e.id || e.outerHTML.slice(0, 80))"""


def test_the_home_page_links_to_every_page(visit: Visit) -> None:
    visit.go("/")
    links = visit.page.locator("ul.paginas a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == PATHS[1:]


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("path", PATHS)
def test_each_page_fits_the_screen_and_labels_its_controls(
    visit: Visit, path: str, screen: str
) -> None:
    width, height = SCREENS[screen]
    visit.page.set_viewport_size({"width": width, "height": height})
    visit.go(path)
    assert visit.page.evaluate("() => document.documentElement.scrollWidth") <= width
    assert visit.page.evaluate(UNLABELLED) == []
    assert visit.page.locator("h1").count() == 1
    assert visit.page.evaluate("() => document.documentElement.lang") == "nl"


@pytest.mark.parametrize("path", PATHS[1:])
def test_each_page_is_reached_and_used_by_keyboard(visit: Visit, path: str) -> None:
    """From the home page, Tab reaches the page's link; Enter opens it; Tab reaches its first
    control (or its first download)."""
    visit.go("/")
    tab_to(visit.page, f'a[href="{path}"]')
    with visit.page.expect_navigation():
        visit.page.keyboard.press("Enter")
    assert visit.page.url.endswith(path)
    tab_to(visit.page, "main input:not([type=hidden]), main select, main a[download]")


def test_a_file_field_lights_up_while_files_are_dragged_over_it(visit: Visit) -> None:
    visit.go("/controleren")
    field = visit.page.locator("input[type=file]")
    field.dispatch_event("dragenter")
    assert "slepen" in (field.get_attribute("class") or "")
    field.dispatch_event("dragleave")
    assert "slepen" not in (field.get_attribute("class") or "")
