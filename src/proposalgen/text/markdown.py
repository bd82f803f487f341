"""Markdown prose parsed into markdown-it's tokens, with citations and footnotes; where its
texts, links and images are written; the markup characters of values filled into it; and the
one walk over its syntax tree that every output's writer takes."""
from __future__ import annotations

import functools
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from urllib.parse import quote, unquote

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.smartquotes import smartquotes
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.footnote import footnote_plugin

_KEY_PUNCTUATION = "_-:./+"


def _key_end(text: str, start: int) -> int:
    """Index just past a citation key starting at ``start``; trailing punctuation is not part of it."""
    end = start
    while end < len(text) and (text[end].isalnum() or text[end] in _KEY_PUNCTUATION):
        end += 1
    while end > start and text[end - 1] in _KEY_PUNCTUATION:
        end -= 1
    return end


def _bracketed_keys(text: str) -> list[str] | None:
    """The keys of ``@a; @b`` (the inside of ``[...]``), or None if it is not a citation."""
    keys = []
    for part in text.split(";"):
        part = part.strip()
        if not part.startswith("@") or _key_end(part, 1) != len(part) or len(part) < 2:
            return None
        keys.append(part[1:])
    return keys


def _citation_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[@", state.pos):
        return False
    close = state.src.find("]", state.pos)
    keys = _bracketed_keys(state.src[state.pos + 1 : close]) if close > 0 else None
    if keys is None:
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"keys": keys, "narrative": False}
    state.pos = close + 1
    return True


def _split_narrative(token: Token) -> list[Token]:
    """Splits a text token at each ``@key`` that does not follow a letter or digit (emails)."""
    pieces, text, start, at = [], token.content, 0, token.content.find("@")
    while at >= 0:
        end = _key_end(text, at + 1)
        if end > at + 1 and (at == 0 or not text[at - 1].isalnum()):
            pieces += [token.copy(content=text[start:at]), _citation_token([text[at + 1 : end]], narrative=True)]
            start = end
        at = text.find("@", max(end, at + 1))
    return [p for p in pieces + [token.copy(content=text[start:])] if p.type != "text" or p.content]


def _citation_token(keys: list[str], narrative: bool) -> Token:
    return Token("citation", "", 0, meta={"keys": keys, "narrative": narrative})


def _narrative_rule(state) -> None:
    for block in state.tokens:
        if block.type == "inline" and block.children:
            block.children = [piece for child in block.children for piece in (_split_narrative(child) if child.type == "text" else [child])]


