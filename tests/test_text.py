"""Text prints as written: a "[" or "*" that begins a line, a list item or a table row is not
read as LaTeX's optional argument or star (real pdflatex; the PDF's text read back with pypdf), and a letter
written decomposed (macOS) reaches every output composed."""
import dataclasses
from types import MappingProxyType

import pytest
from pypdf import PdfReader

from proposalgen.cli import main
from proposalgen.commands.check import check
from proposalgen.diagnostics import Diagnostics, Location
from proposalgen.exceptions import UnsupportedCharacter
from proposalgen.model.edition import Name, Prose
from proposalgen.model.texts import data_texts
from proposalgen.render.environments import latex_environment
from proposalgen.source.load import load_yaml
from proposalgen.text.latex import latex_escape

from conftest import HOSTILE, ROOT, built_site_page, make_data, starts_engine


def pdf_text(data, scenario_files: dict[str, str]) -> str:
    """The proposal built from the minimal edition with ``scenario_files`` written over it, as
    one line of text (pypdf's line breaks and spacing made single spaces)."""
    for name, text in scenario_files.items():
        (data / "2030" / name).write_text(text)
    out = data.parent / "build"
    assert main(["build", "proposal", "--data", str(data), "--out", str(out)]) == 0
    return " ".join(" ".join(page.extract_text() for page in PdfReader(out / "2030" / "proposal.pdf").pages).split())


@pytest.fixture(scope="module")
@starts_engine
def brackets(tmp_path_factory):
    """The proposal of the bracket scenarios' prose, schedule and roles, with a bio that begins with one."""
    data = make_data(tmp_path_factory.mktemp("brackets"), HOSTILE / "text-bracket-starts-a-schedule-row")
    task_list = (HOSTILE / "text-bracket-task-list" / "2030" / "prose" / "motivation.md").read_text()
    line_breaks = (HOSTILE / "text-bracket-after-line-break-in-prose" / "2030" / "prose" / "motivation.md").read_text()
    people = (data / "2030" / "people.yaml").read_text().replace("Ada Lovelace wrote", "[Chair] Ada Lovelace wrote")
    return pdf_text(data, {"prose/motivation.md": line_breaks + "\n" + task_list, "people.yaml": people})


@pytest.mark.parametrize("text", [
    "[draft] The line after a hard break.", "[1] After two trailing spaces.", "[draft] A paragraph that begins with a bracket.",
    "[1] a code line", "[2] the next one",
    "[x] venue booked", "[ ] speakers confirmed", "[Chair] named",
    "[Keynote] Opening", "[1] Computing machinery", "[Coffee] Break", "[1] In the hall", "*Lunch* on the terrace",
    "[Chair] Ada Lovelace wrote the first program.",
])
def test_a_bracket_or_star_that_begins_a_line_item_or_row_prints_literally(brackets, text):
    assert text in brackets


def test_letters_written_decomposed_reach_every_output_composed(tmp_path, run):
    make_data(tmp_path, HOSTILE / "text-decomposed-letters")
    page = built_site_page(tmp_path, run, "pages:\n  committee: {}\n", "committee")
    assert "Jos\u00e9 No\u00ebther (G\u00f6ttingen)" in page and "\u0301" not in page


def test_yaml_values_are_composed_and_keep_their_columns_as_written(tmp_path):
    line = '{name: "Jose\u0301", title: x}'
    (tmp_path / "a.yaml").write_text(line + "\n")
    (_, name), (_, title) = load_yaml(tmp_path / "a.yaml", Diagnostics()).value
    assert (name.value, title.start_mark.column) == ("Jos\u00e9", line.index("x"))


def test_a_value_upper_cased_by_a_template_is_named_as_written():
    template = latex_environment(None).from_string(r"\VAR{title | upper}")
    with pytest.raises(UnsupportedCharacter) as raised:
        template.render(title="Motivation \U0001F3AF")
    assert str(raised.value) == "cannot typeset '\U0001F3AF' (U+1F3AF) in 'Motivation \U0001F3AF'"


@pytest.mark.parametrize("text, named", [("Careful\x7f", "'\\x7f' (U+007F) in 'Careful\\x7f'"), ("A\rB", "'\\x0d' (U+000D) in 'A\\x0dB'")])
def test_control_characters_pylatexenc_would_keep_are_refused(text, named):
    with pytest.raises(UnsupportedCharacter) as raised:
        latex_escape(text)
    assert str(raised.value) == f"cannot typeset {named}"


# Texts of the model that are not printed as text: ids, keys and choices, URLs (percent-encoded
# by the templates' url filter), zone labels the reader made, computed or placeholder values.
# Prose is checked line by line, with the values filled into it (the previous edition's among them).
# A site page's title is front matter only, which the site's pages escape by their own rules.
NOT_PRINTED_AS_TEXT = {
    "Block.name", "CitationStyle.kind", "Dates.timezone", "Deadline.timezone", "Edition.engine", "Edition.name",
    "EditionLink.name", "EditionLink.permalink", "Outcome", "Participant.status", "Person.id", "Person.links", "Person.photo",
    "Person.openreview", "Reference.entry_type", "Reference.key", "Reference.url", "ScheduleItem.kinds", "ScheduleItem.speaker_ids", "ScheduleItem.clock",
    "ScheduleItem.url", "Paper.url", "Site.prefix", "Site.conference_schedule", "SitePage.kind", "SitePage.layout", "SitePage.slug", "SitePage.title", "Track.style_files",
    "Venue.assumed", "Venue.excludes", "Venue.id", "Venue.note", "Venue.required_sections", "Venue.source_url", "Committee.name", "Person.attributes",
}


def model_texts(value, field: str = "Edition"):
    """Each text in the edition's model, with the field that holds it ("Person.name")."""
    if isinstance(value, str):
        yield field, value
    elif isinstance(value, Name):
        yield field, f"{value.first} {value.last}"
    elif dataclasses.is_dataclass(value) and not isinstance(value, (Prose, Location)):
        for f in dataclasses.fields(value):
            if f.name not in ("values", "previous") and type(value).__name__ not in NOT_PRINTED_AS_TEXT:
                yield from model_texts(getattr(value, f.name), f"{type(value).__name__}.{f.name}")
    elif isinstance(value, (tuple, MappingProxyType)):
        for item in value.values() if isinstance(value, MappingProxyType) else value:
            yield from model_texts(item, field)


def test_every_text_the_documents_print_is_checked_for_characters():
    edition = check(ROOT / "data" / "2026", Diagnostics())
    checked = {text for _, text, _ in data_texts(edition)}
    unchecked = {field for field, text in model_texts(edition) if text and text not in checked and field not in NOT_PRINTED_AS_TEXT}
    assert unchecked == set()
