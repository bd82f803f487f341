"""A bad environment or a damaged file of ours ends in one line and an exit code, never a
traceback; the last good outputs survive it; an interrupted or killed build leaves no engine behind."""
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from proposalgen.commands import check as check_module
from proposalgen.commands.state import STATE_FILE
from proposalgen.files import file_hash
from proposalgen.settings import version

from conftest import make_data

BUILD = [sys.executable, "-m", "proposalgen", "build", "proposal"]
WROTE = "wrote build/2030/proposal.pdf\n"
UP_TO_DATE = "up to date: build/2030/proposal.pdf\n"


def without_root(command: list[str]) -> list[str]:
    """``command`` without root's power to write into any folder, so that a folder's mode holds."""
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--", *command] if os.geteuid() == 0 else command


def build(tmp_path: Path, *options: str, env: dict | None = None, limit=None) -> tuple[int, str]:
    """``proposalgen build proposal`` run in ``tmp_path`` as its own process, with a format cache of
    its own there: its exit code and stderr."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), **(env or {})}
    result = subprocess.run(without_root([*BUILD, *options]), cwd=tmp_path, capture_output=True, text=True, env=env, preexec_fn=limit)
    return result.returncode, result.stderr


def edited(data: Path) -> None:
    """A change to the prose, so that the next build writes new outputs."""
    with open(data / "2030" / "prose" / "motivation.md", "a") as prose:
        prose.write("\nOne more sentence.\n")


@pytest.fixture
def built(tmp_path):
    """A data folder built once: the folder of its outputs."""
    make_data(tmp_path)
    assert build(tmp_path) == (0, WROTE)
    return tmp_path / "build" / "2030"


def test_a_read_only_output_folder_keeps_the_last_outputs(tmp_path, built):
    before = {p.name: p.read_bytes() for p in built.iterdir()}
    edited(tmp_path / "data")
    built.chmod(0o555)
    assert build(tmp_path) == (1, "proposalgen: error: cannot write build/2030/proposal.tex: Permission denied\n")
    assert {p.name: p.read_bytes() for p in built.iterdir()} == before


def test_an_output_folder_in_a_read_only_folder(tmp_path):
    make_data(tmp_path)
    (tmp_path / "locked").mkdir(mode=0o555)
    assert build(tmp_path, "--out", "locked/build") == (1, "proposalgen: error: cannot write locked/build/2030/proposal.tex: Permission denied\n")


def small_disk():
    """In the build's process: files may grow to 2 KB only, as on a full disk (the write fails)."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))


def test_a_full_disk_keeps_the_last_outputs(tmp_path, built):
    before = {p.name: p.read_bytes() for p in built.iterdir()}
    edited(tmp_path / "data")
    assert build(tmp_path, limit=small_disk) == (1, "proposalgen: error: cannot write build/2030/proposal.tex: File too large\n")
    assert {p.name: p.read_bytes() for p in built.iterdir()} == before  # and no half-written file beside
    assert build(tmp_path) == (0, WROTE)


@pytest.mark.parametrize("folder", ["/nonexistent", "locked"])
def test_a_missing_or_read_only_temporary_folder_is_passed_over(tmp_path, folder):
    make_data(tmp_path)
    (tmp_path / "locked").mkdir(mode=0o555)
    assert build(tmp_path, env={"TMPDIR": str(tmp_path / folder)}) == (0, WROTE)


DAMAGED = {"truncated": b'{"edition": "2030", "ok"', "binary": bytes(range(256)), "not an object": b"[]",
           "another shape": b'{"report": 1, "proposal": {"inputs": []}}'}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_report_is_written_again(tmp_path, built, run, content):
    (built / "report.json").write_bytes(content)
    assert run("build", "proposal") == (0, UP_TO_DATE)
    assert run("build", "proposal") == (0, UP_TO_DATE)
    assert (built / "report.json").read_text().startswith('{\n  "edition": "2030",\n  "ok": true,')


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_state_file_rebuilds_everything(tmp_path, built, run, content):
    (built / STATE_FILE).write_bytes(content)
    assert run("build", "proposal") == (0, WROTE)
    assert run("build", "proposal") == (0, UP_TO_DATE)


def cached_format(cache: Path) -> Path:
    (fmt,) = (cache / "proposalgen" / "formats").glob("*.fmt")
    return fmt


def recorded_digest(fmt: Path) -> str:
    return fmt.with_suffix(".inputs").read_text().splitlines()[0]


