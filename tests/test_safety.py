"""User text is data, never code; a build never loses the last good outputs nor touches data/."""
import hashlib
import json
import shutil
import subprocess

from conftest import FIXTURES, make_data

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
    shutil.copytree(FIXTURES / "latex-error-in-template" / "templates", data / "templates")
    code, _ = run("build", "proposal")
    assert code == 1
    assert (out / "proposal.pdf").read_bytes() == good_pdf
    assert "\\committeemember" in (out / "proposal.tex").read_text()
    assert sorted(p.name for p in out.iterdir()) == ["proposal.log", "proposal.pdf", "proposal.tex", "report.json"]


def test_source_errors_write_only_the_report(tmp_path, run):
    make_data(tmp_path, FIXTURES / "unknown-person")
    assert run("build", "proposal")[0] == 1
    assert [p.name for p in (tmp_path / "build" / "2030").iterdir()] == ["report.json"]
