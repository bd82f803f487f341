"""The example series builds into the proposal it was entered from (real pdflatex, real PDF)."""
import json
import re
import shutil
import subprocess

import pytest
import yaml

from proposalgen.cli import main

from conftest import ROOT

EDITION = ROOT / "data" / "2026"

# The reference list of the submitted 2026 proposal, entry for entry.
REFERENCES = [
    "Cohen, J., Kaur, S., Li, Y., Kolter, J. Z., and Talwalkar, A. (2020). Gradient descent on neural networks typically occurs at the edge of stability. In International Conference on Learning Representations.",
    "Frankle, J. and Carbin, M. (2019). The lottery ticket hypothesis: Finding sparse, trainable neural networks. In International Conference on Learning Representations.",
    "Gu, S. and Rigazio, L. (2014). Towards deep neural network architectures robust to adversarial examples. arXiv preprint arXiv:1412.5068.",
    "Hoffmann, J., Borgeaud, S., Mensch, A., Buchatskaya, E., Cai, T., Rutherford, E., Casas, D. d. L., Hendricks, L. A., Welbl, J., Clark, A., et al. (2022). Training compute-optimal large language models. arXiv preprint arXiv:2203.15556.",
    "Kaplan, J., McCandlish, S., Henighan, T., Brown, T. B., Chess, B., Child, R., Gray, S., Radford, A., Wu, J., and Amodei, D. (2020). Scaling laws for neural language models. arXiv preprint arXiv:2001.08361.",
    "Lindsey, J., Gurnee, W., Ameisen, E., Chen, B., Pearce, A., Turner, N. L., Citro, C., Abrahams, D., Carter, S., Hosmer, B., Marcus, J., Sklar, M., Templeton, A., Bricken, T., McDougall, C., Cunningham, H., Henighan, T., Jermyn, A., Jones, A., Persic, A., Qi, Z., Thompson, T. B., Zimmerman, S., Rivoire, K., Conerly, T., Olah, C., and Batson, J. (2025). The biology of language models. Transformer Circuits Thread.",
    "Nakkiran, P., Kaplun, G., Bansal, Y., Yang, T., Barak, B., and Sutskever, I. (2021). Deep double descent: Where bigger models and more data hurt. Journal of Statistical Mechanics: Theory and Experiment, 2021(12):124003.",
    "Szegedy, C., Zaremba, W., Sutskever, I., Bruna, J., Erhan, D., Goodfellow, I., and Fergus, R. (2014). Intriguing properties of neural networks. In International Conference on Learning Representations.",
    "Wilson, A. G. (2025). Deep learning is not so mysterious or different. arXiv preprint arXiv:2503.02113.",
    "Zhang, C., Bengio, S., Hardt, M., Recht, B., and Vinyals, O. (2016). Understanding deep learning requires rethinking generalization. In International Conference on Learning Representations.",
]

# Rows of the proposal's schedule table: time range, session, notes.
SCHEDULE_ROWS = [
    "9:00–9:30 Invited talk 1 Jascha Sohl-Dickstein (Anthropic)",
    "9:30–10:00 Invited talk 2 Preetum Nakkiran (Apple)",
    "10:00–10:30 Invited talk 3 Jeremy Cohen (Flatiron Institute)",
    "10:30–11:00 Coffee Break (mentorship program)",
    "11:00–11:30 Contributed talks 1 & 2 15 minutes each",
    "11:30–12:30 Poster Session 1",
    "12:30–13:30 Lunch Break",
    "13:30–14:00 Contributed talks 3 & 4 15 minutes each",
    "14:00–14:30 Invited talk 4 Julia Kempe (NYU & Meta)",
    "14:30–15:00 Invited talk 5 Matthieu Wyart (Johns Hopkins University)",
    "15:00–15:30 Coffee Break (mentorship program)",
    "15:30–16:30 Panel Discussion Lenka Zdeborová (EPFL)",
    "16:30–17:00 Competition winners",
    "17:00–18:00 Poster Session 2",
]


def squeezed(text: str) -> str:
    """Text without whitespace or hyphens, so that line breaks and hyphenation do not matter."""
    return re.sub(r"[\s\-‐]", "", text)


