"""A typesetting run that fails, however it fails, fails the build and keeps the last good PDF
(real pdflatex: a line too long for its buffer, an engine killed while it runs)."""
import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from proposalgen.settings import PACKAGE_TEMPLATES

from conftest import make_data

pytestmark = pytest.mark.engine  # every test here starts TeX


@pytest.fixture
def built(tmp_path, run):
    """The minimal edition built once: its output folder, with a good proposal.pdf."""
    make_data(tmp_path)
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    return tmp_path / "build" / "2030"


def report_ok(out: Path) -> bool:
    return json.loads((out / "report.json").read_text())["ok"]


def test_a_line_too_long_for_tex_is_reported_at_its_prose_line(tmp_path, run, built):
    good = (built / "proposal.pdf").read_bytes()
    words = " ".join(["careful", "precise"] * 12_500)  # 199,999 characters, one line: past TeX's 200,000-byte buffer with what precedes it
    (tmp_path / "data" / "2030" / "prose" / "motivation.md").write_text(f"Machines can think [@turing1950].\n\n{words}\n")
    assert run("build", "proposal") == (1, (
        "data/2030/prose/motivation.md:3:1: error: a line of 199,999 characters overflows TeX's input buffer "
        "(200,000 bytes); break it into shorter lines [latex]\n"
        "  hint: at build/2030/proposal.tex:107:1\n"))
    assert (built / "proposal.pdf").read_bytes() == good
    assert report_ok(built) is False


def kill_engine_after_first_page(folder: Path) -> threading.Thread:
    """Sends SIGTERM, as a user or an out-of-memory killer would, to the engine working below
    ``folder`` once it has begun its PDF: the engine this test's build started, found by its
    working folder."""
    def watch():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            for process in Path("/proc").iterdir():
                try:
                    cwd = Path(os.readlink(process / "cwd"))
                except OSError:
                    continue
                if cwd.is_relative_to(folder) and (cwd / "proposal.pdf").exists():
                    os.kill(int(process.name), signal.SIGTERM)
                    return
            time.sleep(0.02)

    watcher = threading.Thread(target=watch)
    watcher.start()
    return watcher


def test_a_killed_engine_fails_the_build_and_keeps_the_last_pdf(tmp_path, run, built, scratch):
    good = (built / "proposal.pdf").read_bytes()
    templates = tmp_path / "data" / "templates"
    templates.mkdir()
    ours = (PACKAGE_TEMPLATES / "latex" / "proposal.tex").read_text()
    # A page is shipped, so a PDF exists, then TeX loops until it is stopped.
    (templates / "proposal.tex").write_text(ours.replace("\\end{document}", "\\clearpage\\loop\\iftrue\\repeat\n\\end{document}"))
    watcher = kill_engine_after_first_page(scratch)
    code, err = run("build", "proposal")
    watcher.join()
    assert (code, err) == (1, "build/2030/proposal.tex: error: pdflatex was stopped by SIGTERM before it finished [latex]\n"
                              "  hint: see build/2030/proposal.log; the PDF was not replaced\n")
    assert (built / "proposal.pdf").read_bytes() == good
    assert report_ok(built) is False
