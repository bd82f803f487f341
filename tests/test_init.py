"""`proposalgen init DIR`: a workshop repository that builds at once, from an empty folder."""
import datetime
import json
import os
import shlex
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from proposalgen.commands.init import newest_preset

from conftest import ROOT
from test_schemas import _AsWritten

BIN = ROOT / ".venv" / "bin"
ASKED = ["--title", "Workshop on Careful Experiments", "--acronym", "CARE", "--venue", "iclr-2026", "--year", "2027"]
TO_FILL = """\
  [ ] care/data/2027/call.yaml:7:16: warning: submission: 'style_files' is still TBD: fill it in [placeholder]
  [ ] care/data/2027/call.yaml:12:8: warning: submission: 'url' is still TBD: fill it in [placeholder]
  [ ] care/data/2027/call.yaml:14:10: warning: 'contact' is still TBD: fill it in [placeholder]
  [ ] care/data/2027/edition.yaml:6:3: warning: the venue preset 'iclr-2026' is for 2026, older than the 2027 edition: rules change every year [venue]
  hint: add a preset for 2027 from the venue's call, or override the fields that changed
  [ ] care/data/2027/edition.yaml:7:17: warning: venue: 'notification' is still TBD: fill it in [placeholder]
  [ ] care/data/2027/schedule.yaml:3:11: warning: the schedule's time zone 'local time' is a label, not a zone: schedule.ics gives its times without one, as local wherever it is imported [site]
  hint: give schedule.yaml a zone, an IANA name (America/Sao_Paulo) or an offset (UTC-3); the pages show the timezone as written
  [ ] care/data/2027/site.yaml:3:7: warning: 'room' is still TBD: fill it in [placeholder]
  [ ] care/data/series.yaml:5:6: warning: 'url' is still TBD: fill it in [placeholder]
"""


def proposalgen(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "proposalgen"), *args], capture_output=True, text=True, cwd=cwd)


def make(target: str, cwd: Path, *options: str) -> subprocess.CompletedProcess:
    """``make`` as someone who installed proposalgen runs it in a shell: the tool found on PATH,
    and not inside another make (``make test`` would make it print ``make[1]``)."""
    path = f"{BIN}{os.pathsep}{os.environ['PATH']}"
    outside = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    return subprocess.run(["make", target, *options], capture_output=True, text=True, cwd=cwd, env={**outside, "PATH": path})


def test_init_lists_what_to_fill_in(tmp_path):
    created = proposalgen("init", "care", *ASKED, cwd=tmp_path)
    assert (created.returncode, created.stderr) == (0, "")
    assert created.stdout == ("created care: the 2027 edition at iclr-2026 (26 files)\n"
                              "build it: cd care && make proposal\n"
                              "to fill in (8; `make check` lists them again):\n" + TO_FILL)


@pytest.mark.engine
def test_make_proposal_builds_at_once_and_make_check_fails_until_filled_in(tmp_path):
    assert proposalgen("init", "care", *ASKED, cwd=tmp_path).returncode == 0
    repository = tmp_path / "care"
    built = make("proposal", repository)
    assert built.returncode == 0, built.stderr
    assert (repository / "build" / "2027" / "proposal.pdf").stat().st_size > 0
    assert built.stderr.endswith("wrote build/2027/proposal.pdf\n")
    checked = make("check", repository)
    assert checked.returncode == 2  # make's own code for a failed recipe: the check exited 1
    listed = TO_FILL.replace("  [ ] care/", "")
    assert checked.stderr == listed + "make: *** [Makefile:14: check] Error 1\n"


@pytest.mark.engine
def test_the_github_workflow_annotates_every_problem_and_keeps_the_pdf(tmp_path):
    """The workflow's proposalgen steps, run as written in the new repository: the strict check
    fails on the TBDs with one annotation each, and the build makes the PDF the artifact names."""
    assert proposalgen("init", "care", *ASKED, cwd=tmp_path).returncode == 0
    repository = tmp_path / "care"
    workflow = yaml.safe_load((repository / ".github" / "workflows" / "proposal.yml").read_text())
    steps = [shlex.split(s["run"]) for s in workflow["jobs"]["proposal"]["steps"] if s.get("run", "").startswith("proposalgen")]
    assert steps == [["proposalgen", "check", "--for", "all", "--strict", "--format", "github"], ["proposalgen", "build", "proposal"]]
    checked, built = (proposalgen(*step[1:], cwd=repository) for step in steps)
    assert checked.returncode == 1 and len(checked.stdout.splitlines()) == TO_FILL.count("[ ]")
    assert checked.stdout.startswith("::warning file=data/2027/call.yaml,line=7,col=16,title=placeholder::")
    assert built.returncode == 0
    artifact = workflow["jobs"]["proposal"]["steps"][-1]["with"]["path"]
    assert [p.relative_to(repository).as_posix() for p in repository.glob(artifact)] == ["build/2027/proposal.pdf"]