@pytest.fixture(scope="module")
def pdf_text(built_example):
    """The PDF's text with the page-number footers taken out, so text running over a page reads on."""
    text = subprocess.run(["pdftotext", str(built_example / "proposal.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\n\d+\n\n\f", "\n", text)


@pytest.fixture(scope="module")
def pdf_layout(built_example):
    layout = subprocess.run(["pdftotext", "-layout", str(built_example / "proposal.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    return [re.sub(r"\s+", " ", line).strip() for line in layout.splitlines()]


def people_in(role: str) -> list[dict]:
    registry = {p["id"]: p for p in yaml.safe_load((EDITION / "people.yaml").read_text())["people"]}
    entries = yaml.safe_load((EDITION / "roles.yaml").read_text())[role]
    return [registry[e if isinstance(e, str) else e["person"]] for e in entries]


def test_accented_names_come_out_right(pdf_text):
    for name in ("Brice Ménard", "Nathanaël Cuvelle-Magar", "Leo Klärner", "Lenka Zdeborová", "École Normale Supérieure"):
        assert squeezed(name) in squeezed(pdf_text)


def test_every_organizer_with_affiliation_email_and_bio(pdf_text):
    organizers = people_in("organizers")
    assert len(organizers) == 8
    for person in organizers:
        heading = f"{person['name']}, {person['affiliation']}".upper()
        assert squeezed(heading) in squeezed(pdf_text)
        assert person["email"] in pdf_text
        assert squeezed(person["bio"].replace("**", "")) in squeezed(pdf_text)


def test_every_committee_member_with_affiliation(pdf_text):
    members = people_in("committee")
    assert len(members) == 41
    for person in members:
        assert squeezed(f"{person['name']} ({person['affiliation']})") in squeezed(pdf_text)
    assert "an initial list of 41 program committee members" in pdf_text.replace("\n", " ")


def test_schedule_rows(pdf_layout):
    for row in SCHEDULE_ROWS:
        assert row in pdf_layout


def test_reference_list_matches_the_proposal(pdf_text):
    references = squeezed(pdf_text.split("REFERENCES", 1)[1])
    positions = [references.find(squeezed(entry)) for entry in REFERENCES]
    assert -1 not in positions
    assert positions == sorted(positions)


def test_author_year_citations_in_text(pdf_text):
    text = " ".join(pdf_text.split())
    for citation in ("(Zhang et al., 2016)", "(Frankle and Carbin, 2019)", "(Wilson, 2025)", "(Hoffmann et al., 2022)"):
        assert citation in text


def test_dates_come_from_the_data(pdf_text):
    text = " ".join(pdf_text.split())
    assert "with a deadline of January 30th, 2026" in text
    assert "The reviewing period will be February 3rd–February 24th, with final decisions released to authors on March 1st." in text


def test_report_measures_the_main_part_within_the_limit(built_example):
    report = json.loads((built_example / "report.json").read_text())
    pages = report["pages"]["proposal"]
    assert report["ok"] is True
    assert pages["limit"] == 4
    assert 0 < pages["main_part"] <= 4
    assert pages["total"] > pages["main_part"]
    assert pages["assumed"] == ["page_limit", "excludes", "required_sections"]  # iclr-2026: not verified on its page
    titles = ["before section 1", "Motivation and description", "Schedule and logistics", "Workshop organizers", "references"]
    assert [s["title"] for s in pages["sections"]] == titles
    assert pages["main_part"] == pytest.approx(sum(s["counted"] for s in pages["sections"]), abs=0.05 * (len(pages["sections"]) + 1))  # each rounded
    assert pages["excluded"]["organizers"] > 1 and pages["sections"][3]["counted"] < 0.5


@pytest.mark.engine
def test_the_main_part_counts_sections_after_an_excluded_part(tmp_path):
    """The organizers come first here: the sections after them still count, as the venue counts them."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    edition = (data / "2026" / "edition.yaml").read_text()
    organizers = edition[edition.index("  - title: Workshop organizers"):]
    reordered = edition.replace(organizers, "").replace("sections:\n", "sections:\n" + organizers)
    (data / "2026" / "edition.yaml").write_text(reordered)
    assert main(["build", "proposal", "--data", str(data), "--edition", "2026", "--out", str(tmp_path / "build")]) == 0
    pages = json.loads((tmp_path / "build" / "2026" / "report.json").read_text())["pages"]["proposal"]
    assert 3 < pages["main_part"] <= 4


def test_page_marks_agree_with_the_pdf(built_example):
    """The marks TeX wrote at shipout put each section on the page where pypdf finds its heading."""
    from pypdf import PdfReader

    pdf = PdfReader(built_example / "proposal.pdf")
    pages = json.loads((built_example / "report.json").read_text())["pages"]["proposal"]
    assert pages["total"] == len(pdf.pages)
    for section in (s for s in pages["sections"] if s["number"]):
        heading, page = f"{section['number']} {section['title'].upper()}", section["page"]
        found = [n for n, p in enumerate(pdf.pages, start=1) if heading in " ".join(p.extract_text().split())]
        assert found == [page], heading
