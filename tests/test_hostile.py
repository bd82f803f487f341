"""The hostile-input corpus: each folder under tests/hostile/ is one attack or fault. Its files
replace the minimal edition's (remove.txt names files to delete), command.txt holds the command
(default: check), and expected.txt exactly what the CLI prints on stderr, then its exit code.

After every run, whatever it printed, the invariants hold: the data folder is unchanged, no file
outside it was read into an output, no page written holds Liquid that Jekyll would run, nothing is
left running and no scratch folder is left behind."""
import hashlib
import os
import re
from pathlib import Path

import pytest

from conftest import make_data, scenario_folders

SECRET = "a file beside the data folder, never to be read into an output"
PASSWD = "root:x:0:0:"


def tree_digest(folder: Path) -> dict[str, str]:
    """Each path under ``folder`` with the hash of its content (a symlink: of where it points)."""
    digest = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            digest[str(path)] = "-> " + os.readlink(path)
        elif path.is_file():
            digest[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest


def outputs_holding(folder: Path, text: str) -> list[Path]:
    """The files the run wrote (everything in ``folder`` but the data and the secret) that contain ``text``."""
    written = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    skipped = (folder / "data", folder / "secret.txt")
    return [p for p in written if not any(p.is_relative_to(s) for s in skipped) and text.encode() in p.read_bytes()]


# Liquid's own tokenizer (Liquid 4, Liquid::Template): tags, outputs, and openings left unclosed.
LIQUID = re.compile(r"\{%.*?%\}|\{\{.*?\}\}?|\{%|\{\{", re.DOTALL)
# The only Liquid a page may hold: what text.web.inert_liquid writes, printing an opening as text.
INERT_LIQUID = {"{{ '{{' }}", "{{ '{%' }}"}
FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n?^(?:---|\.\.\.)\s*$\n?", re.DOTALL | re.MULTILINE)


def evaluated_liquid(page: str) -> list[str]:
    """The Liquid tags and outputs Jekyll would run in ``page`` (after its front matter, which
    Liquid does not read)."""
    return [token for token in LIQUID.findall(FRONT_MATTER.sub("", page, count=1)) if token not in INERT_LIQUID]


def pages_running_liquid(folder: Path) -> list[Path]:
    """The Markdown pages the run wrote (the site's and the call's) that hold Liquid Jekyll would run."""
    pages = (p for p in folder.rglob("*.md") if not p.is_relative_to(folder / "data"))
    return [p for p in pages if evaluated_liquid(p.read_text(encoding="utf-8", errors="replace"))]


def processes_in(folder: Path) -> list[str]:
    """Other processes whose working folder is inside ``folder`` (an engine left running)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and int(proc.name) != os.getpid() and Path(os.readlink(proc / "cwd")).is_relative_to(folder):
                found.append((proc / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:
            continue
    return found


def prepared(tmp_path: Path, scenario: Path) -> Path:
    """The scenario's data folder in ``tmp_path``, with a secret file beside it."""
    (tmp_path / "secret.txt").write_text(SECRET + "\n")
    return make_data(tmp_path, scenario)


def command_of(scenario: Path) -> list[str]:
    command = scenario / "command.txt"
    return command.read_text().split() if command.exists() else ["check"]


@pytest.mark.parametrize("scenario", scenario_folders(), ids=lambda p: p.name)
def test_scenario_prints_exact_diagnostics_and_keeps_the_invariants(scenario, tmp_path, scratch, run):
    data_before = tree_digest(prepared(tmp_path, scenario))
    code, err = run(*command_of(scenario))
    assert err + f"[exit {code}]\n" == (scenario / "expected.txt").read_text()
    assert tree_digest(tmp_path / "data") == data_before
    assert outputs_holding(tmp_path, SECRET) == [] and outputs_holding(tmp_path, PASSWD) == []
    assert pages_running_liquid(tmp_path) == []
    assert processes_in(tmp_path) == []
    assert list(scratch.iterdir()) == []


def test_no_scenario_expects_an_internal_error():
    """A bug recorded by ``scenarios.py --refresh`` would be expected from then on: the exact
    comparison above passes on it, so the corpus itself is read for one."""
    assert [p.name for p in scenario_folders() if "internal error" in (p / "expected.txt").read_text()] == []


def test_every_scenario_folder_has_its_expected_output():
    assert [p.name for p in scenario_folders(include_new=True)] == [p.name for p in scenario_folders()]


@pytest.mark.parametrize("page, found", [
    ("---\ntitle: \"{{ x }}\"\n---\n\n`{{ '{{' }}7|times:7}}` {{ '{%' }} if %}", []),
    ("---\ntitle: a\n---\n\n`{{7|times:7}}`", ["{{7|times:7}}"]),
    ("---\n---\n{%- raw -%}{{ '{{' }}", ["{%- raw -%}"]),
    ("---\n---\n{{ '{{' }}{{ x }", ["{{ x }"]),
    ("---\n---\nunclosed {%", ["{%"]),
])
def test_evaluated_liquid_finds_what_jekyll_would_run(page, found):
    assert evaluated_liquid(page) == found
