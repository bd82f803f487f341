"""The call for papers in four forms and the website, from the example, checked with real tools:
Jekyll builds the pages, icalendar reads the calendar back, pypdf counts the flyer's pages."""
import datetime
import html
import re
import shutil
import subprocess

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from proposalgen.cli import main

from conftest import HOSTILE, ROOT, TESTS, make_data, starts_engine

TEXT_WIDTH = 72


@pytest.fixture(scope="module")
@starts_engine
def html_pages(built_example, tmp_path_factory):
    """The site pages built_example by Debian's jekyll in a minimal site: {permalink: html}."""
    site = tmp_path_factory.mktemp("jekyll") / "site"
    shutil.copytree(TESTS / "jekyll-site", site)
    for page in (built_example / "site").glob("*.md"):
        shutil.copy(page, site / page.name)
    subprocess.run(["jekyll", "build", "--quiet", "-s", str(site), "-d", str(site / "_site")], check=True, timeout=120)
    return {str(p.parent.relative_to(site / "_site")): p.read_text() for p in (site / "_site").rglob("index.html")}


@pytest.mark.engine
def test_jekyll_builds_every_page_at_its_permalink(html_pages):
    assert sorted(html_pages) == ["2026/committee", "2026/organizers", "2026/proposal", "2026/schedule", "2026/speakers", "2026/submissions"]


def test_schedule_table(html_pages):
    page = html_pages["2026/schedule"]
    assert '<table class="table schedule-table">' in page
    rows = re.findall(r"<tr>\s*<td[^>]*><span class=\"schedule-time\" style=\"white-space: nowrap\">([^<]+)</span></td>\s*<td[^>]*>(.*?)</td>", page, re.S)
    assert [time for time, _ in rows][:3] == ["9:00 – 9:30", "9:30 – 10:00", "10:00 – 10:30"]
    assert len(rows) == 14
    assert "<strong>Room 101-B, April 26, 2026</strong>" in page
    assert "Time (BRT)" in page
    assert 'See also the programme on <a href="https://iclr.cc/virtual/2026/workshop/10000783">the ICLR 2026 website</a>.' in page


def test_speaker_links(html_pages):
    schedule = html_pages["2026/schedule"]
    assert '<strong>Invited talk 3</strong> - <a href="https://jmcohen.github.io/">Jeremy Cohen</a> (Flatiron Institute)' in schedule
    assert '<a href="https://www.epfl.ch/labs/spoc/">Lenka Zdeborová</a>' in schedule
    assert '<a href="https://richb.rice.edu/">Richard Baraniuk</a>' in html_pages["2026/speakers"]


def test_citation_links_match_the_proposal_references(html_pages, built_example):
    description = html_pages["2026/proposal"]
    links = dict(re.findall(r'<a href="([^"]+)">([^<]+, \d{4})</a>', description))
    assert links["https://openreview.net/pdf?id=Sy8gdB9xx"] == "Zhang et al., 2016"
    assert links["https://openreview.net/pdf?id=rJl-b3RcF7"] == "Frankle and Carbin, 2019"
    pdf_references = pdf_text(built_example / "proposal.pdf").split("REFERENCES", 1)[1]
    for label in links.values():
        author = label.split(" et al.")[0].split(" and ")[0].split(",")[0]
        assert author in pdf_references


def test_call_page_dates_and_submission_link(html_pages):
    call = html.unescape(html_pages["2026/submissions"])
    assert "<strong>Submission deadline</strong>: January 30, 2026 (AoE)" in call
    assert "<strong>Acceptance notification</strong>: March 1, 2026 (AoE)" in call
    assert '<a href="https://openreview.net/group?id=ICLR.cc/2026/Workshop/Sci4DL">' in call
    assert '<a href="mailto:scienceofdl.workshop@gmail.com">' in call


def test_cfp_md_is_the_site_call_page(built_example):
    assert (built_example / "cfp.md").read_text() == (built_example / "site" / "call.md").read_text()


def test_plain_text_call_is_wrapped_without_markup(built_example):
    text = (built_example / "cfp.txt").read_text()
    assert text.startswith("Subject: [CFP] Sci4DL @ ICLR 2026, deadline January 30th, 2026\n")
    for line in text.splitlines():
        # Only a single unbreakable word (a long link) may run past the width.
        assert len(line) <= TEXT_WIDTH or " " not in line.strip(), line
    for markup in ("**", "](", "\\", "{", "}", "<!--", "`"):
        assert markup not in text
    assert "  Submission deadline ...... January 30, 2026 (AoE)\n" in text
    assert "  Acceptance notification .. March 1, 2026 (AoE)\n" in text
    assert "https://openreview.net/group?id=ICLR.cc/2026/Workshop/Sci4DL" in text


