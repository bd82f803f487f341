"""The docs (docs/ and README.md) say what the tool does: each YAML example of a source file is
read over the minimal edition without a YAML, key, type or value error; each transcript is what
its command prints; each block shown as a test's output is that output; the usage lists every
command and option; the reference tables are the format's; and MkDocs builds the site strictly."""
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

import pytest
import yaml

from proposalgen.cli import _parser, main
from proposalgen.commands.schemas import reference_tables

from conftest import ROOT, make_data
from docs_format import REFERENCE, page_tables
from docs_pages import fenced_blocks, page_text

# The codes of a file's shape; an example may still name people or prose files that the minimal
# edition does not have (ref, file).
SHAPE_CODES = {"yaml", "csv", "duplicate", "key", "type", "value", "required"}
PRESET_ONLY_KEYS = {"note", "verified"}  # what a preset says of its own values, which an edition does not override
NOT_SOURCE = {".github/workflows/proposal.yml", ".pre-commit-config.yaml"}


def yaml_blocks():
    return [block for block in fenced_blocks() if block.language == "yaml"]


def source_examples():
    """The examples of one source file each (YAML, or papers.csv); the README's minimal example
    names whole paths."""
    return [block for block in fenced_blocks() if block.language in ("yaml", "csv") and block.title
            and block.title not in NOT_SOURCE and not block.title.startswith("data/")]


def example_id(block) -> str:
    return f"{block.page}:{block.title}"


def test_every_yaml_example_names_the_file_it_shows():
    assert [f"{b.page}: {b.heading}" for b in yaml_blocks() if not b.title] == []


def test_the_docs_show_each_source_file():
    assert sorted({b.title for b in source_examples()}) == ["call.yaml", "papers.csv", "roles.yaml", "schedule.yaml", "series.yaml",
                                                             "site.yaml", "venues/iclr-2026.yaml", "venues/myconf-2026.yaml"]


def test_the_readme_is_short():
    assert len((ROOT / "README.md").read_text().splitlines()) <= 150


def test_the_readme_minimal_example_is_a_series_that_passes_the_strict_check(tmp_path, run):
    files = [block for block in fenced_blocks() if block.page == "README.md" and block.title.startswith("data/")]
    for block in files:
        (tmp_path / block.title).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / block.title).write_text(block.content)
    assert len(files) == 6 and run("check", "--strict") == (0, "")


def test_the_venues_page_names_every_preset_we_ship():
    shipped = sorted(path.stem for path in (ROOT / "src" / "proposalgen" / "venues").glob("*.yaml"))
    listed = page_text("venues.md").split("Ours are in", 1)[1].split("Yours go in", 1)[0]
    assert sorted(re.findall(r"`([a-z]+-\d{4})`", listed)) == shipped


def test_the_docs_show_the_workflow_init_writes():
    shown = next(b.content for b in yaml_blocks() if b.title == ".github/workflows/proposal.yml")
    assert shown == (ROOT / "src" / "proposalgen" / "starter" / "github-workflow.yml").read_text()


def test_the_docs_pre_commit_configuration_names_our_hook():
    shown = yaml.safe_load(next(b.content for b in yaml_blocks() if b.title == ".pre-commit-config.yaml"))
    hooks = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert [hook["id"] for hook in shown["repos"][0]["hooks"]] == ["proposalgen-check"] and "proposalgen-check" in hooks


def edition_with_preset(data, preset: str) -> str:
    """The minimal edition.yaml with a preset of the docs written as the overrides of a preset:
    an edition may override every field of its preset, so the reader checks each one."""
    edition = yaml.safe_load((data / "2030" / "edition.yaml").read_text())
    fields = {k: v for k, v in yaml.safe_load(preset).items() if k not in PRESET_ONLY_KEYS}
    return yaml.safe_dump({**edition, "venue": {"preset": "iclr-2026", **fields}}, sort_keys=False)


def laid_over(data, block) -> None:
    """The example written where its file goes in the minimal series."""
    if block.title.startswith("venues/"):
        (data / "2030" / "edition.yaml").write_text(edition_with_preset(data, block.content))
    elif block.title == "series.yaml":
        (data / "series.yaml").write_text(block.content)
    else:
        (data / "2030" / block.title).write_text(block.content)


