"""A rebuild redoes only the outputs whose exact inputs changed; with nothing changed, no TeX runs."""
import shutil

from conftest import FIXTURES, ROOT, make_data


def stamps(folder):
    return {p.name: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file() and p.name != "report.json"}


def example(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    return data


def test_second_build_starts_no_tex_and_says_so(tmp_path, run):
    make_data(tmp_path)
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    before = stamps(tmp_path / "build" / "2030")
    assert run("build", "proposal") == (0, "up to date: build/2030/proposal.pdf\n")
    assert stamps(tmp_path / "build" / "2030") == before


def test_editing_one_file_rebuilds_only_the_outputs_made_from_it(tmp_path, run):
    data = example(tmp_path)
    assert run("build", "all")[0] == 0
    out = tmp_path / "build" / "2026"
    before = stamps(out)
    call = data / "2026" / "prose" / "call.md"
    call.write_text(call.read_text().replace("tight interaction", "close interaction"))
    assert run("build", "all") == (0, "up to date: build/2026/proposal.pdf\n" + "".join(
        f"wrote build/2026/{name}\n" for name in ("cfp.pdf", "cfp.md", "cfp.txt", "dates.ics", "site")))
    after = stamps(out)
    assert after["proposal.pdf"] == before["proposal.pdf"] and after["proposal.log"] == before["proposal.log"]
    assert after["cfp.pdf"] != before["cfp.pdf"] and after["call.md"] != before["call.md"]
    abstract = data / "2026" / "prose" / "abstract.md"
    abstract.write_text(abstract.read_text().replace("impressive results", "remarkable results"))
    assert run("build", "all")[0] == 0
    last = stamps(out)
    assert last["proposal.pdf"] != after["proposal.pdf"] and last["cfp.pdf"] == after["cfp.pdf"]


def test_a_new_template_override_or_force_rebuilds(tmp_path, run):
    data = make_data(tmp_path)
    assert run("build", "proposal")[0] == 0
    assert run("build", "proposal", "--force") == (0, "wrote build/2030/proposal.pdf\n")
    (data / "templates").mkdir()
    (data / "templates" / "committee.tex").write_text("\\pgmark{part-committee}Our committee.\n")
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    assert "Our committee." in (tmp_path / "build" / "2030" / "proposal.tex").read_text()


def test_a_build_that_redoes_nothing_says_so(tmp_path, run):
    make_data(tmp_path)
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    before = stamps(tmp_path / "build" / "2030")
    (tmp_path / "overrides-nothing").mkdir()  # --templates skips the no-op shortcut: the build itself finds nothing to redo
    assert run("build", "proposal", "--templates", "overrides-nothing") == (0, "up to date: build/2030/proposal.pdf\n")
    after = stamps(tmp_path / "build" / "2030")
    assert all(after[name] == before[name] for name in ("proposal.tex", "proposal.pdf", "proposal.log"))


def test_unchanged_build_repeats_its_warnings_and_strict_fails_on_them(tmp_path, run):
    make_data(tmp_path, FIXTURES / "schedule-gap")
    code, first = run("build", "proposal")
    assert code == 0 and "warning: a gap of 20 min" in first
    code, again = run("build", "proposal")
    assert code == 0 and again == first.replace("wrote", "up to date:")
    assert run("build", "proposal", "--strict")[0] == 1


def test_watch_rebuilds_after_a_save(tmp_path):
    import subprocess
    import sys
    import time

    data = make_data(tmp_path)
    watcher = subprocess.Popen([sys.executable, "-m", "proposalgen", "watch", "--interval", "0.1"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert watcher.stdout.readline() == "watching data (Ctrl-C to stop)\n"
        assert " built proposal in " in watcher.stdout.readline()
        time.sleep(0.3)
        abstract = data / "2030" / "prose" / "abstract.md"
        abstract.write_text(abstract.read_text() + "\nA second paragraph.\n")
        assert " built proposal in " in watcher.stdout.readline()
        assert "A second paragraph." in (tmp_path / "build" / "2030" / "proposal.tex").read_text()
    finally:
        watcher.terminate()
        watcher.wait(timeout=10)
