"""Markdown prose: parsing with citations, and rendering the tokens to LaTeX."""
from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.smartquotes import smartquotes
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from ..diagnostics import Diagnostics, Location
from ..model.edition import CitationUse, Prose, SourceMap

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
            _pair_links(block.children)


def _pair_links(tokens) -> None:
    """Gives each link_close the href of its link_open, for renderers that write it after the text."""
    opened = []
    for token in tokens:
        if token.type == "link_open":
            opened.append(token.attrs.get("href", ""))
        elif token.type == "link_close" and opened:
            token.meta = {**(token.meta or {}), "href": opened.pop()}


class _EveryLink(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        return True  # every link stays a link: the link check decides, at its line


@functools.cache
def markdown_parser() -> MarkdownIt:
    md = _EveryLink("commonmark")
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


def parse(markdown: str, location: Location, filled_from: SourceMap | None = None) -> Prose:
    """The prose at ``location``; ``filled_from`` maps ``markdown`` back to the text as written
    when values were filled in."""
    prose = Prose(location, markdown, tuple(markdown_parser().parse(markdown)), (), filled_from)
    return dataclasses.replace(prose, citations=tuple(_citation_uses(prose)))


def parse_filled(text: str, location: Location, values: Mapping, diagnostics: Diagnostics) -> Prose:
    """The prose with its ``{{ ... }}`` values filled in; its positions stay those of ``text``."""
    if "{{" not in text and "{%" not in text:
        return parse(text, location)
    from .templating import fill_prose_values

    filled, filled_from = fill_prose_values(text, location, values, diagnostics)
    return parse(filled, location, filled_from)


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


def _citation_uses(prose: Prose):
    """Each key cited, at the column of its ``@``."""
    columns = Columns(prose.lines)
    for token, line in inline_tokens(prose.tokens):
        for key in token.meta["keys"] if token.type == "citation" else ():
            yield CitationUse(key, prose.at(line, columns.of(line, f"@{key}")))


class LatexRenderer:
    """Turns prose tokens into LaTeX; every piece of user text goes through ``escape``."""

    def __init__(self, escape: Callable[[str], str], cite: Callable[[Token], str], url: Callable[[str], str], source_root: Path):
        self.escape, self.cite, self.url, self.source_root = escape, cite, url, source_root

    def _source(self, location: Location, line_offset: int) -> str:
        """A ``% source:`` comment naming the prose line, relative to the edition folder."""
        relative = location.path.relative_to(self.source_root)
        return f"% source: {relative}:{location.line + line_offset}\n"

    def render(self, prose: Prose) -> str:
        out: list[str] = []
        lists: list[str] = []
        for token in with_curly_quotes(prose.tokens):
            out.append(self._block(token, prose.location, lists))
        return "".join(out).rstrip() + "\n"

    def _block(self, token: Token, location: Location, lists: list) -> str:
        kind = token.type
        if kind == "paragraph_open":
            return self._source(location, _first_line(token)) if not lists else ""
        if kind == "paragraph_close":
            return "\n" if lists else "\n\n"
        if kind == "inline":
            return self.inline(token.children or [])
        if kind == "heading_open":
            return self._source(location, _first_line(token)) + ("\\pgsubheading{" if token.tag in ("h1", "h2") else "\\pgrunin{")
        if kind == "heading_close":
            return "}\n"
        return self._list_block(token, location, lists)

    def _list_block(self, token: Token, location: Location, lists: list) -> str:
        environments = {"bullet_list": "itemize", "ordered_list": "enumerate"}
        kind = token.type.rsplit("_", 1)[0]
        if token.type.endswith("_open") and kind in environments:
            source = "" if lists else self._source(location, _first_line(token))
            lists.append(kind)
            return f"{source}\\begin{{{environments[kind]}}}\n"
        if token.type.endswith("_close") and kind in environments:
            lists.pop()
            return f"\\end{{{environments[kind]}}}\n" + ("" if lists else "\n")
        if token.type == "list_item_open":
            return "\\item "
        if token.type in ("code_block", "fence", "html_block"):
            lines = (self.escape(line) for line in token.content.rstrip("\n").split("\n"))
            return "{\\ttfamily\\noindent " + "\\\\\n".join(lines) + "\\par}\n\n"
        return ""

    def inline(self, tokens) -> str:
        return "".join(self._inline(token) for token in tokens)

    def _inline(self, token: Token) -> str:
        simple = {
            "strong_open": "\\textbf{", "strong_close": "}", "em_open": "\\emph{", "em_close": "}",
            "link_close": "}", "softbreak": "\n", "hardbreak": "\\\\\n",
        }
        if token.type in simple:
            return simple[token.type]
        if token.type == "link_open":
            return f"\\href{{{self.url(str(token.attrs['href']))}}}{{"
        if token.type == "citation":
            return self.cite(token)
        if token.type == "code_inline":
            return f"\\texttt{{{self.escape(token.content)}}}"
        if token.type == "image":
            return self.escape(token.content)
        return self.escape(token.content)


class MarkdownRenderer:
    """Turns prose tokens into kramdown Markdown for Jekyll pages, escaping all user text; raw
    HTML is shown as text unless ``allow_html``."""

    def __init__(self, escape: Callable[[str], str], cite: Callable[[Token], str], url: Callable[[str], str], allow_html: bool = False):
        self.escape, self.cite, self.url, self.allow_html = escape, cite, url, allow_html

    def render(self, prose: Prose) -> str:
        out: list[str] = []
        lists: list[str] = []
        for token in prose.tokens:
            out.append(self._block(token, lists))
        return "".join(out).rstrip() + "\n"

    def _block(self, token: Token, lists: list) -> str:
        kind = token.type
        if kind == "paragraph_close":
            return "\n" if lists else "\n\n"
        if kind == "inline":
            return self.inline(token.children or [])
        if kind == "heading_open":
            return "#" * int(token.tag[1]) + " "
        if kind == "heading_close":
            return "\n\n"
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append(kind)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            return "" if lists else "\n"
        elif kind == "list_item_open":
            marker = "1." if lists[-1] == "ordered_list_open" else "-"
            return "  " * (len(lists) - 1) + marker + " "
        elif kind in ("code_block", "fence"):
            return "".join(f"    {line}\n" for line in token.content.rstrip("\n").split("\n")) + "\n"
        elif kind == "html_block":
            return (token.content if self.allow_html else self.escape(token.content).strip()) + "\n\n"
        return ""

    def inline(self, tokens) -> str:
        return "".join(self._inline(token) for token in tokens)

    def _inline(self, token: Token) -> str:
        simple = {"strong_open": "**", "strong_close": "**", "em_open": "*", "em_close": "*", "softbreak": " ", "hardbreak": "  \n"}
        if token.type in simple:
            return simple[token.type]
        if token.type == "link_open":
            return "["
        if token.type == "link_close":
            return f"]({self.url(token.meta['href'])})"
        if token.type == "citation":
            return self.cite(token)
        if token.type == "code_inline":
            return "`" + token.content.replace("`", "'") + "`"
        if token.type == "html_inline" and self.allow_html:
            return token.content
        return self.escape(token.content)


class TextRenderer:
    """Turns prose tokens into plain text wrapped at ``width`` columns, with links written out."""

    def __init__(self, cite: Callable[[Token], str], width: int):
        self.cite, self.width = cite, width

    def render(self, prose: Prose) -> str:
        out: list[str] = []
        lists: list[int] = []
        pending, item = None, False
        for token in prose.tokens:
            if token.type in ("bullet_list_open", "ordered_list_open"):
                lists.append(0)
            elif token.type in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif token.type == "list_item_open":
                lists[-1] += 1
            elif token.type == "heading_open":
                pending = "heading"
            elif token.type == "inline":
                # The items of a list follow each other line after line; other blocks have a blank line between.
                out.append(("\n" if item and lists else "\n\n" if out else "") + self._wrapped(self.inline(token.children or []), lists, pending))
                pending, item = None, bool(lists)
        return "".join(out) + "\n"

    def _wrapped(self, text: str, lists: list, kind) -> str:
        import textwrap

        if kind == "heading":
            return text.upper()
        depth = len(lists)
        first = "  " * depth + "- " if depth else ""
        return textwrap.fill(text, self.width, initial_indent=first, subsequent_indent=" " * len(first),
                             break_long_words=False, break_on_hyphens=False)

    def inline(self, tokens) -> str:
        out, href = [], []
        for token in tokens:
            if token.type == "link_open":
                href.append(token.attrs.get("href", ""))
                out.append("\0")  # where the link text starts
            elif token.type == "link_close":
                out.append(_link_text(out, href.pop()))
            elif token.type == "citation":
                out.append(self.cite(token))
            elif token.type in ("softbreak", "hardbreak"):
                out.append(" ")
            elif token.type in ("text", "code_inline"):
                out.append(token.content)
        return "".join(out)


def _first_line(block: Token) -> int:
    """The first line of a block token's source (markdown-it maps every block it parses)."""
    return block.map[0] if block.map else 0


def _link_text(out: list, href: str) -> str:
    """Closes a link in plain text: "text <url>" (RFC 3986, appendix C), or the bare address
    when the text is it."""
    start = len(out) - 1 - out[::-1].index("\0")
    text = "".join(out[start + 1:])
    del out[start:]
    href = href.removeprefix("mailto:")
    return href if text in (href, f"mailto:{href}") else f"{text} <{href}>"