@pytest.mark.parametrize("block", source_examples(), ids=example_id)
def test_yaml_example_is_accepted_by_the_reader(block, tmp_path, monkeypatch, capsys):
    data = make_data(tmp_path)
    call = next(b for b in source_examples() if b.title == "call.yaml")
    (data / "2030" / "call.yaml").write_text(call.content)  # the site needs a call
    for prose in set(re.findall(r"prose/[\w-]+\.md", "".join(b.content for b in source_examples()))):
        (data / "2030" / prose).write_text("Careful experiments.\n")
    laid_over(data, block)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--for", "all", "--format", "json"]) in (0, 1)
    found = json.loads(capsys.readouterr().out)
    assert [f"{d['file']}:{d['line']}: {d['message']}" for d in found if d["code"] in SHAPE_CODES] == []


def transcript(command: str) -> tuple[list[str], list[str]]:
    """The command of the docs' transcript that starts with ``command``, and the lines it shows."""
    shown = next(b.content for b in fenced_blocks() if b.content.startswith(f"$ {command}"))
    first, *lines = shown.splitlines()
    assert lines[-1] == "  ..."
    return shlex.split(first.removeprefix("$ ")), lines[:-1]


def test_new_edition_transcript_is_what_the_command_prints(tmp_path, monkeypatch, capsys):
    command, shown = transcript("proposalgen new-edition")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert main(command[1:]) == 0
    assert capsys.readouterr().out.splitlines()[: len(shown)] == shown


def test_init_transcript_is_what_the_command_prints(tmp_path, monkeypatch, capsys):
    command, shown = transcript("proposalgen init")
    monkeypatch.chdir(tmp_path)
    assert main(command[1:]) == 0
    assert capsys.readouterr().out.splitlines()[: len(shown)] == shown


def shown_outputs():
    return [block for block in fenced_blocks() if block.output_of]


def printed(source: str) -> str:
    """What a scenario prints (its expected stderr), or the text of a test that asserts it."""
    path = ROOT / source
    return (path / "expected.txt").read_text() if path.is_dir() else path.read_text()


@pytest.mark.parametrize("block", shown_outputs(), ids=lambda b: f"{b.page}:{b.output_of}")
def test_an_output_shown_is_the_output_of_the_test_it_names(block):
    assert block.output_of.startswith(("tests/hostile/", "tests/test_"))
    expected = printed(block.output_of)
    lines = expected.splitlines() if block.output_of.startswith("tests/hostile/") else None
    assert [line for line in block.content.splitlines() if (line not in lines if lines is not None else line not in expected)] == []


def test_the_usage_names_every_command_and_option():
    usage = next(b.content for b in fenced_blocks() if b.page == "commands.md" and b.content.startswith("proposalgen build"))
    lines = {line.split()[1]: line for line in usage.splitlines()}
    parser = _parser()
    commands = next(a for a in parser._actions if a.choices and "build" in a.choices).choices
    missing = [f"{name} {option}" for name, command in {"": parser, **commands}.items()
               for action in command._actions for option in action.option_strings
               if option.startswith("--") and option != "--help" and option not in lines.get(name or option, "")]
    assert (sorted(set(commands) - set(lines)), missing) == ([], [])


def test_every_make_target_the_docs_name_is_one_of_the_makefile():
    targets = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(), re.M))
    named = {found for block in fenced_blocks() for found in re.findall(r"^make ([a-z-]+)", block.content, re.M)}
    assert named and named - targets == set()


def test_the_plugin_entry_points_shown_are_the_example_plugin_s():
    shown = next(b.content for b in fenced_blocks() if b.language == "toml")
    assert set(shown.splitlines()) - set((ROOT / "examples" / "plugin" / "pyproject.toml").read_text().splitlines()) == set()


def test_the_layout_shown_names_every_stage_folder():
    shown = next(b.content for b in fenced_blocks() if b.page == "development.md" and b.content.startswith("source/"))
    folders = {path.name for path in (ROOT / "src" / "proposalgen").iterdir() if path.is_dir() and (path / "__init__.py").exists()}
    ground = {"text", "venues"}  # below the stages, named in the text beside the layout
    assert set(re.findall(r"^(\w+)/", shown, re.M)) == folders - ground
    assert all(f"`{folder}/`" in page_text("development.md") for folder in ground)


def test_reference_tables_are_generated_from_the_format():
    assert page_tables(REFERENCE.read_text()) == reference_tables(), "run: .venv/bin/python tests/docs_format.py --refresh"


def test_mkdocs_builds_the_docs_without_a_warning(tmp_path):
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")], cwd=ROOT,
                           capture_output=True, text=True, timeout=120, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert (built.returncode, [line for line in built.stderr.splitlines() if "WARNING" in line]) == (0, [])
    assert (tmp_path / "site" / "checks" / "index.html").exists()
