"""The site pages dropped into a copy of al-folio's layout, navigation and stylesheet
(tests/alfolio-site, as the series' own site has them), built by Debian's jekyll and looked at in
Debian's chromium: one menu on every page of an edition, a schedule whose time column stays on
one line, links coloured as links, no heading inside a list, and kramdown reading every page
without a warning. The pages: the example's 2026 and 2024 editions (the 2024 one has accepted
papers) and the minimal edition with the papers and contributed talks of test_papers (2030)."""
import contextlib
import functools
import html
import http.server
import json
import re
import shutil
import subprocess
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from test_papers import PAPERS, SCHEDULE

from proposalgen.cli import main

from conftest import ROOT, TESTS, made_once, make_data, starts_engine

# Run in each page once it is laid out: the menu's links, the lines each time cell takes, the
# colour of every piece of text inside a link of the page's content against the colour the
# stylesheet gives a link and body text there, and the headings that stand inside a list item.
MEASURE = """<script>
document.addEventListener("DOMContentLoaded", () => {
  const lines = (element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom))).size;
  };
  const article = document.querySelector("article");
  const colourOf = (tag) => {
    const probe = article.appendChild(document.createElement(tag));
    if (tag === "a") probe.href = "#";
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  };
  const ownText = (element) => [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
  const linkTexts = [...article.querySelectorAll("a")].flatMap((a) => [a, ...a.querySelectorAll("*")]).filter(ownText);
  document.body.setAttribute("data-measured", JSON.stringify({
    menu: [...document.querySelectorAll("#navbar a.nav-link")].map((a) => a.getAttribute("href")),
    time_lines: [...document.querySelectorAll("table.schedule-table tr td:first-child")].map(lines),
    link_colour: colourOf("a"),
    text_colour: colourOf("p"),
    link_texts: linkTexts.map((e) => [e.textContent.trim(), getComputedStyle(e).color]),
    headings_in_lists: [...article.querySelectorAll("li h1, li h2, li h3, li h4, li h5, li h6")].map((h) => h.textContent),
  }));
});
</script>"""
OUR_PAGES = ["/2026/speakers/", "/2026/submissions/", "/2026/schedule/", "/2026/proposal/", "/2026/organizers/", "/2026/committee/"]
EARLIER_PAGES = ["/2024/proposal/", "/2024/papers/"]
PAPERS_PAGES = ["/2030/schedule/", "/2030/papers/"]
GENERATED = OUR_PAGES + EARLIER_PAGES + PAPERS_PAGES
# A page of the fixture's own whose HTML kramdown warns about: the warnings are read page by page.
PROBE = "---\nlayout: page\ntitle: Probe\npermalink: /probe/\n---\nAn unclosed <span>tag\n"
PROBE_WARNING = "Kramdown warning: Found no end tag for 'span' (line 1) - auto-closing it"


def drop_pages(built: Path, site: Path, edition: str) -> None:
    """As the docs' al-folio recipe (docs/website.md) does: the pages into _pages/<edition>/, assets/ merged into the site's."""
    (site / "_pages" / edition).mkdir(exist_ok=True)
    for page in (built / "site").glob("*.md"):
        shutil.copy(page, site / "_pages" / edition / page.name)
    if (built / "site" / "assets").exists():
        shutil.copytree(built / "site" / "assets", site / "assets", dirs_exist_ok=True)


def built_with_papers(folder: Path) -> Path:
    """The minimal edition with accepted papers and contributed talks naming them, its site built."""
    data = make_data(folder)
    (data / "2030" / "papers.csv").write_text(PAPERS)
    (data / "2030" / "schedule.yaml").write_text(SCHEDULE.format(timezone="Europe/Paris"))
    (data / "2030" / "site.yaml").write_text("room: Hall A\n")
    assert main(["build", "site", "--data", str(data), "--out", str(folder / "build")]) == 0
    return folder / "build" / "2030"


@pytest.fixture(scope="module")
@starts_engine
def alfolio_site(built_example, tmp_path_factory):
    """The al-folio site with the pages in it, built once per run with kramdown's warnings shown:
    its built folder and the warnings by page."""
    folder = made_once(tmp_path_factory, "alfolio", lambda folder: built_site(built_example, folder))
    return folder / "site" / "_site", json.loads((folder / "warnings.json").read_text())


