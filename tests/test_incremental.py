"""A rebuild redoes only the outputs whose exact inputs changed; with nothing changed, no TeX runs."""
import shutil
from pathlib import Path

import pytest

from conftest import HOSTILE, ROOT, Lines, make_data

pytestmark = pytest.mark.engine  # every test here starts TeX


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
    example(tmp_path)
    assert run("build", "all")[0] == 0
    before = stamps(tmp_path / "build" / "2026")
    # The last build checked the rules of all three: this one checks the proposal's, and finds nothing to redo.
    assert run("build", "proposal") == (0, "up to date: build/2026/proposal.pdf\n")
    after = stamps(tmp_path / "build" / "2026")
    assert all(after[name] == before[name] for name in ("proposal.tex", "proposal.pdf", "proposal.log"))


def test_a_templates_folder_that_overrides_nothing_changes_nothing(tmp_path, run):
    make_data(tmp_path)
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    (tmp_path / "overrides-nothing").mkdir()
    assert run("build", "proposal", "--templates", "overrides-nothing") == (0, "up to date: build/2030/proposal.pdf\n")


def test_unchanged_build_repeats_its_warnings_and_strict_fails_on_them(tmp_path, run):
    make_data(tmp_path, HOSTILE / "schedule-gap")
    code, first = run("build", "proposal")
    assert code == 0 and "warning: a gap of 20 min" in first
    code, again = run("build", "proposal")
    assert code == 0 and again == first.replace("wrote", "up to date:")
    assert run("build", "proposal", "--strict")[0] == 1


def saved_until_rebuilt(prose: Path, lines: Lines) -> str | None:
    """The watch's line after a paragraph is added to ``prose``; added again while none comes, as
    the watch may not be looking yet (with watchfiles, it starts looking after the first build)."""
    for _ in range(30):
        prose.write_text(prose.read_text() + "\nA second paragraph.\n")
        if (line := lines.next(seconds=2)) is not None:
            return line
    return None