class _EveryLink(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        return True  # every link stays a link: the link check decides, at its line


@functools.cache
def markdown_parser() -> MarkdownIt:
    md = _EveryLink("commonmark").enable("table").use(footnote_plugin)
    md.inline.ruler.before("link", "citation", _citation_rule)
    md.core.ruler.push("narrative_citation", _narrative_rule)
    return md


@functools.cache
def _quoting_parser() -> MarkdownIt:
    """The parser whose options markdown-it's quote rule reads: typographer on, its quotes “”‘’."""
    return MarkdownIt("commonmark", {"typographer": True})


def with_curly_quotes(tokens) -> list[Token]:
    """``tokens`` with straight quotes made opening and closing ones, and apostrophes ’, by
    markdown-it's own rule, on copies: the tokens themselves keep the text as written."""
    state = StateCore("", _quoting_parser(), {})
    state.tokens = [block.copy(children=[child.copy() for child in block.children]) if block.children else block for block in tokens]
    smartquotes(state)
    return state.tokens


def parse_tokens(markdown: str) -> tuple[Token, ...]:
    return tuple(markdown_parser().parse(markdown))


# The characters by which Markdown reads a value's text as markup (a link, emphasis, a citation,
# a table's cell, a footnote, raw HTML): a value filled into prose writes each as a private-use
# character of its own, which Markdown reads as text, and the parsed prose shows as written
# again (a backslash would show in a code span).
_PROSE_MARKUP = "\\`*_[]<>!&@|~#"
HIDDEN_MARKUP = {ord(c): chr(0xE100 + i) for i, c in enumerate(_PROSE_MARKUP)}
SHOWN_MARKUP = {ord(hidden): c for c, hidden in zip(_PROSE_MARKUP, HIDDEN_MARKUP.values())}
# A hidden markup character as markdown-it percent-encodes it in an address (U+E100 to U+E10F).
_HIDDEN_IN_ADDRESS = re.compile("%EE%84%8[0-9A-F]")


def show_hidden_markup(tokens) -> None:
    """The markup characters of filled values, which Markdown read as text, shown as written again
    in the parsed tokens (an address percent-encodes those it must)."""
    for token in tokens:
        token.content = token.content.translate(SHOWN_MARKUP)
        token.info = token.info.translate(SHOWN_MARKUP)
        for name, value in (token.attrs or {}).items():
            if isinstance(value, str):
                decoded = _HIDDEN_IN_ADDRESS.sub(lambda code: quote(unquote(code[0]).translate(SHOWN_MARKUP), safe="!#&*@_~"), value)
                token.attrs[name] = decoded.translate(SHOWN_MARKUP)
        show_hidden_markup(token.children or ())


def inline_tokens(tokens):
    """Each inline token with its line in the markdown (from 0)."""
    for block in tokens:
        if block.type != "inline":
            continue
        line = block.map[0]
        for child in block.children:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            yield child, line


class Columns:
    """Where texts are written on the lines of a prose, which markdown-it numbers but does not
    place in them: each text found after the one found before it on its line (two citations or
    links of the same text are told apart); the line's start when it is not written there as is."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.after: dict[int, int] = {}  # line -> the column the next text on it is searched from

    def of(self, line: int, text: str) -> int:
        column = self.lines[line].find(text, self.after.get(line, 0)) if text and line < len(self.lines) else -1
        self.after[line] = max(column + 1, self.after.get(line, 0))
        return max(column, 0)


def citation_places(tokens: Sequence[Token], lines: list[str]) -> Iterator[tuple[str, int, int]]:
    """Each key cited, with the line and column (from 0) of its ``@``."""
    columns = Columns(lines)
    for token, line in inline_tokens(tokens):
        for key in token.meta["keys"] if token.type == "citation" else ():
            yield key, line, columns.of(line, f"@{key}")


def is_web_address(src: str) -> bool:
    return src.startswith(("http://", "https://"))


def image_file(src: str) -> str:
    """The file an image's address names in the edition folder, as written (markdown-it
    percent-encodes addresses); "" for a web address."""
    return "" if is_web_address(src) else unquote(src)


def images(tokens: Sequence[Token]) -> Iterator[tuple[Token, int]]:
    """Each image of a prose's tokens with its line (from 0), those in link texts and table cells too."""
    for token, line in inline_tokens(tokens):
        if token.type == "image":
            yield token, line


def image_files(texts: Iterable[Sequence[Token]]) -> set[str]:
    """The files the images of ``texts`` (each a prose's tokens) name in the edition folder, as
    written; web images left out."""
    return {name for tokens in texts for token, _ in images(tokens) if (name := image_file(str(token.attrs["src"])))}




class TreeWalker(ABC):
    """The one walk over prose's syntax tree (markdown-it's ``SyntaxTreeNode``), which every
    output's writer takes: a block is written by the writer's ``block_<type>`` method, a span by
    its ``span_<type>``, a span it has no method for as its text (``span_text``). ``context``
    is the writer's own (where a block stands: in a list, how wide), handed down as it is."""

    def __init__(self, cite: Callable[[Token], str]):
        self.cite = cite

    def blocks(self, nodes: Iterable[SyntaxTreeNode], context) -> str:
        return "".join(self.block(node, context) for node in nodes)

    def block(self, node: SyntaxTreeNode, context) -> str:
        return getattr(self, f"block_{node.type}")(node, context)

    def inline(self, node: SyntaxTreeNode, context) -> str:
        return "".join(self.span(child, context) for child in node.children)

    def span(self, node: SyntaxTreeNode, context) -> str:
        return getattr(self, f"span_{node.type}", self.span_text)(node, context)

    @abstractmethod
    def span_text(self, node: SyntaxTreeNode, context) -> str:
        """A span as text: escaped as the output needs."""

    def span_citation(self, node: SyntaxTreeNode, context) -> str:
        return self.cite(node.token) if node.token else ""


def footnote_texts(tree: SyntaxTreeNode) -> dict[int, SyntaxTreeNode]:
    """The text of each footnote referenced, by its id (markdown-it keeps only those)."""
    return {note.meta["id"]: note for block in tree.children if block.type == "footnote_block" for note in block.children}


def table_rows(table: SyntaxTreeNode) -> list[SyntaxTreeNode]:
    return [row for part in table.children for row in part.children]


def alignment(cell: SyntaxTreeNode) -> str:
    """left, right, center or "" (none given), from the style markdown-it gives a table's cell."""
    return str(cell.attrs.get("style", "")).removeprefix("text-align:")


def cell_inline(cell: SyntaxTreeNode) -> SyntaxTreeNode | None:
    return cell.children[0] if cell.children else None