def test_a_truncated_format_is_dumped_again(tmp_path, run, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    make_data(tmp_path)
    assert run("build", "proposal") == (0, WROTE)
    fmt = cached_format(tmp_path / "cache")
    fmt.write_bytes(fmt.read_bytes()[:100_000])
    assert run("build", "proposal", "--force") == (0, WROTE)
    assert file_hash(fmt) == recorded_digest(fmt) and fmt.stat().st_size > 100_000


def test_a_format_of_another_preamble_is_dumped_again(tmp_path, run, monkeypatch):
    """A whole format made from another preamble loads without a complaint, and typesets with the
    wrong packages: only its digest tells."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data = make_data(tmp_path)
    assert run("build", "proposal") == (0, WROTE)
    fmt = cached_format(tmp_path / "cache")
    (data / "templates").mkdir()
    (data / "templates" / "article.tex").write_text("\\documentclass{article}\n\\usepackage{booktabs}\n")
    run("build", "proposal", "--out", "other")
    (other,) = (p for p in fmt.parent.glob("*.fmt") if p != fmt)
    (data / "templates" / "article.tex").unlink()
    fmt.write_bytes(other.read_bytes())
    assert run("build", "proposal", "--force") == (0, WROTE)
    assert fmt.read_bytes() != other.read_bytes() and file_hash(fmt) == recorded_digest(fmt)


def test_a_bug_ends_in_one_line_with_exit_70(tmp_path, run, monkeypatch):
    """No input reaches this line (test_hostile.py asserts it for the whole corpus): a bug is made here."""
    make_data(tmp_path)

    def broken(*args):
        raise ValueError("a bug\nover two lines")

    monkeypatch.setattr(check_module, "check", broken)
    assert run("check") == (70, f"proposalgen {version()}: internal error: ValueError: a bug over two lines (run with --debug and report it)\n")
    with pytest.raises(ValueError, match="a bug"):
        run("--debug", "check")


def engines_in(folder: Path) -> list[int]:
    """The TeX engines running with their working folder in ``folder`` (by the program each runs:
    the command line of what starts the engine names it already)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and (proc / "comm").read_text() == "pdflatex\n" and Path(os.readlink(proc / "cwd")).is_relative_to(folder):
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def primed(tmp_path: Path) -> Path:
    """The minimal edition in ``tmp_path``, built once, so that the next build's engine starts by
    loading the format dumped: its data folder."""
    data = make_data(tmp_path)
    assert build(tmp_path, "--out", "first") == (0, "wrote first/2030/proposal.pdf\n")
    return data


def started_build(tmp_path: Path, scratch: Path) -> subprocess.Popen:
    """A build started in ``tmp_path``, returned as soon as its TeX engine runs in ``scratch``
    (after a first build: loading the format, before it opens the named pipe)."""
    env = {**os.environ, "TMPDIR": str(scratch), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    process = subprocess.Popen(BUILD, cwd=tmp_path, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 60
    while not engines_in(scratch):
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.001)
    return process


def settled(folder: Path) -> list[int]:
    """The engines still running in ``folder`` once those killed have had time to go."""
    deadline = time.monotonic() + 5
    while engines_in(folder) and time.monotonic() < deadline:
        time.sleep(0.05)
    return engines_in(folder)


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_build_stops_its_engine_and_cleans_up(tmp_path, number):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    primed(tmp_path)
    process = started_build(tmp_path, scratch)
    process.send_signal(number)
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (130, "proposalgen: interrupted\n")
    assert settled(scratch) == []
    assert list(scratch.iterdir()) == []


def test_an_engine_in_an_endless_loop_is_stopped_at_once(tmp_path):
    """Interrupted while TeX runs its pass, the build stops it rather than wait for the timeout."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    (primed(tmp_path) / "templates").mkdir()
    (tmp_path / "data" / "templates" / "committee.tex").write_text("\\def\\forever{\\forever}\\forever\n")
    process = started_build(tmp_path, scratch)
    time.sleep(3)  # the document sent: TeX loops
    process.send_signal(signal.SIGTERM)
    try:
        _, err = process.communicate(timeout=10)
    finally:
        process.kill()  # a build that waits for TeX's timeout is not left running
    assert (process.returncode, err) == (130, "proposalgen: interrupted\n")
    assert settled(scratch) == [] and list(scratch.iterdir()) == []


def test_a_killed_build_leaves_no_engine_behind(tmp_path):
    """Killed outright, the build cleans up nothing; its engine, which may be waiting for the
    document on its named pipe, is killed with it."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    primed(tmp_path)
    process = started_build(tmp_path, scratch)
    process.kill()
    process.wait(timeout=60)
    assert settled(scratch) == []


def test_a_watch_ends_quietly_on_ctrl_c(tmp_path):
    data = make_data(tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "proposalgen", "watch"], cwd=tmp_path, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "watching data (Ctrl-C to stop)\n"
    assert " built proposal in " in process.stdout.readline()
    edited(data)
    time.sleep(0.05)  # the watch may be rebuilding, or waiting for the next look
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (130, "")
    assert "Traceback" not in out
