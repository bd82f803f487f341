"""Plugins: outputs and checks an installed package adds through entry points, here installed as
pip leaves a package (a ``.dist-info`` folder on ``sys.path``), the worked example first."""
import shutil
import sys
import tomllib

import pytest

from proposalgen import plugins, registry
from proposalgen.cli import main

from conftest import ROOT, make_data

EXAMPLE = ROOT / "examples" / "plugin"
GLANCE = """\
Sci4DL 2026: the program at a glance (BRT)

9:00–9:30    Invited talk 1: Why we measure — Jascha Sohl-Dickstein
9:30–10:00   Invited talk 2 — Preetum Nakkiran
10:00–10:30  Invited talk 3 — Jeremy Cohen
10:30–11:00  Coffee Break
11:00–11:30  Contributed talks 1 & 2
11:30–12:30  Poster Session 1
12:30–13:30  Lunch Break
13:30–14:00  Contributed talks 3 & 4
14:00–14:30  Invited talk 4 — Julia Kempe
14:30–15:00  Invited talk 5 — Matthieu Wyart
15:00–15:30  Coffee Break
15:30–16:30  Panel Discussion — Lenka Zdeborová, Jascha Sohl-Dickstein, Julia Kempe, Richard Baraniuk, Matthieu Wyart
16:30–17:00  Competition winners
17:00–18:00  Poster Session 2
"""
UNTITLED = "hint: give the item a title: as the speaker sent it, or a working one"


@pytest.fixture
def install(tmp_path, monkeypatch):
    """Installs a package of entry points (group -> {name: "module:object"}) with its code in
    ``code``, as pip would: found by importlib.metadata from the next run of the registry on."""
    site = tmp_path / "site-packages"

    def installed(name: str, entry_points: dict[str, dict[str, str]], code=None) -> None:
        info = site / f"{name.replace('-', '_')}-1.0.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
        (info / "entry_points.txt").write_text("".join(
            f"[{group}]\n" + "".join(f"{key} = {value}\n" for key, value in points.items()) for group, points in entry_points.items()))
        monkeypatch.syspath_prepend(str(site))
        if code is not None:
            monkeypatch.syspath_prepend(str(code))
        _forget_plugins()

    yield installed
    _forget_plugins()
    for module in [m for m in sys.modules if m.startswith(("proposalgen_glance", "a_plugin"))]:
        del sys.modules[module]


def _forget_plugins():
    """A run looks for plugins once; each test here is a run with other packages installed."""
    plugins.loaded.cache_clear()
    registry.every_output.cache_clear()


@pytest.fixture
def glance(install, tmp_path):
    """The worked example installed from a copy of its code (which a test may then change)."""
    code = tmp_path / "plugin-src"
    shutil.copytree(EXAMPLE / "src", code)
    entry_points = tomllib.loads((EXAMPLE / "pyproject.toml").read_text())["project"]["entry-points"]
    install("proposalgen-glance", entry_points, code)
    return code


@pytest.fixture
def example(tmp_path):
    """A copy of the example series, its first talk titled."""
    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns("templates"))
    schedule = tmp_path / "data" / "2026" / "schedule.yaml"
    text = schedule.read_text()
    schedule.write_text(text.replace("speakers: [jascha-sohl-dickstein]}", "speakers: [jascha-sohl-dickstein], title: Why we measure}", 1))
    return tmp_path / "data"


def test_the_example_plugin_builds_its_output_and_its_check_warns(glance, example, run):
    code, err = run("build", "glance", "--edition", "2026")
    assert code == 0
    assert (example.parent / "build" / "2026" / "glance.txt").read_text() == GLANCE
    warnings = [line for line in err.splitlines() if line.endswith("[untitled]")]
    assert warnings == [
        "data/2026/schedule.yaml:6:5: warning: Invited talk 2 (Preetum Nakkiran) has no title: our house rule asks every invited talk for one [untitled]",
        "data/2026/schedule.yaml:7:5: warning: Invited talk 3 (Jeremy Cohen) has no title: our house rule asks every invited talk for one [untitled]",
        "data/2026/schedule.yaml:13:5: warning: Invited talk 4 (Julia Kempe) has no title: our house rule asks every invited talk for one [untitled]",
        "data/2026/schedule.yaml:14:5: warning: Invited talk 5 (Matthieu Wyart) has no title: our house rule asks every invited talk for one [untitled]"]
    assert err.count(UNTITLED) == 4
    assert err.endswith("wrote build/2026/glance.txt\n")


def test_the_plugins_target_is_a_choice_of_build_watch_and_check(glance, capsys):
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    assert "{proposal,cfp,site,glance,all}" in capsys.readouterr().out
    assert registry.chosen("all") == ("proposal", "cfp", "site", "glance")
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "{proposal,cfp,site,glance,all}" in capsys.readouterr().out


def test_check_for_the_plugins_target_runs_its_check(glance, example, run):
    code, err = run("check", "--for", "glance", "--edition", "2026", "--strict")
    assert code == 1
    assert err.count("[untitled]") == 4


