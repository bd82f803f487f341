"""Writes a large synthetic edition for the benchmark: PC members, people, schedule items and
references multiplied by a factor (1x: 2,000 PC members, 300 other people, 150 items, 1,000 references)."""
from __future__ import annotations

import shutil
from pathlib import Path

BASE = {"committee": 2000, "people": 300, "items": 150, "references": 1000}


def generate(data: Path, factor: int) -> Path:
    """A data folder holding series.yaml and one edition, 2030, scaled by ``factor``."""
    n = {key: value * factor for key, value in BASE.items()}
    edition = data / "2030"
    (edition / "prose").mkdir(parents=True)
    (data / "series.yaml").write_text("title: Workshop on Scaling\nacronym: WOS\n")
    _edition_yaml(edition)
    _people(edition, n)
    _schedule(edition, n)
    _references(edition, n)
    return data


def _edition_yaml(edition: Path) -> None:
    (edition / "edition.yaml").write_text(
        "venue: {preset: iclr-2026, year: 2030, required_sections: [], page_limit: 10000}\n"
        "citation_style: author-year\n"
        "dates: {submission_deadline: 2030-01-30, decisions: 2030-03-01, workshop: 2030-04-26}\n"
        "submissions: {expected: 400, reviews_per_paper: 3, max_load: 3}\n"
        "abstract: prose/abstract.md\n"
        "sections:\n"
        "  - {title: Motivation, parts: [prose/motivation.md]}\n"
        "  - {title: Schedule, parts: [{block: schedule}]}\n"
        "  - {title: Organizers, parts: [{block: organizers}, {block: committee}]}\n")
    (edition / "prose" / "abstract.md").write_text("A workshop of {{ counts.committee }} reviewers.\n")


def _people(edition: Path, n: dict) -> None:
    lines = ["people:"]
    for i in range(n["people"]):
        lines.append(f"  - {{id: p{i}, name: Person Number{i}, affiliation: University {i % 50}, website: 'https://example.org/p{i}',"
                     f" bio: 'Person Number{i} studies deep learning with careful experiments and writes about it often.'}}")
    lines += [f"  - {{id: c{i}, name: Reviewer Number{i}, affiliation: Institute {i % 80}}}" for i in range(n["committee"])]
    (edition / "people.yaml").write_text("\n".join(lines) + "\n")
    speakers = n["items"] // 2
    roles = ["organizers: [" + ", ".join(f"p{i}" for i in range(8)) + "]", "speakers:"]
    roles += [f"  - {{person: p{8 + i}, status: confirmed}}" for i in range(speakers)]
    roles += ["committee:"] + [f"  - {{person: c{i}, status: confirmed}}" for i in range(n["committee"])]
    (edition / "roles.yaml").write_text("\n".join(roles) + "\n")


def _schedule(edition: Path, n: dict) -> None:
    lines = ["timezone: UTC", "items:", '  - {kind: opening, start: "0:00", duration: 1}']
    for i in range(n["items"] - 1):
        lines.append(f"  - {{kind: talk, duration: 1, speakers: [p{8 + i // 2}]}}" if i % 2 == 0 else "  - {kind: break, duration: 1}")
    (edition / "schedule.yaml").write_text("\n".join(lines) + "\n")


def _references(edition: Path, n: dict) -> None:
    entries = [f"@article{{r{i},\n  title = {{Finding number {i}}},\n  author = {{Author{i}, Ann and Second, Bo}},\n"
               f"  journal = {{Journal of Experiments}},\n  year = {{{2000 + i % 25}}},\n  url = {{https://example.org/r{i}}}\n}}"
               for i in range(n["references"])]
    (edition / "references.bib").write_text("\n\n".join(entries) + "\n")
    paragraphs = [" ".join(f"Experiment {i + j} was careful [@r{i + j}]." for j in range(10)) for i in range(0, n["references"], 10)]
    (edition / "prose" / "motivation.md").write_text("\n\n".join(paragraphs) + "\n")


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1])
    shutil.rmtree(target, ignore_errors=True)
    print(generate(target, int(sys.argv[2]) if len(sys.argv) > 2 else 1))
