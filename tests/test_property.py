"""Random damage to the example's source ends in a build or in diagnostics (exit 1), never in a
traceback, never in a hang. Examples are derandomized so that CI runs the same ones each time."""
import contextlib
import io
import shutil
import signal
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from proposalgen.check import check
from proposalgen.cli import main
from proposalgen.diagnostics import Diagnostics
from proposalgen.render import bibliography_of, render_proposal

EDITION = ROOT / "data" / "2026"
FILES = sorted(str(p.relative_to(EDITION)) for p in EDITION.rglob("*") if p.is_file())
# Characters that mean something to YAML, Markdown, BibTeX, Jinja or LaTeX, and some that pdflatex cannot set.
SIGNIFICANT = ":-[]{}#&*!|>'\"%@`,?\t\n\\$^~_=;()<" + "éü名🎉\x00\u200b"
TEXT = st.text(alphabet=st.sampled_from(SIGNIFICANT) | st.characters(codec="utf-8"), max_size=40)
PER_EXAMPLE_SECONDS = 20


@st.composite
def damage(draw):
    """A file of the edition and what is done to it: its text replaced, cut or spliced at a place."""
    name = draw(st.sampled_from(FILES))
    text = (EDITION / name).read_text(encoding="utf-8")
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 200)))
    kind = draw(st.sampled_from(["replace", "delete", "duplicate", "truncate"]))
    if kind == "replace":
        text = text[:start] + draw(TEXT) + text[end:]
    elif kind == "delete":
        text = text[:start] + text[end:]
    elif kind == "duplicate":
        text = text[:end] + text[start:end] + text[end:]
    else:
        text = text[:start]
    return name, text


class Hung(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: int):
    def hung(signum, frame):
        raise Hung(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def damaged_data(folder: Path, name: str, text: str) -> Path:
    data = folder / "data"
    shutil.copytree(EDITION, data / "2026")
    (data / "2026" / name).write_text(text, encoding="utf-8")
    return data


@settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damage())
def test_check_and_render_never_crash(change):
    with tempfile.TemporaryDirectory() as folder, time_limit(PER_EXAMPLE_SECONDS):
        data = damaged_data(Path(folder), *change)
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            code = main(["check", "--data", str(data)])
        assert code in (0, 1)
        diagnostics = Diagnostics()
        edition = check(data / "2026", diagnostics)
        if code == 0:
            render_proposal(edition, bibliography_of(edition), None)


@settings(max_examples=12, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damage())
def test_builds_with_real_latex_never_crash(change):
    with tempfile.TemporaryDirectory() as folder, time_limit(PER_EXAMPLE_SECONDS * 6):
        data = damaged_data(Path(folder), *change)
        with contextlib.redirect_stderr(io.StringIO()):
            code = main(["build", "proposal", "--data", str(data), "--out", str(Path(folder) / "build")])
        assert code in (0, 1)
