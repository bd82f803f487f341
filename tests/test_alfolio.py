"""The 2026 pages dropped into a copy of al-folio's layout and navigation (tests/alfolio-site, as
the series' own site has them), built by Debian's jekyll and measured in Debian's chromium: one
menu on every page of the edition, and a schedule whose time column stays on one line."""
import functools
import html
import http.server
import json
import re
import shutil
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import TESTS

# Run in each page once it is laid out: the menu's links, and the lines each time cell takes.
MEASURE = """<script>
document.addEventListener("DOMContentLoaded", () => {
  const lines = (element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom))).size;
  };
  document.body.setAttribute("data-measured", JSON.stringify({
    menu: [...document.querySelectorAll("#navbar a.nav-link")].map((a) => a.getAttribute("href")),
    time_lines: [...document.querySelectorAll("table.schedule-table tr td:first-child")].map(lines),
  }));
});
</script>"""
OUR_PAGES = ["/2026/speakers/", "/2026/submissions/", "/2026/schedule/", "/2026/proposal/", "/2026/organizers/", "/2026/committee/"]


@pytest.fixture(scope="module")
def alfolio(built_example, tmp_path_factory):
    """The al-folio site with the 2026 pages in it, built, measured and served: its address."""
    site = tmp_path_factory.mktemp("alfolio") / "site"
    shutil.copytree(TESTS / "alfolio-site", site)
    for page in (built_example / "site").glob("*.md"):
        shutil.copy(page, site / "_pages" / "2026" / page.name)
    if (built_example / "site" / "assets").exists():
        shutil.copytree(built_example / "site" / "assets", site / "assets", dirs_exist_ok=True)
    subprocess.run(["jekyll", "build", "--quiet", "-s", str(site), "-d", str(site / "_site")], check=True, timeout=120)
    for page in (site / "_site").rglob("index.html"):
        page.write_text(page.read_text().replace("</body>", MEASURE + "</body>"))
    handler = functools.partial(_QuietHandler, directory=str(site / "_site"))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        yield f"http://127.0.0.1:{server.server_address[1]}"
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def measured(url: str, profile, width: int = 1200) -> dict:
    """What the page's script measured in chromium (with the profile folder ``profile``), at a
    window ``width`` pixels wide."""
    dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
                          f"--window-size={width},2000", "--dump-dom", url], capture_output=True, text=True, timeout=120, check=True).stdout
    return json.loads(html.unescape(re.search(r'data-measured="([^"]*)"', dom)[1]))


def test_every_page_of_the_edition_shows_one_menu_of_all_of_them(alfolio, tmp_path):
    pages = ["/2026/", *OUR_PAGES]
    with ThreadPoolExecutor(max_workers=2) as pool:  # a chromium each, side by side
        menus = list(pool.map(lambda page: measured(alfolio + page, tmp_path / page.strip("/").replace("/", "-"))["menu"], pages))
    # On each: the landing page, the site's own About page, then ours by nav_order.
    assert menus == [["/", "/2026/", *OUR_PAGES]] * len(pages)


def test_an_earlier_editions_page_keeps_its_own_menu(alfolio, tmp_path):
    assert measured(alfolio + "/2024/schedule/", tmp_path)["menu"] == ["/", "/2024/schedule/"]


def test_the_schedules_times_stay_on_one_line_in_a_narrow_window(alfolio, tmp_path):
    assert measured(alfolio + "/2026/schedule/", tmp_path, width=360)["time_lines"] == [1] * 14
