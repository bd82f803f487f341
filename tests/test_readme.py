"""The README's examples are what the tool accepts: each fenced YAML block that shows a source
file is laid over the minimal edition and read; none may give a YAML, key, type or value error."""
import json
import re
import shutil

import pytest
import yaml

from proposalgen.cli import main
from proposalgen.text.markdown import markdown_parser

from conftest import ROOT, make_data

# The codes of a file's shape; a README example may still name people or prose files that the
# minimal edition does not have (ref, file).
SHAPE_CODES = {"yaml", "duplicate", "key", "type", "value", "required"}
PRESET_ONLY_KEYS = {"note", "verified"}  # what a preset says of its own values, which an edition does not override
NOT_SOURCE = "In CI and in editors"  # its YAML blocks are a workflow and a pre-commit configuration


def fenced_blocks():
    """Each fenced block of the README with the heading of its section."""
    heading, tokens = "", markdown_parser().parse((ROOT / "README.md").read_text())
    for previous, token in zip(tokens, tokens[1:]):
        if previous.type == "heading_open":
            heading = token.content
        elif token.type == "fence":
            yield heading, token


def yaml_examples() -> dict[str, str]:
    """Each YAML block of the README by the source file it shows: the file its first line names
    (``# roles.yaml``), else the file its section is about (``### site.yaml``, a venue preset)."""
    examples = {}
    for heading, block in fenced_blocks():
        first = block.content.split("\n", 1)[0]
        if block.info == "yaml" and heading != NOT_SOURCE:
            name = first.removeprefix("# ") if first.startswith("# ") and first.endswith(".yaml") else heading.split()[0]
            examples[name] = block.content
    return examples


def test_the_readme_shows_each_source_file():
    assert sorted(yaml_examples()) == ["Venue", "call.yaml", "roles.yaml", "schedule.yaml", "site.yaml"]


def test_the_readme_shows_the_workflow_init_writes():
    shown = next(b.content for heading, b in fenced_blocks() if heading == NOT_SOURCE and "jobs:" in b.content)
    assert shown == (ROOT / "src" / "proposalgen" / "starter" / "github-workflow.yml").read_text()


def edition_with_preset(data, preset: str) -> str:
    """The minimal edition.yaml with the README's preset written as the overrides of a preset:
    an edition may override every field of its preset, so the reader checks each one."""
    edition = yaml.safe_load((data / "2030" / "edition.yaml").read_text())
    fields = {k: v for k, v in yaml.safe_load(preset).items() if k not in PRESET_ONLY_KEYS}
    return yaml.safe_dump({**edition, "venue": {"preset": "iclr-2026", **fields}}, sort_keys=False)


@pytest.mark.parametrize("name", sorted(yaml_examples()))
def test_readme_example_is_accepted_by_the_reader(name, tmp_path, monkeypatch, capsys):
    examples = yaml_examples()
    data = make_data(tmp_path)
    (data / "2030" / "call.yaml").write_text(examples["call.yaml"])  # the site needs a call
    for prose in set(re.findall(r"prose/[\w-]+\.md", "".join(examples.values()))):
        (data / "2030" / prose).write_text("Careful experiments.\n")
    if name == "Venue":
        (data / "2030" / "edition.yaml").write_text(edition_with_preset(data, examples[name]))
    else:
        (data / "2030" / name).write_text(examples[name])
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--for", "all", "--format", "json"]) in (0, 1)
    found = json.loads(capsys.readouterr().out)
    assert [f"{d['file']}:{d['line']}: {d['message']}" for d in found if d["code"] in SHAPE_CODES] == []


def test_readme_new_edition_transcript_is_what_the_command_prints(tmp_path, monkeypatch, capsys):
    transcript = next(b.content for _, b in fenced_blocks() if b.content.startswith("$ proposalgen new-edition"))
    command, *shown = transcript.splitlines()
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert main(command.split()[2:]) == 0
    assert shown[-1] == "  ..." and capsys.readouterr().out.splitlines()[: len(shown) - 1] == shown[:-1]


def test_reference_tables_are_generated_from_the_format():
    from proposalgen.commands.schemas import reference_tables

    from readme_format import README, readme_tables

    assert readme_tables(README.read_text()) == reference_tables(), "run: .venv/bin/python tests/readme_format.py --refresh"
