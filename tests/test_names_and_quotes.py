"""Names in any script and typographic quotes, typeset for real: pdflatex with T1 and T5
(Vietnamese), lualatex (`engine: lualatex`) with a CJK fallback font; pdftotext reads them back."""
import subprocess
import unicodedata
from pathlib import Path

import pytest

from proposalgen.text.latex import latex_escape, typesettable
from proposalgen.typeset import compile as compile_module

from conftest import make_data

NAMES = "Nguyễn Thị Ỹ, Jabłoński, Erdős, Çağlar, Trương Thủy"


def pdf_text(pdf: Path) -> str:
    """The PDF's text, composed: pdftotext gives a T1 accent as a combining mark after its letter."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFC", text)


def named(data: Path, name: str, engine: str | None = None) -> None:
    """Gives the committee member of the minimal edition ``name``; ``engine`` in edition.yaml."""
    people = data / "2030" / "people.yaml"
    people.write_text(people.read_text().replace("name: Emmy Noether", f"name: {name}"))
    if engine:
        with open(data / "2030" / "edition.yaml", "a") as edition:
            edition.write(f"engine: {engine}\n")


def test_vietnamese_letters_are_set_in_t5_and_other_accents_by_pylatexenc():
    assert latex_escape(NAMES) == (
        "Nguy\\pgvietnamese{ễ}n Th\\pgvietnamese{ị} \\pgvietnamese{Ỹ}, Jab{\\l}o\\'nski, Erd\\H{o}s, \\c{C}a\\u{g}lar, "
        "Tr\\pgvietnamese{ươ}ng Th\\pgvietnamese{ủ}y")


def test_cjk_is_typesettable_with_lualatex_only_and_emoji_with_neither():
    assert [typesettable(text, "pdflatex") for text in (NAMES, "李飞飞", "野口 英世", "🎉")] == [True, False, False, False]
    assert [typesettable(text, "lualatex") for text in (NAMES, "李飞飞", "野口 英世", "🎉")] == [True, True, True, False]


@pytest.mark.engine
def test_names_with_diacritics_typeset_with_pdflatex(tmp_path, run):
    named(make_data(tmp_path), NAMES)
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    assert f"{NAMES} (Göttingen)." in pdf_text(tmp_path / "build" / "2030" / "proposal.pdf")


@pytest.mark.engine
def test_cjk_names_typeset_with_lualatex(tmp_path, run):
    named(make_data(tmp_path), "李飞飞 and Nguyễn Thị Ỹ", engine="lualatex")
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    text = pdf_text(tmp_path / "build" / "2030" / "proposal.pdf")
    assert "李飞飞 and Nguyễn Thị Ỹ (Göttingen)." in text
    assert "Machines can think, argued Turing (1950)." in text


@pytest.mark.engine
def test_a_letter_no_lualatex_font_has_is_an_error_at_its_line(tmp_path, run):
    data = make_data(tmp_path)
    named(data, "Ada", engine="lualatex")
    # CJK Extension B: wide letters, past what the fallback font covers.
    (data / "2030" / "prose" / "motivation.md").write_text("Machines can think [@turing1950].\n\nA rare name: 𠀀.\n")
    assert run("build", "proposal") == (1, (
        "data/2030/prose/motivation.md:3:1: error: no font has '𠀀' (U+20000); transliterate it, or leave it out of the documents [latex]\n"
        "  hint: at build/2030/proposal.tex:107:1\n"))


def test_an_unknown_engine_is_reported_with_the_choices(tmp_path, run):
    named(make_data(tmp_path), "Ada", engine="xelatex")
    assert run("check") == (1, "data/2030/edition.yaml:27:9: error: 'engine' must be one of pdflatex, lualatex; got 'xelatex' [value]\n")


@pytest.mark.engine
@pytest.mark.parametrize("engine", ["pdflatex", "lualatex"])
def test_straight_quotes_print_as_opening_and_closing_ones(tmp_path, run, engine):
    data = make_data(tmp_path)
    named(data, "Ada", engine=engine)
    (data / "2030" / "prose" / "motivation.md").write_text("The \"Edge of Stability\" isn't 'settled' [@turing1950].\n")
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    assert "The “Edge of Stability” isn’t ‘settled’ (Turing, 1950)." in pdf_text(tmp_path / "build" / "2030" / "proposal.pdf")


def test_templates_of_your_own_are_not_typeset_with_lualatex(tmp_path, run):
    data = make_data(tmp_path)
    named(data, "Ada", engine="lualatex")
    (data / "templates").mkdir()
    (data / "templates" / "committee.tex").write_text("\\directlua{io.open('/tmp/anything', 'w')}\n")
    assert run("build", "proposal") == (1, (
        "data/templates/committee.tex: error: a LaTeX template of your own is not typeset with lualatex, whose Lua code could write any file [engine]\n"
        "  hint: use engine: pdflatex, or leave the template out\n"))


def test_a_preamble_of_your_own_is_not_started_with_lualatex(tmp_path, run, monkeypatch):
    started = []
    monkeypatch.setattr(compile_module.EarlyRun, "__init__", lambda self, *args: started.append(args) or pytest.fail("started"))
    data = make_data(tmp_path)
    named(data, "Ada", engine="lualatex")
    (data / "templates").mkdir()
    (data / "templates" / "preamble.tex").write_text("\\directlua{io.open('/tmp/anything', 'w')}\n")
    assert run("build", "proposal")[0] == 1
    assert started == []


@pytest.mark.engine
def test_the_engine_edition_yaml_names_starts_early(tmp_path, run, monkeypatch):
    engines = []
    start = compile_module.EarlyRun.__init__
    monkeypatch.setattr(compile_module.EarlyRun, "__init__", lambda self, name, preamble, engine, *rest: engines.append(engine) or start(self, name, preamble, engine, *rest))
    named(make_data(tmp_path), "李飞飞", engine="lualatex")
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    assert engines == ["lualatex"]


@pytest.mark.engine
def test_letters_written_decomposed_are_typeset_composed(tmp_path, run):
    named(make_data(tmp_path), "Nguye\u0302\u0303n Erdo\u030bs")
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    assert "Nguyễn Erdős (Göttingen)." in pdf_text(tmp_path / "build" / "2030" / "proposal.pdf")


@pytest.mark.parametrize("line, column, named", [
    ("Erdo\u030bs \U0001F389 [@turing1950].", 8, "'🎉' (U+1F389 PARTY POPPER)"),
    ("Erdo\u030bs x\u0301 [@turing1950].", 9, "'\u0301' (U+0301 COMBINING ACUTE ACCENT)"),
])
def test_what_no_engine_typesets_is_named_at_its_column_after_decomposed_letters(tmp_path, run, line, column, named):
    data = make_data(tmp_path)
    (data / "2030" / "prose" / "motivation.md").write_text(line + "\n")
    code, err = run("check")
    assert (code, err.splitlines()[0]) == (1, f"data/2030/prose/motivation.md:1:{column}: error: text: pdflatex cannot typeset {named} in '{line}' [character]")
