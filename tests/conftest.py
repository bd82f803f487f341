import json
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest
from filelock import FileLock
from hypothesis import settings

from proposalgen.cli import main

# The property tests' examples: as many as CI runs by default, a few with --hypothesis-profile=fast
# (make test-fast). Derandomized, so that a run tries the same examples each time.
settings.register_profile("thorough", max_examples=150, derandomize=True, deadline=None)
settings.register_profile("fast", max_examples=15, derandomize=True, deadline=None)
settings.load_profile("thorough")

TESTS = Path(__file__).parent
ROOT = TESTS.parent
FIXTURES = TESTS / "data"
HOSTILE = TESTS / "hostile"
# The gallery's data folders: each folder of examples/ holding a series (examples/plugin is a
# plugin's code, not a workshop).
GALLERY = sorted(series.parent for series in (ROOT / "examples").glob("*/series.yaml"))


def starts_engine(fixture):
    """Declares that ``fixture`` starts TeX, Jekyll or Chromium: every test using it is marked
    ``engine`` (below), which ``make test-fast`` leaves out."""
    fixture.starts_engine = True
    return fixture


# A hostile scenario typesets when its command builds one of these.
TYPESETTING_TARGETS = {"proposal", "cfp", "all"}


def pytest_collection_modifyitems(items):
    """Marks ``engine`` the tests that use a fixture declared with ``starts_engine`` and the
    hostile scenarios whose command typesets; other tests are marked where they are written."""
    for item in items:
        fixtures = (definition for definitions in item._fixtureinfo.name2fixturedefs.values() for definition in definitions)
        scenario = getattr(item, "callspec", None) and item.callspec.params.get("scenario")
        engines = [f for f in fixtures if getattr(f.func, "starts_engine", False)]
        if engines or (isinstance(scenario, Path) and typesets(scenario)):
            item.add_marker(pytest.mark.engine)


def typesets(scenario: Path) -> bool:
    command = scenario / "command.txt"
    words = command.read_text().split() if command.exists() else []
    return words[:1] == ["build"] and words[1] in TYPESETTING_TARGETS


def scenario_folders(include_new: bool = False):
    """The hostile-input scenarios; with ``include_new`` also those without an expected.txt yet."""
    folders = (p for p in HOSTILE.iterdir() if p.is_dir())
    return sorted(p for p in folders if include_new or (p / "expected.txt").exists())


def make_data(tmp_path: Path, scenario: Path | None = None) -> Path:
    """A data folder in ``tmp_path``: the minimal edition, with the scenario's files laid over it."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    if scenario is not None:
        shutil.copytree(scenario, data, symlinks=True, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt", "command.txt", "remove.txt"))
        removals = scenario / "remove.txt"
        for name in removals.read_text().split() if removals.exists() else []:
            (data / name).unlink()
    return data


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """The system temporary folder, moved into the test's own, where builds run the engine and leave nothing."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def built_site_page(tmp_path: Path, run, site_yaml: str, page: str) -> str:
    """``page`` of the site built, with ``site_yaml`` as site.yaml, from the data in ``tmp_path``."""
    (tmp_path / "data" / "2030" / "site.yaml").write_text(site_yaml)
    assert run("build", "site")[0] == 0
    return (tmp_path / "build" / "2030" / "site" / f"{page}.md").read_text()


@pytest.fixture
def run(tmp_path, monkeypatch, capsys):
    """Runs the CLI in ``tmp_path``; returns its exit code and what it printed on stderr."""
    monkeypatch.chdir(tmp_path)

    def run_cli(*args: str) -> tuple[int, str]:
        code = main(list(args))
        return code, capsys.readouterr().err

    return run_cli


def made_once(tmp_path_factory, name: str, make) -> Path:
    """The folder ``name`` that ``make(folder)`` fills, made once per run for every xdist worker
    (the first to need it makes it, the others wait on a lock), so that what a module builds at
    length is built once whichever workers run its tests; nothing may change it afterwards."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    run_folder = tmp_path_factory.getbasetemp().parent  # the run's, above each worker's own
    with FileLock(run_folder / f"{name}.lock"):
        folder = run_folder / name
        if not (folder / ".made").exists():  # one that failed is made again by the next worker, and fails there too
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / ".made").touch()
    return folder


@pytest.fixture(scope="session")
@starts_engine
def built_example(tmp_path_factory):
    """The example's 2026 edition built once with `build all`: its output folder."""
    return made_once(tmp_path_factory, "built-example", built_into) / "2026"


def built_into(out: Path) -> None:
    assert main(["build", "all", "--data", str(ROOT / "data"), "--edition", "2026", "--out", str(out)]) == 0


def interruptible() -> None:
    """In a child about to start: Ctrl-C (SIGINT) reaches it, also when the tests run from a
    shell's background job, where SIGINT is ignored and a child inherits that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Lines:
    """The lines a child process prints, read by a thread so that the test can wait for the next
    one without blocking forever (a line that never comes fails the test, it does not hang it)."""

    def __init__(self, process: subprocess.Popen):
        self.queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, args=(process.stdout,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            self.queue.put(line)
        self.queue.put("")

    def next(self, seconds: float = 120) -> str | None:
        """The next line ("" at the end of the output), or None if none came within ``seconds``."""
        try:
            return self.queue.get(timeout=seconds)
        except queue.Empty:
            return None


def pytest_terminal_summary(terminalreporter):
    """The figures tests record (``record_property``), such as how many damaged builds reached TeX."""
    for report in (*terminalreporter.getreports("passed"), *terminalreporter.getreports("failed")):
        for name, value in report.user_properties:
            terminalreporter.write_line(f"{report.nodeid}: {name}: {value}")


@pytest.fixture(scope="session")
def schemas(tmp_path_factory):
    """The JSON Schemas `proposalgen schema` writes, by file kind."""
    folder = tmp_path_factory.mktemp("schemas")
    assert main(["schema", str(folder)]) == 0
    return {p.name.removesuffix(".schema.json"): json.loads(p.read_text()) for p in folder.glob("*.schema.json")}