def test_a_plugins_output_is_rebuilt_when_its_code_changes_and_only_then(glance, example, run):
    assert run("build", "glance", "--edition", "2026")[1].endswith("wrote build/2026/glance.txt\n")
    _forget_plugins()
    assert run("build", "glance", "--edition", "2026")[1].endswith("up to date: build/2026/glance.txt\n")
    render = glance / "proposalgen_glance" / "glance.py"
    render.write_text(render.read_text().replace("the program at a glance", "the day at a glance"))
    _forget_plugins()
    del sys.modules["proposalgen_glance.glance"]
    assert run("build", "glance", "--edition", "2026")[1].endswith("wrote build/2026/glance.txt\n")
    assert (example.parent / "build" / "2026" / "glance.txt").read_text().startswith("Sci4DL 2026: the day at a glance (BRT)\n")


def test_without_a_schedule_the_plugin_writes_nothing_and_says_so(glance, tmp_path, run):
    make_data(tmp_path)
    (tmp_path / "data" / "2030" / "schedule.yaml").write_text("items: []\n")
    code, err = run("build", "glance")
    assert (code, err) == (0, "data/2030/roles.yaml:3:5: warning: Alan Turing is a confirmed speaker with no slot in a talk [schedule]\n"
                              "nothing written: build/2030/glance.txt\n")


def test_a_plugin_that_fails_to_load_is_named(install, tmp_path, run):
    make_data(tmp_path)
    install("a-broken-plugin", {"proposalgen.outputs": {"broken": "no_such_module:OUTPUT"}})
    assert run("check") == (1, "proposalgen: error: plugin 'broken' (proposalgen.outputs in a-broken-plugin 1.0) cannot be loaded: "
                               "ModuleNotFoundError: No module named 'no_such_module'\n")


def _plugin_module(tmp_path, text: str):
    code = tmp_path / "plugin-src"
    code.mkdir()
    (code / "a_plugin.py").write_text("from proposalgen.registry import BUILD, Output, Target\n" + text)
    return code


@pytest.mark.parametrize(("definition", "message"), [
    ("OUTPUT = Output('cfp.md', Target('notes', BUILD), 'a_plugin:render')\n", "writes cfp.md, where the output cfp.md writes already"),
    ("OUTPUT = Output('site/notes.md', Target('notes', BUILD), 'a_plugin:render')\n", "writes site/notes.md, where the output site/ writes already"),
    ("OUTPUT = Output('notes.md', Target('site', BUILD), 'a_plugin:render')\n", "names the target 'site', which is taken: give its target a name of its own"),
    ("OUTPUT = Output('notes.md', Target('all', BUILD), 'a_plugin:render')\n", "names the target 'all', which is taken: give its target a name of its own"),
    ("OUTPUT = 'notes.md'\n", "gives str 'a_plugin:OUTPUT', not a proposalgen.registry.Output"),
], ids=["same-file", "inside-a-folder", "a-target-of-ours", "all", "not-an-output"])
def test_a_plugin_output_that_cannot_be_is_refused(install, tmp_path, run, definition, message):
    make_data(tmp_path)
    install("a-plugin", {"proposalgen.outputs": {"notes": "a_plugin:OUTPUT"}}, _plugin_module(tmp_path, definition))
    assert run("build", "proposal") == (1, f"proposalgen: error: plugin 'notes' (proposalgen.outputs in a-plugin 1.0) {message}\n")
    assert not (tmp_path / "build").exists()


def test_a_plugin_check_that_fails_is_the_plugins_failure_not_ours(install, tmp_path, run):
    make_data(tmp_path)
    code = _plugin_module(tmp_path, "def check(edition, diagnostics, targets):\n    raise KeyError('speakers')\n")
    install("a-plugin", {"proposalgen.checks": {"picky": "a_plugin:check"}}, code)
    assert run("check") == (1, "proposalgen: error: plugin 'picky' (proposalgen.checks in a-plugin 1.0) failed: KeyError: 'speakers'\n")


RENDERED_BY_A_FUNCTION = """\
from proposalgen.render.documents import Document

def notes(edition, request):
    return [Document("notes.txt", f"{len(edition.people)} people\\n".encode())]

OUTPUT = Output("notes.txt", Target("notes", BUILD), notes)
"""


def test_a_plugin_output_may_give_its_render_function_itself(install, tmp_path, run):
    make_data(tmp_path)
    install("a-plugin", {"proposalgen.outputs": {"notes": "a_plugin:OUTPUT"}}, _plugin_module(tmp_path, RENDERED_BY_A_FUNCTION))
    assert run("build", "notes")[1].endswith("wrote build/2030/notes.txt\n")
    assert (tmp_path / "build" / "2030" / "notes.txt").read_text() == "4 people\n"


def test_a_plugin_render_that_fails_is_the_plugins_failure_and_writes_nothing(install, tmp_path, run):
    make_data(tmp_path)
    failing = RENDERED_BY_A_FUNCTION.replace("return [", "return 1 / 0 or [")
    install("a-plugin", {"proposalgen.outputs": {"notes": "a_plugin:OUTPUT"}}, _plugin_module(tmp_path, failing))
    assert run("build", "notes")[1].endswith(
        "proposalgen: error: plugin 'notes' (proposalgen.outputs in a-plugin 1.0) failed: ZeroDivisionError: division by zero\n")
    assert not (tmp_path / "build" / "2030" / "notes.txt").exists()
