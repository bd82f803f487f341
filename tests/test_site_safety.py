"""Site pages never run anything: one edition carrying every attack on the site
(tests/hostile/site-every-attack-shows-as-text) is built, and its pages built with Jekyll in the
minimal site of tests/jekyll-site/; each attack must reach the HTML as the text written."""
import html
import re
import shutil
import subprocess

import pytest

from proposalgen.cli import main

from conftest import HOSTILE, TESTS, make_data, starts_engine

# What the layout and kramdown write: every other element would have come from the data.
OUR_ELEMENTS = {"html", "head", "meta", "title", "style", "body", "nav", "a", "h1", "h2", "h3", "article", "p", "code",
                "div", "pre", "ul", "li", "strong", "em", "table", "thead", "tbody", "tr", "th", "td",
                "span", "h4"}  # the schedule's unbreakable times, the cards' names


@pytest.fixture(scope="module")
@starts_engine
def pages(tmp_path_factory):
    """The attack edition's pages as Jekyll builds them: {page kind: its article's HTML}."""
    folder = tmp_path_factory.mktemp("attacks")
    make_data(folder, HOSTILE / "site-every-attack-shows-as-text")
    assert main(["build", "site", "--data", str(folder / "data"), "--out", str(folder / "build")]) == 0
    site = folder / "jekyll"
    shutil.copytree(TESTS / "jekyll-site", site)
    for page in (folder / "build" / "2030" / "site").glob("*.md"):
        shutil.copy(page, site / page.name)
    subprocess.run(["jekyll", "build", "--quiet", "-s", str(site), "-d", str(site / "_site")], check=True, timeout=120)
    return {p.parent.name: p.read_text() for p in (site / "_site" / "2030").glob("*/index.html")}


def shown(page: str) -> str:
    """The text a reader sees, quotes straightened (kramdown curls them)."""
    return html.unescape(page).translate(str.maketrans("‘’“”", "''\"\""))


@pytest.mark.parametrize("kind, text", [
    ("organizers", "<code class=\"language-plaintext highlighter-rouge\">{{7|times:7}}</code>"),  # a bio's code span
    ("description", "<code class=\"language-plaintext highlighter-rouge\">{{8|times:8}}</code>"),  # a prose code span
    ("description", "{%- assign x = 3 -%}"),  # a tag with whitespace control
    ("description", "{% endraw %}{{6|times:6}}"),  # the end of a raw block, as text
    ("description", "<code class=\"language-plaintext highlighter-rouge\">{{{x}}} {{% {%{{ }}}</code>"),  # braces run together
    ("description", "{{9|times:9}} in a code block {% if true %}yes-liquid-ran{% endif %}"),  # a code block
    ("description", "says {{7|times:7}} in text"),  # a value filled into prose
    ("call", "{{5|times:5}}"),  # the call's prose
    ("call", "https://openreview.net/group?id={{7|times:7}}|x"),  # the submission link's text
    ("call", "wce{{7|times:7}}@example.org"),  # the contact address
    ("schedule", "Room {{ site.title }} {% include x %}"),  # the room
    ("schedule", "On {% include secret %} | cut"),  # a talk title
    ("speakers", "Alan {{7|times:7}} Turing"),  # a name
    ("description", "<h1>Title {{7|times:7}} <script>alert('title')</script></h1>"),  # the front matter's title, below escaped
])
def test_liquid_in_a_value_shows_as_written(pages, kind, text):
    assert text in shown(pages[kind])


def test_no_liquid_ran(pages):
    everything = "".join(pages.values())
    assert "49" not in everything and "64" not in everything and "yes-liquid-ran{" not in everything.replace("yes-liquid-ran{% endif", "")
    assert "proposalgen test site" not in everything.split("</title>", 1)[1]  # {{ site.title }} in the room


def test_braces_in_urls_are_percent_encoded(pages):
    assert '<a href="https://example.org/%7B%7B7%7Ctimes:7%7D%7D/turing">' in pages["speakers"]
    assert '<a href="mailto:wce%7B%7B7%7Ctimes:7%7D%7D@example.org">' in pages["call"]
    assert '<a href="https://openreview.net/group?id=%7B%7B7%7Ctimes:7%7D%7D%7Cx">' in pages["call"]