def test_the_pre_commit_hook_checks_the_example():
    hook, = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    checked = subprocess.run([str(BIN / hook["entry"].split()[0]), *hook["entry"].split()[1:]], capture_output=True, text=True, cwd=ROOT)
    assert (hook["id"], hook["pass_filenames"], checked.returncode, checked.stderr) == ("proposalgen-check", False, 0, "")


@pytest.mark.engine
def test_the_call_and_the_site_build_too(tmp_path):
    assert proposalgen("init", "care", *ASKED, cwd=tmp_path).returncode == 0
    built = make("all", tmp_path / "care")
    assert built.returncode == 0, built.stderr
    site = tmp_path / "care" / "build" / "2027" / "site"
    assert sorted(str(p.relative_to(site)) for p in site.rglob("*.*")) == [
        "assets/2027/schedule.ics", "call.md", "committee.md", "description.md", "organizers.md", "schedule.md", "speakers.md"]
    # The submission page is still TBD: printed as such, never an empty link.
    built_edition = tmp_path / "care" / "build" / "2027"
    assert "- **Submission link** (OpenReview): TBD\n" in (built_edition / "site" / "call.md").read_text()
    assert "\\item Submit on OpenReview: TBD" in (built_edition / "cfp.tex").read_text()


def test_the_example_dates_meet_the_venues_notification_of_the_editions_year(tmp_path):
    created = proposalgen("init", "w", "--title", "T", "--acronym", "A", "--venue", "iclr-2026", "--year", "2026", cwd=tmp_path)
    assert created.stdout.splitlines()[2] == "to fill in (6; `make check` lists them again):"
    assert "  decisions: 2026-03-01\n" in (tmp_path / "w" / "data" / "2026" / "edition.yaml").read_text()


def test_make_says_when_proposalgen_is_not_installed(tmp_path):
    assert proposalgen("init", "care", *ASKED, cwd=tmp_path).returncode == 0
    built = make("proposal", tmp_path / "care", "PROPOSALGEN=no-such-proposalgen")
    assert (built.returncode, built.stderr) == (2, (
        "no-such-proposalgen is not on PATH: install proposalgen (pip install PATH-TO-ITS-CLONE) or run make PROPOSALGEN=/path/to/proposalgen\n"
        "make: *** [Makefile:17: installed] Error 127\n"))


def test_each_yaml_file_names_its_schema_and_follows_it(tmp_path):
    assert proposalgen("init", "care", *ASKED, cwd=tmp_path).returncode == 0
    files = sorted((tmp_path / "care" / "data").rglob("*.yaml"))
    assert len(files) == 7
    for path in files:
        first = path.read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        schema = json.loads((path.parent / first.split("=", 1)[1]).read_text())
        jsonschema.validate(yaml.load(path.read_text(), Loader=_AsWritten), schema)


def test_values_are_written_as_yaml_that_reads_back_as_given(tmp_path):
    title = 'Workshop on "Quotes": #1 & more'
    assert proposalgen("init", "w", "--title", title, "--acronym", "Q: A", cwd=tmp_path).returncode == 0
    series = yaml.safe_load((tmp_path / "w" / "data" / "series.yaml").read_text())
    assert (series["title"], series["acronym"]) == (title, "Q: A")


def test_defaults_title_and_acronym_tbd_the_newest_preset_and_next_year(tmp_path):
    created = proposalgen("init", "w", cwd=tmp_path)
    year = str(datetime.date.today().year + 1)
    assert created.stdout.startswith(f"created w: the {year} edition at iclr-2026 (26 files)\n")
    assert [line for line in created.stdout.splitlines() if "series.yaml:3" in line or "series.yaml:4" in line] == [
        "  [ ] w/data/series.yaml:3:8: warning: 'title' is still TBD: fill it in [placeholder]",
        "  [ ] w/data/series.yaml:4:10: warning: 'acronym' is still TBD: fill it in [placeholder]"]
    assert "title: TBD\nacronym: TBD\n" in (tmp_path / "w" / "data" / "series.yaml").read_text()
    assert (tmp_path / "w" / "data" / year / "edition.yaml").exists()


@pytest.mark.engine
def test_a_title_and_acronym_tbd_print_tbd(tmp_path):
    assert proposalgen("init", "w", "--year", "2027", cwd=tmp_path).returncode == 0
    assert proposalgen("build", "proposal", cwd=tmp_path / "w").returncode == 0
    # a first edition: no ordinal
    assert "{\\Large\\bfseries TBD (TBD)\\par}" in (tmp_path / "w" / "build" / "2027" / "proposal.tex").read_text()


def test_the_newest_preset_is_of_the_latest_year_then_the_first_by_name():
    assert newest_preset(["iclr-2026", "icml-2026", "neurips-2024"]) == "iclr-2026"
    assert newest_preset(["aaai-2025", "neurips-2024"]) == "aaai-2025"


