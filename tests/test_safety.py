"""User text is data, never code; a build never loses the last good outputs nor touches data/."""
import hashlib
import json
import shutil
import subprocess
import sys
import time

import pytest

from proposalgen.diagnostics import Diagnostics
from proposalgen.typeset.compile import compile_tex

from conftest import HOSTILE, make_data

pytestmark = pytest.mark.engine  # every test here starts TeX

INJECTION = r"\input{/etc/passwd} \immediate\write18{touch pwned} \catcode`\@=11 \def\x{y} ^^5c & % $ # _ { } ~"


def checksums(folder):
    return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def pdf_text(pdf):
    return " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())


def test_build_leaves_data_untouched(tmp_path, run):
    data = make_data(tmp_path)
    before = checksums(data)
    assert run("build", "proposal")[0] == 0
    assert checksums(data) == before


def test_user_text_prints_literally(tmp_path, run):
    data = make_data(tmp_path)
    people = data / "2030" / "people.yaml"
    people.write_text(people.read_text().replace("affiliation: Göttingen", f"affiliation: {json.dumps(INJECTION)}"))
    code, err = run("build", "proposal")
    assert (code, err) == (0, "wrote build/2030/proposal.pdf\n")
    assert INJECTION in pdf_text(tmp_path / "build" / "2030" / "proposal.pdf")
    assert not list(tmp_path.rglob("pwned"))


def test_engine_runs_without_shell_escape(tmp_path, run):
    data = make_data(tmp_path)
    (data / "templates").mkdir()
    (data / "templates" / "committee.tex").write_text("\\immediate\\write18{touch pwned}\n")
    assert run("build", "proposal")[0] == 0
    assert not list(tmp_path.rglob("pwned"))
    assert "runsystem(touch pwned)...disabled" in (tmp_path / "build" / "2030" / "proposal.log").read_text()


def test_failed_build_keeps_the_last_good_pdf(tmp_path, run):
    data = make_data(tmp_path)
    assert run("build", "proposal")[0] == 0
    out = tmp_path / "build" / "2030"
    good_pdf = (out / "proposal.pdf").read_bytes()
    shutil.copytree(HOSTILE / "latex-error-in-template" / "templates", data / "templates")
    code, _ = run("build", "proposal")
    assert code == 1
    assert (out / "proposal.pdf").read_bytes() == good_pdf
    assert "\\committeemember" in (out / "proposal.tex").read_text()
    assert sorted(p.name for p in out.iterdir()) == ["proposal.log", "proposal.pdf", "proposal.tex", "report.json"]


def test_source_errors_write_only_the_report(tmp_path, run):
    make_data(tmp_path, HOSTILE / "unknown-person")
    assert run("build", "proposal")[0] == 1
    assert [p.name for p in (tmp_path / "build" / "2030").iterdir()] == ["report.json"]


def test_two_builds_at_once_into_one_folder(tmp_path):
    make_data(tmp_path)
    command = [sys.executable, "-m", "proposalgen", "build", "proposal"]
    builds = [subprocess.Popen(command, cwd=tmp_path, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    assert [b.wait(timeout=120) for b in builds] == [0, 0]
    out = tmp_path / "build" / "2030"
    assert sorted(p.name for p in out.iterdir()) == [".proposalgen-state.json", "proposal.log", "proposal.pdf", "proposal.tex", "report.json"]
    assert "Alan Turing" in pdf_text(out / "proposal.pdf")
    assert json.loads((out / "report.json").read_text())["ok"] is True


def test_engine_is_stopped_by_the_timeout(tmp_path):
    tex = tmp_path / "loop.tex"
    tex.write_text("\\documentclass{article}\\begin{document}\\def\\loop{\\loop}\\loop\\end{document}\n")
    diagnostics = Diagnostics()
    started = time.monotonic()
    assert compile_tex(tex, "pdflatex", tex, tmp_path, diagnostics, timeout=2) is None
    assert time.monotonic() - started < 30
    assert [d.format() for d in diagnostics.items] == [f"{tex}: error: pdflatex did not finish within 2 s [latex]"]