def built_site(built_example: Path, folder: Path) -> None:
    site = folder / "site"
    shutil.copytree(TESTS / "alfolio-site", site)
    drop_pages(built_example, site, "2026")
    assert main(["build", "site", "--data", str(ROOT / "data"), "--edition", "2024", "--out", str(folder / "build")]) == 0
    drop_pages(folder / "build" / "2024", site, "2024")
    drop_pages(built_with_papers(folder / "papers"), site, "2030")
    (site / "_pages" / "probe.md").write_text(PROBE)
    (folder / "warnings.yml").write_text("kramdown:\n  input: GFM\n  show_warnings: true\n")
    log = subprocess.run(["jekyll", "build", "--verbose", "-s", str(site), "-d", str(site / "_site"), "--config",
                          f"{site / '_config.yml'},{folder / 'warnings.yml'}"], check=True, timeout=120,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # one stream: each warning under its page
    for page in (site / "_site").rglob("index.html"):
        page.write_text(page.read_text().replace("</body>", MEASURE + "</body>"))
    (folder / "warnings.json").write_text(json.dumps(kramdown_warnings(log.stdout)))


@contextlib.contextmanager
def served(built: Path):
    """The built site served on a free port of this machine: its address."""
    handler = functools.partial(_QuietHandler, directory=str(built))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        yield f"http://127.0.0.1:{server.server_address[1]}"
        server.shutdown()


@pytest.fixture(scope="module")
def alfolio(alfolio_site):
    """The site served: its address and the warnings by page."""
    built, warnings = alfolio_site
    with served(built) as address:
        yield address, warnings


def kramdown_warnings(log: str) -> dict[str, list[str]]:
    """Kramdown's warnings in a verbose Jekyll log, under the page being rendered."""
    warnings: dict[str, list[str]] = {}
    page = ""
    for line in re.sub(r"\x1b\[[0-9;]*m", "", log).splitlines():
        if rendering := re.match(r"\s*Rendering: (.+)", line):
            page = rendering[1]
        elif "Kramdown warning" in line:
            warnings.setdefault(page, []).append(line.strip())
    return warnings


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def measured(url: str, profile, width: int = 1200) -> dict:
    """What the page's script measured in chromium (with the profile folder ``profile``), at a
    window ``width`` pixels wide."""
    dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
                          f"--window-size={width},2000", "--dump-dom", url], capture_output=True, text=True, timeout=120, check=True).stdout
    return json.loads(html.unescape(re.search(r'data-measured="([^"]*)"', dom)[1]))


@pytest.fixture(scope="module")
def pages(alfolio_site, tmp_path_factory):
    """Every page measured in a window 1200 pixels wide, once per run: {path: measures}."""
    folder = made_once(tmp_path_factory, "alfolio-pages", lambda folder: measured_pages(alfolio_site[0], folder))
    return json.loads((folder / "pages.json").read_text())


def measured_pages(built: Path, folder: Path) -> None:
    paths = ["/2026/", *GENERATED, "/2024/schedule/"]
    with served(built) as address, ThreadPoolExecutor(max_workers=2) as pool:  # a chromium each, side by side
        found = pool.map(lambda path: measured(address + path, folder / path.strip("/").replace("/", "-")), paths)
        (folder / "pages.json").write_text(json.dumps(dict(zip(paths, found))))


def test_every_page_of_the_edition_shows_one_menu_of_all_of_them(pages):
    # On each: the landing page, the site's own About page, then ours by nav_order.
    assert [pages[page]["menu"] for page in ["/2026/", *OUR_PAGES]] == [["/", "/2026/", *OUR_PAGES]] * 7


def test_an_earlier_editions_pages_keep_their_own_menu(pages):
    # The site's own 2024 schedule page (nav_order 3), then the 2024 pages by their nav_order.
    assert [pages[page]["menu"] for page in ["/2024/schedule/", *EARLIER_PAGES]] == [["/", "/2024/schedule/", *EARLIER_PAGES]] * 3


def test_the_schedules_times_stay_on_one_line_in_a_narrow_window(alfolio, tmp_path):
    assert measured(alfolio[0] + "/2026/schedule/", tmp_path, width=360)["time_lines"] == [1] * 14


def test_every_link_is_coloured_as_a_link(pages):
    """al-folio colours strong and em as body text: a title emphasised inside its link would not
    look like a link. Every text inside a link must have al-folio's link colour."""
    link, text = pages["/2026/schedule/"]["link_colour"], pages["/2026/schedule/"]["text_colour"]
    assert (link, text) == ("rgb(0, 54, 159)", "rgb(0, 0, 0)")
    unlike = {page: [t for t, colour in pages[page]["link_texts"] if colour != link] for page in GENERATED}
    assert unlike == dict.fromkeys(GENERATED, [])
    titles = [t for page in PAPERS_PAGES for t, _ in pages[page]["link_texts"]]
    assert {"Careful Baselines", "More Seeds", "Ablations All the Way Down"} <= set(titles)


def test_no_heading_stands_in_a_list(pages):
    assert {page: pages[page]["headings_in_lists"] for page in GENERATED} == dict.fromkeys(GENERATED, [])


def test_kramdown_reads_every_page_without_a_warning(alfolio):
    # The probe, a page of the fixture's own, shows that a warning would be seen, and where.
    assert alfolio[1] == {"_pages/probe.md": [PROBE_WARNING]}


def test_the_schedule_links_its_calendar_where_the_site_serves_it(alfolio):
    page = urllib.request.urlopen(alfolio[0] + "/2026/schedule/").read().decode()
    link = re.search(r'<a href="([^"]+)">schedule\.ics</a>', page)[1]
    assert link == "/assets/2026/schedule.ics"
    assert urllib.request.urlopen(alfolio[0] + link).read().startswith(b"BEGIN:VCALENDAR")