def test_a_non_empty_folder_is_refused_and_left_as_it_was(tmp_path):
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / "notes.txt").write_text("mine")
    refused = proposalgen("init", "w", cwd=tmp_path)
    assert (refused.returncode, refused.stdout, refused.stderr) == (
        2, "", "proposalgen: w is not empty; init writes a new repository into an empty folder only\n")
    assert [p.name for p in tmp_path.iterdir()] == ["w"]
    assert [p.name for p in (tmp_path / "w").iterdir()] == ["notes.txt"]


def test_the_empty_folder_one_stands_in_is_filled_in_place(tmp_path):
    (tmp_path / "w").mkdir()
    assert proposalgen("init", ".", *ASKED, cwd=tmp_path / "w").returncode == 0
    assert sorted(p.name for p in (tmp_path / "w").iterdir()) == [".github", ".gitignore", "Makefile", "README.md", "data", "schemas"]
    assert (tmp_path / "w" / ".gitignore").read_text() == "build/\n*~\n"


def test_a_bad_year_or_preset_name_is_bad_usage_and_writes_nothing(tmp_path):
    year = proposalgen("init", "w", "--year", "27", cwd=tmp_path)
    assert (year.returncode, year.stderr) == (2, "proposalgen: '27' is not a year: write it with four digits, such as 2027\n")
    venue = proposalgen("init", "w", "--venue", "../aaai-2027", cwd=tmp_path)
    assert (venue.returncode, venue.stderr) == (2, (
        "proposalgen: '../aaai-2027' cannot name a venue preset: write letters and digits, joined by hyphens, such as aaai-2027\n"))
    assert list(tmp_path.iterdir()) == []


NEW_PRESET_TO_FILL = [f"  [ ] aaai/data/venues/aaai-2027.yaml:{line}:{column}: warning: '{key}' is still TBD: fill it in [placeholder]" for line, column, key in (
    (10, 7, "name"), (11, 7, "year"), (12, 13, "page_limit"), (13, 11, "excludes"), (14, 13, "source_url"), (15, 17, "bio_word_limit"),
    (16, 12, "day_start"), (17, 10, "day_end"), (18, 20, "proposal_deadline"), (19, 15, "notification"), (20, 20, "required_sections"),
    (21, 21, "speakers_confirmed"), (22, 8, "style"))]


def test_a_venue_we_ship_no_preset_for_gets_one_of_its_own_every_rule_tbd(tmp_path):
    created = proposalgen("init", "aaai", "--title", "T", "--acronym", "A", "--venue", "aaai-2027", "--year", "2027", cwd=tmp_path)
    assert (created.returncode, created.stderr) == (0, "")
    lines = created.stdout.splitlines()
    assert lines[:4] == [
        "created aaai: the 2027 edition at aaai-2027 (27 files)",
        "proposalgen ships no preset 'aaai-2027': its rules are TBD in aaai/data/venues/aaai-2027.yaml, to fill in from the venue's call for workshop proposals",
        "build it: cd aaai && make proposal",
        "to fill in (19; `make check` lists them again):"]
    assert lines[-len(NEW_PRESET_TO_FILL):] == NEW_PRESET_TO_FILL
    assert not [line for line in lines if "[venue]" in line]  # no "preset for 0": its year is TBD, not a year
    preset = (tmp_path / "aaai" / "data" / "venues" / "aaai-2027.yaml").read_text()
    assert preset.startswith("# yaml-language-server: $schema=../../schemas/venue.schema.json\n# The rules of aaai-2027 for workshop proposals.")
    assert "\npage_limit: TBD          # pages of the proposal's main part\n" in preset
    schema = json.loads((tmp_path / "aaai" / "schemas" / "venue.schema.json").read_text())
    jsonschema.validate(yaml.load(preset, Loader=_AsWritten), schema)
    assert "  preset: aaai-2027   # the venue's rules" in (tmp_path / "aaai" / "data" / "2027" / "edition.yaml").read_text()


@pytest.mark.engine
def test_a_new_venues_repository_builds_with_no_page_limit_checked_yet(tmp_path):
    assert proposalgen("init", "aaai", "--venue", "aaai-2027", "--year", "2027", cwd=tmp_path).returncode == 0
    repository = tmp_path / "aaai"
    built = make("proposal", repository)
    assert built.returncode == 0, built.stderr
    assert [line for line in built.stderr.splitlines() if ": error: " in line] == []
    assert built.stderr.endswith("wrote build/2027/proposal.pdf\n")
    report = json.loads((repository / "build" / "2027" / "report.json").read_text())
    assert (report["pages"]["proposal"]["limit"], report["pages"]["proposal"]["assumed"]) == (None, [])


def test_a_preset_name_close_to_ours_is_named_but_still_a_preset_of_its_own(tmp_path):
    created = proposalgen("init", "w", "--venue", "iclr-2062", cwd=tmp_path)
    assert created.returncode == 0
    assert created.stdout.splitlines()[1] == ("proposalgen ships no preset 'iclr-2062' (did you mean 'iclr-2026'?): its rules are TBD in "
                                              "w/data/venues/iclr-2062.yaml, to fill in from the venue's call for workshop proposals")

