"""Exit codes, the JSON format and the installed entry points."""
import json
import os
import subprocess
import sys

from conftest import HOSTILE, ROOT, make_data


def test_unknown_edition_is_bad_usage(tmp_path, run):
    make_data(tmp_path)
    assert run("check", "--edition", "2031") == (2, "proposalgen: data/2031: no such edition; editions: 2030\n")


def test_bad_option_is_bad_usage(tmp_path):
    result = subprocess.run([sys.executable, "-m", "proposalgen", "build", "flyer"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert "invalid choice: 'flyer'" in result.stderr


def test_check_json_lists_every_diagnostic(tmp_path, run, capsys):
    make_data(tmp_path, HOSTILE / "every-mistake-at-once")
    from proposalgen.cli import main

    assert main(["check", "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert [(d["file"], d["line"], d["column"], d["code"]) for d in found] == [
        ("data/2030/edition.yaml", 8, 14, "type"),
        ("data/2030/edition.yaml", 11, 13, "type"),
        ("data/2030/people.yaml", 18, 5, "key"),
        ("data/2030/schedule.yaml", 3, 28, "type"),
        ("data/2030/schedule.yaml", 4, 43, "ref"),
    ]


def test_check_github_prints_one_annotation_per_diagnostic(tmp_path, run, capsys):
    make_data(tmp_path, HOSTILE / "every-mistake-at-once")
    from proposalgen.cli import main

    assert main(["check", "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5
    assert lines[2] == "::error file=data/2030/people.yaml,line=18,col=5,title=key::people[3]: unknown key 'nmae' (did you mean 'name'?) [key]"


def test_github_annotation_escapes_what_its_syntax_uses():
    from pathlib import Path

    from proposalgen.diagnostics import Diagnostic, Location

    found = Diagnostic("warning", "bio", "100% over,\nreally", Location(Path("/x/a:b,c.yaml"), 3, 0), "cut it")
    assert found.as_github() == "::warning file=/x/a%3Ab%2Cc.yaml,line=3,col=1,title=bio::100%25 over,%0Areally [bio]%0Ahint: cut it"


def test_console_script_checks_the_example():
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "proposalgen"), "check", "--strict"], capture_output=True, text=True, cwd=ROOT)
    assert (result.returncode, result.stderr) == (0, "")


def test_check_imports_neither_the_tex_runner_nor_a_pdf_reader(tmp_path):
    """`check` stays fast: the modules that run TeX or read PDFs are loaded only by a build."""
    data = make_data(tmp_path)
    script = ("import sys\nfrom proposalgen.cli import main\nassert main(['check', '--data', sys.argv[1]]) == 0\n"
              "print(sorted(m for m in sys.modules if m in ('proposalgen.typeset.compile', 'proposalgen.typeset.formats', 'pypdf', 'subprocess')))")
    shown = subprocess.run([sys.executable, "-c", script, str(data)], capture_output=True, text=True, check=True).stdout
    assert shown == "[]\n"


def test_output_to_a_closed_pipe_ends_without_a_traceback(tmp_path):
    """`proposalgen ... | head`: the reader goes away before the output is written."""
    make_data(tmp_path)
    read, write = os.pipe()
    os.close(read)
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "proposalgen"), "new-edition", "2031", "--from", "2030"],
                            stdout=write, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    os.close(write)
    assert (result.returncode, result.stderr) == (1, "")