@pytest.mark.parametrize("kind, escaped", [
    ("description", "&lt;script&gt;alert(‘block’)&lt;/script&gt;"),  # an HTML block in prose
    ("description", "&lt;img src=x onerror=”alert(‘img’)”&gt;"),  # an inline event handler
    ("description", "&lt;iframe src=”https://example.org/frame”&gt;&lt;/iframe&gt;"),
    ("organizers", "&lt;script&gt;alert(‘bio’)&lt;/script&gt;"),  # a bio
    ("organizers", "&lt;b onmouseover=”alert(‘hover’)”&gt;the first&lt;/b&gt;"),
    ("description", "<h1>Title {{7|times:7}} &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</h1>"),  # by the layout
])
def test_raw_html_shows_as_text(pages, escaped, kind):
    assert escaped in pages[kind]


def test_no_element_or_attribute_from_the_data(pages):
    everything = "".join(pages.values())
    assert set(re.findall(r"<(\w+)", everything)) == OUR_ELEMENTS
    assert re.findall(r"<[^>]*\son\w+\s*=", everything) == [] and 'href="javascript:' not in everything


def test_kramdown_extensions_show_as_text(pages):
    text = shown(pages["description"])
    assert '{::options parse_block_html="true" /}' in text and "{::nomarkdown}<b>nomarkdown</b>{:/}" in text
    assert 'A paragraph with an attribute list {: .evil onclick="alert(\'ial\')"}</p>' in text
    assert 'class="evil"' not in pages["description"]


def test_line_breaks_and_bars_in_values_stay_in_their_row(pages):
    rows = pages["schedule"].split("<tbody>")[1].count("<tr>")
    assert rows == 3
    assert "<strong>Coffee | cut | {{7|times:7}}</strong></td>" in pages["schedule"]
    assert "(Manchester | cut) : <em>On {% include secret %} | cut</em></td>" in pages["schedule"]
    assert "<li>Emmy | Noether (Göttingen | cut | row |)</li>" in pages["committee"]


def built_page(tmp_path, run, scenario: str, kind: str) -> str:
    make_data(tmp_path, HOSTILE / scenario)
    assert run("build", "site")[0] == 0
    return (tmp_path / "build" / "2030" / "site" / f"{kind}.md").read_text()


def test_html_is_kept_when_the_site_allows_it(tmp_path, run):
    page = built_page(tmp_path, run, "site-html-allowed", "description")
    assert '\n<div class="note">A note of our own.</div>\n' in page
    assert 'Some <abbr title="Workshop on Careful Experiments">WCE</abbr> text.' in page


def test_html_is_escaped_for_kramdown_by_default(tmp_path, run):
    page = built_page(tmp_path, run, "site-html-in-prose-shows-as-text", "description")
    assert "\n\\<script\\>alert(1)\\</script\\>\n" in page
    assert 'Inline \\<img src=x onerror=alert(2)\\> and \\<iframe src="https://example.org"\\>\\</iframe\\>.' in page


def test_a_title_stays_one_quoted_yaml_value(tmp_path, run):
    import yaml

    page = built_page(tmp_path, run, "site-front-matter-title-breaks-out", "description")
    front = yaml.safe_load(page.split("---\n")[1])
    assert front["title"] == 'Title"\n---\nlayout: evil\u2028permalink: /\u0085x' and front["layout"] == "page"
    assert page.count("\n---\n") == 1


@pytest.mark.parametrize("url, allowed", [
    ("https://example.org/a?b=c", True), ("HTTP://EXAMPLE.ORG", True), ("mailto:wce@example.org", True),
    ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), (" https://example.org", False),
    ("java\tscript:alert(1)", False), ("https://example.org/\nx", False), ("\x01https://example.org", False),
    ("data:image/png;base64,AAAA", False), ("vbscript:msgbox(1)", False), ("/2029/", False), ("//evil.example", False),
])
def test_only_web_and_mail_links_are_allowed(url, allowed):
    from proposalgen.model.edition import link_allowed

    assert link_allowed(url) is allowed
    assert link_allowed(url, mail=False) is (allowed and not url.startswith("mailto:"))
