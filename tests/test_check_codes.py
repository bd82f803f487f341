"""Every check code the source gives is listed in vocabulary.CHECK_CODES, which series.yaml's
`ignore` takes and the README's check table documents; `ignore` silences warnings, never errors."""
import ast
import re

from proposalgen.vocabulary import CHECK_CODES

from conftest import ROOT, make_data

SOURCE = ROOT / "src" / "proposalgen"


def codes_given() -> set[str]:
    """The codes of every diagnostic the source makes: ``.error("code", ...)``,
    ``.warning("code", ...)``, ``code="..."`` passed on, and ``Diagnostic(ERROR, "code", ...)``;
    papers.csv's rows name a column first, their code by keyword."""
    codes = set()
    for file in SOURCE.rglob("*.py"):
        for call in (node for node in ast.walk(ast.parse(file.read_text())) if isinstance(node, ast.Call)):
            codes |= _codes_of(call)
    return codes


def _codes_of(call: ast.Call) -> set[str]:
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    by_row = isinstance(call.func, ast.Attribute) and getattr(call.func.value, "id", "") == "row"
    position = {"error": 0, "warning": 0, "Diagnostic": 1}.get(name)
    given = [k.value for k in call.keywords if k.arg == "code"]
    if position is not None and not by_row and len(call.args) > position:
        given.append(call.args[position])
    branches = [part for node in given for part in ((node.body, node.orelse) if isinstance(node, ast.IfExp) else (node,))]
    return {node.value for node in branches if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def test_every_code_given_is_listed_and_every_listed_code_given():
    assert codes_given() == set(CHECK_CODES)


def test_every_code_is_in_the_readme_check_table():
    table = (ROOT / "README.md").read_text().split("## Checks", 1)[1].split("\n\n|")[1]
    documented = set(re.findall(r"`([a-z]+)`", table.split("\n\n")[0]))
    assert set(CHECK_CODES) - documented == set()


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
