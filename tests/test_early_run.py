"""TeX starts on the preamble before the document is rendered; when the guess is wrong, or the
build fails, nothing of it is left behind and the PDF is the same."""
import os
import subprocess
import time

import pytest

from proposalgen.files import file_hash
from proposalgen.settings import PACKAGE_TEMPLATES
from proposalgen.typeset import compile as compile_module
from proposalgen.typeset import formats

from conftest import make_data

pytestmark = pytest.mark.engine  # every test here starts TeX


@pytest.fixture
def early_outcomes(monkeypatch):
    """Whether each early run's document began with the preamble guessed (the run was used)."""
    used = []
    finish = compile_module.EarlyRun.finish

    def recording(self, *args, **kwargs):
        outcome = finish(self, *args, **kwargs)
        used.append(outcome[0])
        return outcome

    monkeypatch.setattr(compile_module.EarlyRun, "finish", recording)
    return used


def pdf_text(pdf):
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_the_document_reaches_tex_through_the_early_run(tmp_path, run, scratch, early_outcomes):
    make_data(tmp_path)
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    assert early_outcomes == [True]
    assert "\nWORKSHOP ON CAREFUL EXPERIMENTS (WCE)\n" in "\n" + pdf_text(tmp_path / "build" / "2030" / "proposal.pdf")
    assert list(scratch.iterdir()) == []


def test_a_document_not_beginning_with_the_preamble_is_compiled_on_its_own(tmp_path, run, scratch, early_outcomes):
    data = make_data(tmp_path)
    (data / "templates").mkdir()
    ours = (PACKAGE_TEMPLATES / "latex" / "proposal.tex").read_text()
    (data / "templates" / "proposal.tex").write_text("% our own first line\n" + ours)
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    assert early_outcomes == [False]
    assert "\nWORKSHOP ON CAREFUL EXPERIMENTS (WCE)\n" in "\n" + pdf_text(tmp_path / "build" / "2030" / "proposal.pdf")
    assert list(scratch.iterdir()) == []


def test_a_failed_check_stops_tex_and_leaves_nothing(tmp_path, run, scratch, early_outcomes):
    data = make_data(tmp_path)
    (data / "2030" / "edition.yaml").write_text("title: [unclosed\n")
    code, _ = run("build", "all")
    assert code == 1 and early_outcomes == []
    assert list(scratch.iterdir()) == []
    # Only this test's own engines: other builds may run on the machine.
    assert subprocess.run(["pgrep", "-P", str(os.getpid()), "-f", "pdflatex.*-no-parse-first-line"], capture_output=True).returncode == 1


@pytest.fixture
def sent_ahead(monkeypatch):
    """The documents handed to an early run before the checks ran."""
    sent = []
    send = compile_module.EarlyRun.send

    def recording(self, content):
        sent.append(self.tex.name)
        return send(self, content)

    monkeypatch.setattr(compile_module.EarlyRun, "send", recording)
    return sent


def test_the_document_is_typeset_while_the_checks_run(tmp_path, run, scratch, sent_ahead, early_outcomes):
    make_data(tmp_path)
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    assert (sent_ahead, early_outcomes) == (["proposal.tex"], [True])
    assert list(scratch.iterdir()) == []


def test_a_check_failing_after_tex_has_the_document_keeps_the_last_good_pdf(tmp_path, run, scratch, sent_ahead, early_outcomes):
    """Read without error, rendered and handed to TeX, then refused by a check (an overlap in
    the schedule): the PDF TeX was making is dropped, the last good one stays, nothing is left."""
    data = make_data(tmp_path)
    assert run("build", "proposal")[0] == 0
    good = (tmp_path / "build" / "2030" / "proposal.pdf").read_bytes()
    schedule = data / "2030" / "schedule.yaml"
    schedule.write_text(schedule.read_text() + '  - {kind: panel, start: "9:05", duration: 30, speakers: [alan-turing]}\n')
    code, err = run("build", "proposal")
    assert code == 1 and ": error: " in err and "[schedule]" in err
    assert sent_ahead == ["proposal.tex", "proposal.tex"] and early_outcomes == [True]
    assert (tmp_path / "build" / "2030" / "proposal.pdf").read_bytes() == good
    assert list(scratch.iterdir()) == []
    assert subprocess.run(["pgrep", "-P", str(os.getpid()), "-f", "pdflatex.*-no-parse-first-line"], capture_output=True).returncode == 1


def test_the_preamble_is_dumped_once_then_preloaded(tmp_path, run, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    make_data(tmp_path)
    assert run("build", "proposal")[0] == 0
    first = pdf_text(tmp_path / "build" / "2030" / "proposal.pdf")
    formats = sorted(p.suffix for p in (tmp_path / "cache" / "proposalgen" / "formats").iterdir())
    assert formats == [".fmt", ".inputs"]
    assert run("build", "proposal", "--force")[0] == 0
    log = (tmp_path / "build" / "2030" / "proposal.log").read_text()
    assert "(preloaded format=format " in log.splitlines()[0]
    assert pdf_text(tmp_path / "build" / "2030" / "proposal.pdf") == first


def test_a_format_is_dropped_when_a_file_it_was_made_from_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    preamble = b"\\documentclass{article}\n"
    formats.FormatDump(preamble).wait()
    assert formats.cached_format(preamble) is not None
    package = tmp_path / "package.sty"
    package.write_text("% read by the dump, say\n")
    os.utime(package, ns=(0, 0))
    inputs = formats.cached_format(preamble).with_suffix(".inputs")
    inputs.write_text(inputs.read_text() + f"\n{package}")
    assert formats.cached_format(preamble) is not None
    os.utime(package, ns=(time.time_ns() + 10**9,) * 2)
    assert formats.cached_format(preamble) is None


def test_a_format_tex_cannot_load_falls_back_to_a_run_of_its_own(tmp_path, run, monkeypatch, early_outcomes):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    make_data(tmp_path)
    assert run("build", "proposal")[0] == 0
    first = pdf_text(tmp_path / "build" / "2030" / "proposal.pdf")
    (fmt,) = (tmp_path / "cache" / "proposalgen" / "formats").glob("*.fmt")
    fmt.write_bytes(b"not a format")
    inputs = fmt.with_suffix(".inputs")
    inputs.write_text("\n".join([file_hash(fmt), *inputs.read_text().splitlines()[1:]]))  # recorded whole: only TeX can tell
    assert run("build", "proposal", "--force") == (0, "wrote build/2030/proposal.pdf\n")
    assert early_outcomes == [True, False]
    assert pdf_text(tmp_path / "build" / "2030" / "proposal.pdf") == first
    assert not fmt.exists()
    assert run("build", "proposal", "--force")[0] == 0  # dumps it again
    assert fmt.read_bytes().startswith(b"\x1f\x8b")  # pdftex writes formats gzipped
