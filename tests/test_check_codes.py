"""Every check code the source gives is listed in vocabulary.CHECK_CODES, which series.yaml's
`ignore` takes and the docs' checks page documents, each code with its severities, an example and
how to silence it; `ignore` silences warnings, never errors."""
import ast
import re

from proposalgen.vocabulary import CHECK_CODES

from conftest import ROOT, make_data
from docs_pages import fenced_blocks, page_text

SOURCE = ROOT / "src" / "proposalgen"


def severities_given() -> dict[str, set[str]]:
    """The severities of each code the source gives, by the call that makes its diagnostic:
    ``.error("code", ...)``, ``.warning("code", ...)``, ``Diagnostic(ERROR, "code", ...)``, and
    ``code="..."`` passed on to an ``error``; papers.csv's rows name a column first, their code
    by keyword."""
    given: dict[str, set[str]] = {}
    for file in SOURCE.rglob("*.py"):
        for call in (node for node in ast.walk(ast.parse(file.read_text())) if isinstance(node, ast.Call)):
            for code, severity in _codes_of(call):
                given.setdefault(code, set()).add(severity)
    return given


def _codes_of(call: ast.Call) -> set[tuple[str, str]]:
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    by_row = isinstance(call.func, ast.Attribute) and getattr(call.func.value, "id", "") == "row"
    position = {"error": 0, "warning": 0, "Diagnostic": 1}.get(name)
    severity = getattr(call.args[0], "id", "").lower() if name == "Diagnostic" and call.args else name
    given = [k.value for k in call.keywords if k.arg == "code"]
    if position is not None and not by_row and len(call.args) > position:
        given.append(call.args[position])
    branches = [part for node in given for part in ((node.body, node.orelse) if isinstance(node, ast.IfExp) else (node,))]
    return {(node.value, severity) for node in branches if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def test_every_code_given_is_listed_and_every_listed_code_given():
    assert set(severities_given()) == set(CHECK_CODES)


def checks_page_sections() -> dict[str, str]:
    """The checks page's section of each code, by the code of its heading (``## `cite` ``)."""
    parts = re.split(r"^## `([a-z]+)`$", page_text("checks.md"), flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


SILENCE = {("error",): "An error: it cannot be silenced", ("warning",): "Silence it in `series.yaml`: `ignore: [{code}]`.",
           ("error", "warning"): "`ignore: [{code}]` in `series.yaml` silences its warnings; its errors are always reported."}


def test_the_checks_page_gives_each_code_its_severities_an_example_and_how_to_silence_it():
    sections, given = checks_page_sections(), severities_given()
    assert sorted(sections) == sorted(CHECK_CODES)
    for code, section in sections.items():
        severities = tuple(sorted(given[code]))
        assert f"**{' and '.join(severities).capitalize()}.**" in section, code
        assert SILENCE[severities].format(code=code) in section, code
        assert any(block.output_of and f"[{code}]" in block.content for block in fenced_blocks() if block.page == "checks.md" and block.content in section), code


def test_ignore_silences_warnings_of_its_codes_not_errors(tmp_path, run):
    data = make_data(tmp_path)
    (data / "2030" / "prose" / "motivation.md").write_text("TODO: write [@nobody2030].\n")
    code, err = run("check")
    assert "[placeholder]" in err and "[cite]" in err
    with (data / "series.yaml").open("a") as series:
        series.write("ignore: [placeholder, cite]\n")
    assert run("check") == (1, "data/2030/prose/motivation.md:1:14: error: undefined citation '@nobody2030' [cite]\n")


def test_an_unknown_code_is_an_error_naming_the_closest(tmp_path, run):
    data = make_data(tmp_path)
    with (data / "series.yaml").open("a") as series:
        series.write("ignore: [placholder]\n")
    assert run("check") == (1, "data/series.yaml:4:10: error: 'ignore' lists check codes; 'placholder' is none (did you mean 'placeholder'?) [value]\n")