def test_calendar_deadlines_end_at_the_end_of_the_day_anywhere_on_earth(built_example):
    calendar = Calendar.from_ical((built_example / "dates.ics").read_bytes())
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    deadline = events["sci4dl-2026-submission_deadline@proposalgen"]
    assert deadline.decoded("dtend") == datetime.datetime(2026, 1, 31, 12, 0, tzinfo=datetime.UTC)
    assert str(deadline["summary"]) == "Sci4DL 2026: Submission deadline"
    assert events["sci4dl-2026-decisions@proposalgen"].decoded("dtend") == datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)
    workshop = events["sci4dl-2026-workshop@proposalgen"]
    assert (workshop.decoded("dtstart"), workshop.decoded("dtend")) == (datetime.date(2026, 4, 26), datetime.date(2026, 4, 27))


@pytest.mark.engine
def test_calendar_uids_are_stable_across_builds(built_example, tmp_path):
    assert main(["build", "cfp", "--data", str(ROOT / "data"), "--edition", "2026", "--out", str(tmp_path)]) == 0
    uids = [sorted(str(e["uid"]) for e in Calendar.from_ical(p.read_bytes()).walk("VEVENT")) for p in (built_example / "dates.ics", tmp_path / "2026" / "dates.ics")]
    assert uids[0] == uids[1] and len(uids[0]) == 3


def test_flyer_is_one_page_with_the_dates(built_example):
    assert len(PdfReader(built_example / "cfp.pdf").pages) == 1
    text = " ".join(pdf_text(built_example / "cfp.pdf").split())
    assert "CALL FOR PAPERS" in text and "January 30, 2026 (AoE)" in text


@pytest.mark.engine
def test_a_talk_title_changes_the_proposal_and_the_site(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    schedule = data / "2026" / "schedule.yaml"
    schedule.write_text(schedule.read_text().replace("speakers: [jeremy-cohen]}", "speakers: [jeremy-cohen], title: \"How does gradient descent work?\"}"))
    assert main(["build", "all", "--data", str(data), "--out", str(tmp_path / "build")]) == 0
    assert "Jeremy Cohen (Flatiron Institute): How does gradient descent work?" in " ".join(pdf_text(tmp_path / "build" / "2026" / "proposal.pdf").split())
    assert "(Flatiron Institute) : *How does gradient descent work?*" in (tmp_path / "build" / "2026" / "site" / "schedule.md").read_text()


def pdf_text(pdf):
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_reference_without_url_is_cited_without_a_link(tmp_path, run):
    make_data(tmp_path, HOSTILE / "site-reference-without-url")
    assert run("build", "site")[0] == 0
    description = (tmp_path / "build" / "2030" / "site" / "description.md").read_text()
    assert "Machines can think, argued Turing (1950)." in description
    assert "Careful experiments matter (Turing, 1950)." in description


def test_the_description_ends_with_its_references_each_a_paragraph_linked(html_pages):
    references = html_pages["2026/proposal"].split(">References</h3>")[1]
    entries = re.findall(r"<p>(.*?)</p>", references, re.S)
    assert [e.split(',')[0] for e in entries] == ['Cohen', 'Frankle', 'Gu', 'Hoffmann', 'Kaplan', 'Szegedy', 'Wilson', 'Zhang']
    assert entries[-1] == ('Zhang, C., Bengio, S., Hardt, M., Recht, B., and Vinyals, O. (2016). <a href="https://openreview.net/pdf?id=Sy8gdB9xx">'
                           'Understanding deep learning requires rethinking generalization</a>. In <em>International Conference on Learning Representations</em>.')


def test_people_cards_are_read_as_markdown_inside_their_html(html_pages):
    speakers = html_pages["2026/speakers"]
    assert speakers.count('<div class="card mb-3 person-card">') == 7
    assert '<h4 id="richard-baraniuk"><a href="https://richb.rice.edu/">Richard Baraniuk</a></h4>' in speakers
    assert "markdown=" not in speakers and "####" not in speakers and "<em>Rice University &amp; OpenStax</em>" in speakers
