"""Text prints as written: a "[" or "*" that begins a line, a list item or a table row is not
read as LaTeX's optional argument or star (real pdflatex; the PDF's text read back with pypdf), and a letter
written decomposed (macOS) reaches every output composed."""
import pytest
from pypdf import PdfReader

from conftest import HOSTILE, built_site_page, make_data
from proposalgen.cli import main
from proposalgen.diagnostics import Diagnostics
from proposalgen.load import load_yaml
from proposalgen.templating import UnsupportedCharacter, latex_environment, latex_escape


def pdf_text(data, scenario_files: dict[str, str]) -> str:
    """The proposal built from the minimal edition with ``scenario_files`` written over it, as
    one line of text (pypdf's line breaks and spacing made single spaces)."""
    for name, text in scenario_files.items():
        (data / "2030" / name).write_text(text)
    out = data.parent / "build"
    assert main(["build", "proposal", "--data", str(data), "--out", str(out)]) == 0
    return " ".join(" ".join(page.extract_text() for page in PdfReader(out / "2030" / "proposal.pdf").pages).split())


@pytest.fixture(scope="module")
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
