"""The docs as the tests read them: the pages of docs/ and README.md, their fenced blocks with
the heading above each, and what a block says of itself (its title, the test whose output it is)."""
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from proposalgen.text.markdown import markdown_parser

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
OUTPUT_OF = re.compile(r"<!-- output of (\S+) -->")


@dataclass(frozen=True)
class Block:
    page: str
    heading: str
    info: str
    content: str
    output_of: str  # the test or scenario whose output the block shows, from the comment above it

    @property
    def language(self) -> str:
        return self.info.split(" ", 1)[0]

    @property
    def title(self) -> str:
        found = re.search(r'title="([^"]+)"', self.info)
        return found[1] if found else ""


def pages() -> list[Path]:
    return [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


def page_text(name: str) -> str:
    return (DOCS / name).read_text()


def fenced_blocks() -> Iterator[Block]:
    for page in pages():
        heading, tokens = "", markdown_parser().parse(page.read_text())
        for previous, token in zip(tokens, tokens[1:]):
            if previous.type == "heading_open":
                heading = token.content
            elif token.type == "fence":
                found = OUTPUT_OF.search(previous.content) if previous.type == "html_block" else None
                yield Block(page.name, heading, token.info, token.content, found[1] if found else "")