@pytest.mark.parametrize("watchfiles", ["installed", "absent"])
def test_watch_rebuilds_after_a_save(tmp_path, watchfiles):
    """With the watch extra, the system tells of the save; without it, the folder is polled."""
    import os
    import subprocess
    import sys

    data = make_data(tmp_path)
    hidden = tmp_path / "without-watchfiles" / "watchfiles"
    hidden.mkdir(parents=True)
    (hidden / "__init__.py").write_text("raise ImportError('the watch extra is not installed')\n")
    path = {"PYTHONPATH": str(hidden.parent)} if watchfiles == "absent" else {}
    watcher = subprocess.Popen([sys.executable, "-m", "proposalgen", "watch", "--interval", "0.1"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env={**os.environ, **path})
    lines = Lines(watcher)
    try:
        assert lines.next() == "watching data (Ctrl-C to stop)\n"
        assert " built proposal in " in lines.next()
        assert " built proposal in " in saved_until_rebuilt(data / "2030" / "prose" / "abstract.md", lines)
        assert "A second paragraph." in (tmp_path / "build" / "2030" / "proposal.tex").read_text()
    finally:
        watcher.terminate()
        watcher.wait(timeout=10)


def test_a_change_to_an_earlier_editions_site_yaml_rebuilds_the_site(tmp_path, run):
    data = example(tmp_path)
    assert run("build", "site")[0] == 0
    earlier = data / "2024" / "site.yaml"
    earlier.write_text(earlier.read_text().replace("slug: proposal", "slug: overview"))
    assert run("build", "site") == (0, "wrote build/2026/site\n")
    assert "- [2024](/2024/overview/)\n" in (tmp_path / "build" / "2026" / "site" / "description.md").read_text()


def test_a_new_site_yaml_in_an_earlier_edition_rebuilds_the_site(tmp_path, run):
    data = example(tmp_path)
    earlier = (data / "2024" / "site.yaml").read_text()
    (data / "2024" / "site.yaml").unlink()
    assert run("build", "site")[0] == 0
    (data / "2024" / "site.yaml").write_text(earlier)
    assert run("build", "site") == (0, "wrote build/2026/site\n")
    assert "- [2024](/2024/proposal/)\n" in (tmp_path / "build" / "2026" / "site" / "description.md").read_text()


def test_a_change_to_our_own_templates_rebuilds(tmp_path):
    """Our templates are a symlinked folder of the package: they count as they are loaded."""
    import os
    import subprocess
    import sys

    shutil.copytree(ROOT / "src", tmp_path / "src", symlinks=True, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    assert (tmp_path / "src" / "proposalgen" / "templates").is_symlink()
    make_data(tmp_path)
    environment = {**os.environ, "PYTHONPATH": str(tmp_path / "src")}

    def build():
        done = subprocess.run([sys.executable, "-m", "proposalgen", "build", "proposal"], cwd=tmp_path, env=environment,
                              capture_output=True, text=True)
        return done.returncode, done.stderr

    assert build() == (0, "wrote build/2030/proposal.pdf\n")
    template = tmp_path / "templates" / "latex" / "proposal.tex"
    template.write_text(template.read_text().replace("large ABSTRACT", "large SUMMARY"))
    assert build() == (0, "wrote build/2030/proposal.pdf\n")
    assert "\\textbf{\\large SUMMARY}" in (tmp_path / "build" / "2030" / "proposal.tex").read_text()
    assert build() == (0, "up to date: build/2030/proposal.pdf\n")


def test_another_data_folder_into_the_same_out_rebuilds(tmp_path, run):
    make_data(tmp_path)
    other = shutil.copytree(tmp_path / "data", tmp_path / "other")
    series = other / "series.yaml"
    series.write_text(series.read_text().replace("Careful Experiments", "Careless Experiments"))
    assert run("build", "proposal")[0] == 0
    assert run("build", "proposal", "--data", "other") == (0, "wrote build/2030/proposal.pdf\n")
    assert "CARELESS EXPERIMENTS" in (tmp_path / "build" / "2030" / "proposal.tex").read_text()
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    assert "CAREFUL EXPERIMENTS" in (tmp_path / "build" / "2030" / "proposal.tex").read_text()


def test_a_file_saved_during_a_build_is_built_again(tmp_path, run, monkeypatch):
    """The inputs are hashed as read: a save after the read leaves the recorded text the old one."""
    from proposalgen.source import load

    data = make_data(tmp_path)
    abstract = data / "2030" / "prose" / "abstract.md"
    read_text = load.read_text

    def read_then_saved(path, diagnostics):
        source = read_text(path, diagnostics)
        if path == abstract:
            path.write_text(source.text + "\nSaved while the build ran.\n")
        return source

    monkeypatch.setattr(load, "read_text", read_then_saved)
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    assert "Saved while the build ran." not in (tmp_path / "build" / "2030" / "proposal.tex").read_text()
    monkeypatch.setattr(load, "read_text", read_text)
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    assert "Saved while the build ran." in (tmp_path / "build" / "2030" / "proposal.tex").read_text()


def test_an_unknown_key_in_call_yaml_fails_build_proposal(tmp_path, run):
    data = example(tmp_path)
    assert run("build", "proposal")[0] == 0
    call = data / "2026" / "call.yaml"
    call.write_text(call.read_text() + "sponsor: ACME\n")
    assert run("build", "proposal") == (1, "data/2026/call.yaml:17:1: error: unknown key 'sponsor' [key]\n")


def test_a_changed_text_the_target_does_not_show_is_checked_without_rebuilding(tmp_path, run):
    data = example(tmp_path)
    assert run("build", "proposal") == (0, "wrote build/2026/proposal.pdf\n")
    before = stamps(tmp_path / "build" / "2026")
    call = data / "2026" / "prose" / "call.md"
    call.write_text(call.read_text() + "\nTopics: TODO.\n")
    warning = "data/2026/prose/call.md:15:9: warning: placeholder 'TODO' left in the text [placeholder]\n"
    assert run("build", "proposal") == (0, warning + "up to date: build/2026/proposal.pdf\n")
    after = stamps(tmp_path / "build" / "2026")
    assert all(after[name] == before[name] for name in ("proposal.tex", "proposal.pdf", "proposal.log"))
    assert run("build", "proposal") == (0, warning + "up to date: build/2026/proposal.pdf\n")
    assert run("build", "proposal", "--strict") == (1, warning)


def test_a_citation_added_to_a_text_the_target_does_not_show_rebuilds_its_bibliography(tmp_path, run):
    data = example(tmp_path)
    references = data / "2026" / "references.bib"
    references.write_text(references.read_text() + "\n@misc{lovelace1843, author = {Lovelace, Ada}, title = {Notes on the Analytical Engine}, year = {1843}}\n")
    assert run("build", "proposal")[0] == 0
    assert "Notes on the Analytical Engine" not in (tmp_path / "build" / "2026" / "proposal.tex").read_text()
    call = data / "2026" / "prose" / "call.md"
    call.write_text(call.read_text() + "\nAs foreseen by @lovelace1843.\n")
    assert run("build", "proposal") == (0, "wrote build/2026/proposal.pdf\n")
    assert "Notes on the Analytical Engine" in (tmp_path / "build" / "2026" / "proposal.tex").read_text()


def test_a_templates_folder_given_is_recorded_like_ours(tmp_path, run):
    make_data(tmp_path)
    (tmp_path / "ours").mkdir()
    assert run("build", "proposal", "--templates", "ours") == (0, "wrote build/2030/proposal.pdf\n")
    assert run("build", "proposal", "--templates", "ours") == (0, "up to date: build/2030/proposal.pdf\n")
    (tmp_path / "ours" / "committee.tex").write_text("\\pgmark{part-committee}Our committee.\n")
    assert run("build", "proposal", "--templates", "ours") == (0, "wrote build/2030/proposal.pdf\n")
    assert "Our committee." in (tmp_path / "build" / "2030" / "proposal.tex").read_text()
    (tmp_path / "ours" / "committee.tex").write_text("\\pgmark{part-committee}Their committee.\n")
    assert run("build", "proposal", "--templates", "ours") == (0, "wrote build/2030/proposal.pdf\n")
    assert "Their committee." in (tmp_path / "build" / "2030" / "proposal.tex").read_text()
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")


def test_a_new_file_in_the_edition_is_checked_and_a_backup_is_not(tmp_path, run):
    data = make_data(tmp_path)
    assert run("build", "proposal")[0] == 0
    (data / "2030" / "people.yaml~").write_text("an editor's backup\n")
    assert run("build", "proposal") == (0, "up to date: build/2030/proposal.pdf\n")
    (data / "2030" / "notes.md").write_text("To do.\n")
    warning = ("data/2030/notes.md: warning: this file is not read: nothing in the edition names it [file]\n"
               "  hint: prose is read when edition.yaml's sections, call.yaml or site.yaml name its file, a photo when people.yaml does, an image when prose shows it\n")
    assert run("build", "proposal") == (0, warning + "wrote build/2030/proposal.pdf\n")
    assert run("build", "proposal") == (0, warning + "up to date: build/2030/proposal.pdf\n")


def test_citations_reordered_in_a_text_the_target_does_not_show_renumber_its_bibliography(tmp_path, run):
    data = example(tmp_path)
    edition = data / "2026" / "edition.yaml"
    edition.write_text(edition.read_text().replace("citation_style: author-year", "citation_style: numeric"))
    references = data / "2026" / "references.bib"
    references.write_text(references.read_text() + "\n@misc{lovelace1843, author = {Lovelace, Ada}, title = {Notes on the Engine}, year = {1843}}\n"
                          "@misc{babbage1864, author = {Babbage, Charles}, title = {Passages from a Life}, year = {1864}}\n")
    call = data / "2026" / "prose" / "call.md"
    text = call.read_text()
    call.write_text(text + "\nAs foreseen by @lovelace1843 and @babbage1864.\n")
    assert run("build", "proposal")[0] == 0
    proposal = tmp_path / "build" / "2026" / "proposal.tex"
    assert proposal.read_text().index("Notes on the Engine") < proposal.read_text().index("Passages from a Life")
    call.write_text(text + "\nAs foreseen by @babbage1864 and @lovelace1843.\n")
    assert run("build", "proposal") == (0, "wrote build/2026/proposal.pdf\n")
    assert proposal.read_text().index("Passages from a Life") < proposal.read_text().index("Notes on the Engine")


def test_a_mistake_put_right_again_starts_no_tex(tmp_path, run):
    data = example(tmp_path)
    assert run("build", "proposal")[0] == 0
    before = stamps(tmp_path / "build" / "2026")
    call = data / "2026" / "call.yaml"
    text = call.read_text()
    call.write_text(text + "sponsor: ACME\n")
    assert run("build", "proposal") == (1, "data/2026/call.yaml:17:1: error: unknown key 'sponsor' [key]\n")
    call.write_text(text)
    assert run("build", "proposal") == (0, "up to date: build/2026/proposal.pdf\n")
    after = stamps(tmp_path / "build" / "2026")
    assert all(after[name] == before[name] for name in ("proposal.tex", "proposal.pdf", "proposal.log"))


def test_a_failed_typesetting_is_typeset_again_once_put_right(tmp_path, run):
    """The failed run wrote its proposal.tex and proposal.log: put right, the proposal is built again."""
    data = make_data(tmp_path)
    (data / "templates").mkdir()
    template = data / "templates" / "references.tex"
    good = (ROOT / "templates" / "latex" / "references.tex").read_text()
    template.write_text(good)
    assert run("build", "proposal")[0] == 0
    template.write_text(good + "\\undefinedmacro\n")
    assert run("build", "proposal")[0] == 1
    assert "\\undefinedmacro" in (tmp_path / "build" / "2030" / "proposal.tex").read_text()
    template.write_text(good)
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    assert "\\undefinedmacro" not in (tmp_path / "build" / "2030" / "proposal.tex").read_text()
