"""Prose rendered to LaTeX, kramdown and plain text through markdown-it's syntax tree."""
from __future__ import annotations

import dataclasses
import itertools
import re
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from ..diagnostics import Location
from ..model.edition import Prose
from ..text.markdown import is_web_address, with_curly_quotes


def _footnote_texts(tree: SyntaxTreeNode) -> dict[int, SyntaxTreeNode]:
    """The text of each footnote referenced, by its id (markdown-it keeps only those)."""
    return {note.meta["id"]: note for block in tree.children if block.type == "footnote_block" for note in block.children}


def _rows(table: SyntaxTreeNode) -> list[SyntaxTreeNode]:
    return [row for part in table.children for row in part.children]


def _alignment(cell: SyntaxTreeNode) -> str:
    """left, right, center or "" (none given), from the style markdown-it gives a table's cell."""
    return str(cell.attrs.get("style", "")).removeprefix("text-align:")


def _cell_inline(cell: SyntaxTreeNode) -> SyntaxTreeNode | None:
    return cell.children[0] if cell.children else None


@dataclasses.dataclass(frozen=True)
class _Place:
    """What a LaTeX block needs to know of where it stands: its prose, the footnotes' texts, the
    notes already set (the next reference marks them again), and whether it is in a list."""

    location: Location
    key: str  # tells this prose's footnotes from those of the document's other texts
    notes: Mapping[int, SyntaxTreeNode]
    noted: set[int]
    listed: bool = False


_LATEX_COLUMNS = {"left": r">{\raggedright\arraybackslash}X", "right": r">{\raggedleft\arraybackslash}X",
                  "center": r">{\centering\arraybackslash}X", "": r">{\raggedright\arraybackslash}X"}


class LatexRenderer:
    """Turns prose into LaTeX; every piece of user text goes through ``escape``. A block outside
    lists opens with a ``% source:`` comment naming its prose line, for the compile log's errors
    and the page-limit report; ``image`` gives the copy of an image file beside the document
    ("" for a web address, which the PDF shows as its alt text); ``address`` prints an address
    as written, able to break, for a link whose text is its address."""

    def __init__(self, escape: Callable[[str], str], cite: Callable[[Token], str], url: Callable[[str], str], source_root: Path,
                 image: Callable[[str], str] = lambda src: "", address: Callable[[str], str] | None = None):
        self.escape, self.cite, self.url, self.source_root, self.image = escape, cite, url, source_root, image
        self.address = address or escape
        self._texts = itertools.count(1)

    def _source(self, location: Location, line_offset: int) -> str:
        """A ``% source:`` comment naming the prose line, relative to the edition folder."""
        relative = location.path.relative_to(self.source_root)
        return f"% source: {relative}:{location.line + line_offset}\n"

    def _source_of(self, node: SyntaxTreeNode, place: _Place) -> str:
        return "" if place.listed else self._source(place.location, node.map[0] if node.map else 0)

    def render(self, prose: Prose) -> str:
        tree = SyntaxTreeNode(with_curly_quotes(prose.tokens))
        place = _Place(prose.location, str(next(self._texts)), _footnote_texts(tree), set())
        return self._blocks(tree.children, place).rstrip() + "\n"

    def _blocks(self, nodes, place: _Place) -> str:
        """The blocks in order; in a list, a paragraph after another block of its item starts a paragraph of its own."""
        out = []
        for index, node in enumerate(n for n in nodes if n.type != "footnote_block"):
            out.append(("\\par " if place.listed and index and node.type == "paragraph" else "") + self._block(node, place))
        return "".join(out)

    def _block(self, node: SyntaxTreeNode, place: _Place) -> str:
        return getattr(self, f"_{node.type}")(node, place)

    def _paragraph(self, node: SyntaxTreeNode, place: _Place) -> str:
        text = self._inline(node.children[0], place)
        return text + "\n" if place.listed else self._source_of(node, place) + text + "\n\n"

    def _heading(self, node: SyntaxTreeNode, place: _Place) -> str:
        command = "\\pgsubheading{" if node.tag in ("h1", "h2") else "\\pgrunin{"
        return self._source_of(node, place) + command + self._inline(node.children[0], place) + "}\n"

    def _bullet_list(self, node: SyntaxTreeNode, place: _Place) -> str:
        return self._list(node, place, "itemize", "")

    def _ordered_list(self, node: SyntaxTreeNode, place: _Place) -> str:
        start = int(node.attrs.get("start", 1))
        return self._list(node, place, "enumerate", f"\\pgliststart{{{start}}}" if start != 1 else "")

    def _list(self, node: SyntaxTreeNode, place: _Place, environment: str, opening: str) -> str:
        inner = dataclasses.replace(place, listed=True)
        items = "".join("\\item " + (self._blocks(item.children, inner) or "\n") for item in node.children)
        end = "" if place.listed else "\n"
        return f"{self._source_of(node, place)}\\begin{{{environment}}}{opening}\n{items}\\end{{{environment}}}\n{end}"

    def _blockquote(self, node: SyntaxTreeNode, place: _Place) -> str:
        inner = self._blocks(node.children, place).rstrip()
        return f"\\begin{{quote}}\n{inner}\n\\end{{quote}}\n" + ("" if place.listed else "\n")

    def _code_block(self, node: SyntaxTreeNode, place: _Place) -> str:
        lines = (self.escape(line) for line in node.content.rstrip("\n").split("\n"))
        return "{\\ttfamily\\noindent " + "\\\\\n".join(lines) + "\\par}\n\n"

    _fence = _html_block = _code_block

    def _hr(self, node: SyntaxTreeNode, place: _Place) -> str:
        return self._source_of(node, place) + "\\pgrule\n\n"

    def _table(self, node: SyntaxTreeNode, place: _Place) -> str:
        """A tabularx as wide as the text, its columns wrapping, with booktabs' rules: the header
        on the table's first line and each row on its own, so that LaTeX's lines follow the prose's."""
        rows = _rows(node)
        columns = "".join(_LATEX_COLUMNS.get(_alignment(cell), _LATEX_COLUMNS[""]) for cell in rows[0].children)
        lines = [" & ".join(self._cell(cell, place) for cell in row.children) + " \\\\\n" for row in rows]
        return (f"{self._source_of(node, place)}\\par\\noindent\\begin{{tabularx}}{{\\linewidth}}{{@{{}}{columns}@{{}}}}\\toprule {lines[0]}\\midrule\n"
                + "".join(lines[1:]) + "\\bottomrule\n\\end{tabularx}\n\n")

    def _link(self, node: SyntaxTreeNode, place: _Place) -> str:
        """A link; one whose text is its address (``<https://...>``) prints the address as
        written, able to break after / . - _ @ like the addresses the templates print."""
        href = str(node.attrs["href"])
        text = "".join(child.content for child in node.children) if all(child.type == "text" for child in node.children) else None
        if text and text in (href, href.removeprefix("mailto:")):
            return f"\\pgurl{{{self.url(href)}}}{{{self.address(text)}}}"
        return f"\\href{{{self.url(href)}}}{{{self._inline(node, place)}}}"

    def _cell(self, cell: SyntaxTreeNode, place: _Place) -> str:
        inline = _cell_inline(cell)
        return self._inline(inline, place) if inline else ""

    def _inline(self, node: SyntaxTreeNode, place: _Place) -> str:
        return "".join(self._span(child, place) for child in node.children)

    def _span(self, node: SyntaxTreeNode, place: _Place) -> str:
        simple = {"softbreak": "\n", "hardbreak": "\\\\\n"}
        wrapped = {"strong": "\\textbf{", "em": "\\emph{"}
        if node.type in simple:
            return simple[node.type]
        if node.type in wrapped:
            return wrapped[node.type] + self._inline(node, place) + "}"
        if node.type == "link":
            return self._link(node, place)
        if node.type == "citation":
            return self.cite(node.token) if node.token else ""
        if node.type == "code_inline":
            return f"\\texttt{{{self.escape(node.content)}}}"
        if node.type == "image":
            return self._image(node, place)
        if node.type == "footnote_ref":
            return self._footnote(node.meta["id"], place)
        return self.escape(node.content)

    def _image(self, node: SyntaxTreeNode, place: _Place) -> str:
        name = self.image(str(node.attrs["src"]))
        return f"\\pgimage{{{name}}}" if name else self._inline(node, place)

    def _footnote(self, number: int, place: _Place) -> str:
        """The note where it is first referenced; its mark again where it is referenced again."""
        key = f"{place.key}-{number}"
        if number in place.noted:
            return f"\\pgfootnoteagain{{{key}}}"
        place.noted.add(number)
        text = self._blocks(place.notes[number].children, dataclasses.replace(place, listed=True)).strip()
        return f"\\pgfootnote{{{key}}}{{{text}}}"


def _hanging(marker: str, text: str, indent: int | None = None) -> str:
    """``text`` after ``marker``, its next lines indented under the text (or by ``indent``)."""
    lines = text.rstrip("\n").split("\n") if text.strip() else [""]
    pad = " " * (len(marker) + 1 if indent is None else indent)
    first = f"{marker} {lines[0]}".rstrip()
    return "\n".join([first, *(pad + line if line else "" for line in lines[1:])]) + "\n"


def _code_span(content: str) -> str:
    """A code span showing ``content`` as written: backticks around it outnumber any run in it."""
    fence = "`" * (max(map(len, re.findall("`+", content)), default=0) + 1)
    padding = " " if content.startswith("`") or content.endswith("`") else ""
    return f"{fence}{padding}{content}{padding}{fence}"


_KRAMDOWN_ALIGNMENTS = {"left": ":--", "right": "--:", "center": ":-:", "": "---"}


class MarkdownRenderer:
    """Turns prose into kramdown Markdown for Jekyll pages, escaping all user text; raw HTML is
    shown as text unless ``allow_html``. One renderer per page: its footnotes are numbered across
    the page's texts, as kramdown lists them at the page's end. ``image`` gives an image's address
    on the site."""

    def __init__(self, escape: Callable[[str], str], cite: Callable[[Token], str], url: Callable[[str], str], allow_html: bool = False,
                 image: Callable[[str], str] = lambda src: src):
        self.escape, self.cite, self.url, self.allow_html, self.image = escape, cite, url, allow_html, image
        self._footnotes = itertools.count(1)

    def render(self, prose: Prose) -> str:
        tree = SyntaxTreeNode(prose.tokens)
        notes = _footnote_texts(tree)
        names = {number: next(self._footnotes) for number in notes}
        body = self._blocks([n for n in tree.children if n.type != "footnote_block"], names)
        definitions = "".join("\n" + _hanging(f"[^{names[n]}]:", self._blocks(note.children, names), 4) for n, note in notes.items())
        return (body + definitions).rstrip() + "\n"

    def _blocks(self, nodes, names: dict, tight: bool = False) -> str:
        """Blocks a blank line apart; in a tight list's item, a list follows its paragraph directly."""
        out = []
        for index, node in enumerate(nodes):
            joint = "" if tight and node.type.endswith("_list") else "\n"
            out.append((joint if index else "") + self._block(node, names))
        return "".join(out)

    def _block(self, node: SyntaxTreeNode, names: dict) -> str:
        if node.type == "paragraph":
            return self._inline(node.children[0], names) + "\n"
        if node.type == "heading":
            return "#" * int(node.tag[1]) + " " + self._inline(node.children[0], names) + "\n"
        if node.type in ("bullet_list", "ordered_list"):
            return self._list(node, names)
        if node.type == "blockquote":
            inner = self._blocks(node.children, names)
            return "".join(f"> {line}".rstrip() + "\n" for line in inner.rstrip("\n").split("\n"))
        if node.type in ("code_block", "fence"):
            return "".join(f"    {line}".rstrip() + "\n" for line in node.content.rstrip("\n").split("\n"))
        if node.type == "html_block":
            return (node.content.rstrip("\n") if self.allow_html else self.escape(node.content).strip()) + "\n"
        if node.type == "table":
            return self._table(node, names)
        return "* * *\n"  # hr: markdown-it's other blocks are all above

    def _list(self, node: SyntaxTreeNode, names: dict) -> str:
        tight = all(p.hidden for item in node.children for p in item.children if p.type == "paragraph")
        start = int(node.attrs.get("start", 1))
        markers = (f"{start + index}." if node.type == "ordered_list" else "-" for index in itertools.count())
        items = [_hanging(marker, self._blocks(item.children, names, tight)) for marker, item in zip(markers, node.children)]
        opening = f'{{: start="{start}"}}\n' if start != 1 else ""  # kramdown numbers from 1 unless told
        return opening + ("" if tight else "\n").join(items)

    def _table(self, node: SyntaxTreeNode, names: dict) -> str:
        rows = _rows(node)
        cells = [[self._inline(inline, names) if (inline := _cell_inline(cell)) else "" for cell in row.children] for row in rows]
        rule = "|" + "|".join(_KRAMDOWN_ALIGNMENTS.get(_alignment(cell), "---") for cell in rows[0].children) + "|\n"
        lines = ["| " + " | ".join(row) + " |\n" for row in cells]
        return lines[0] + rule + "".join(lines[1:]) + "{: .table}\n"

    def _inline(self, node: SyntaxTreeNode, names: dict) -> str:
        return "".join(self._span(child, names) for child in node.children)

    def _span(self, node: SyntaxTreeNode, names: dict) -> str:
        simple = {"softbreak": " ", "hardbreak": "  \n"}
        wrapped = {"strong": "**", "em": "*"}
        if node.type in simple:
            return simple[node.type]
        if node.type in wrapped:
            return wrapped[node.type] + self._inline(node, names) + wrapped[node.type]
        if node.type == "link":
            return f"[{self._inline(node, names)}]({self.url(str(node.attrs['href']))})"
        if node.type == "citation":
            return self.cite(node.token) if node.token else ""
        if node.type == "code_inline":
            return _code_span(node.content)
        if node.type == "image":
            return self._image(node, names)
        if node.type == "footnote_ref":
            return f"[^{names[node.meta['id']]}]"
        if node.type == "html_inline" and self.allow_html:
            return node.content
        return self.escape(node.content)

    def _image(self, node: SyntaxTreeNode, names: dict) -> str:
        """The image as kramdown shows it; a PDF figure, which browsers do not show in a page, as a link to it."""
        address, alt = self.image(str(node.attrs["src"])), self._inline(node, names)
        if address.lower().endswith(".pdf"):
            return f"[{alt}]({self.url(address)})"
        title = str(node.attrs.get("title") or "")
        return f"![{alt}]({self.url(address)}" + (f' "{self.escape(title).replace(chr(34), "&quot;")}"' if title else "") + ")"


class TextRenderer:
    """Turns prose into plain text wrapped at ``width`` columns, links written out, footnotes
    numbered and listed after the text."""

    def __init__(self, cite: Callable[[Token], str], width: int):
        self.cite, self.width = cite, width

    def render(self, prose: Prose) -> str:
        tree = SyntaxTreeNode(prose.tokens)
        notes = _footnote_texts(tree)
        names = {number: index for index, number in enumerate(notes, 1)}
        body = self._blocks([n for n in tree.children if n.type != "footnote_block"], names, self.width)
        listed = [_hanging(f"[{names[n]}]", self._blocks(note.children, names, self.width - 4), 4).rstrip("\n") for n, note in notes.items()]
        return "\n\n".join([body.rstrip("\n"), *listed]) + "\n"

    def _blocks(self, nodes, names: dict, width: int, tight: bool = False, nested: bool = False) -> str:
        """Blocks a blank line apart; a list's items line after line unless it is loose."""
        return ("\n" if tight else "\n\n").join(self._block(node, names, width, nested).rstrip("\n") for node in nodes)

    def _block(self, node: SyntaxTreeNode, names: dict, width: int, nested: bool) -> str:
        if node.type == "paragraph":
            return self._wrapped(self._inline(node.children[0], names), width)
        if node.type == "heading":
            return self._inline(node.children[0], names).upper()
        if node.type in ("bullet_list", "ordered_list"):
            return self._list(node, names, width, nested)
        if node.type == "blockquote":
            inner = self._blocks(node.children, names, width - 2)
            return "\n".join(f"> {line}".rstrip() for line in inner.split("\n"))
        if node.type in ("code_block", "fence", "html_block"):
            return "\n".join(f"    {line}".rstrip() for line in node.content.rstrip("\n").split("\n"))
        if node.type == "table":
            return _text_table([[self._inline(i, names) if (i := _cell_inline(c)) else "" for c in row.children] for row in _rows(node)],
                               [_alignment(cell) for cell in _rows(node)[0].children], width)
        return "-" * min(width, 8)  # hr

    def _list(self, node: SyntaxTreeNode, names: dict, width: int, nested: bool) -> str:
        """Items under "- " or "1. ", a list at the top indented by two columns, a nested one under its item's text."""
        tight = all(p.hidden for item in node.children for p in item.children if p.type == "paragraph")
        start, indent = int(node.attrs.get("start", 1)), "" if nested else "  "
        markers = [indent + (f"{start + index}." if node.type == "ordered_list" else "-") for index in range(len(node.children))]
        items = [_hanging(marker, self._blocks(item.children, names, width - len(marker) - 1, tight, nested=True))
                 for marker, item in zip(markers, node.children)]
        return ("" if tight else "\n").join(items)

    def _wrapped(self, text: str, width: int) -> str:
        return textwrap.fill(text, max(width, 20), break_long_words=False, break_on_hyphens=False)

    def _inline(self, node: SyntaxTreeNode, names: dict) -> str:
        return "".join(self._span(child, names) for child in node.children)

    def _span(self, node: SyntaxTreeNode, names: dict) -> str:
        if node.type == "link":
            return _link_text(self._inline(node, names), str(node.attrs.get("href", "")))
        if node.type == "image":
            alt, src = self._inline(node, names), str(node.attrs.get("src", ""))
            return _link_text(alt, src) if is_web_address(src) else f"[image: {alt}]"
        if node.type == "citation":
            return self.cite(node.token) if node.token else ""
        if node.type in ("softbreak", "hardbreak"):
            return " "
        if node.type == "footnote_ref":
            return f"[{names[node.meta['id']]}]"
        if node.children:
            return self._inline(node, names)
        return node.content


def _text_table(rows: list[list[str]], alignments: list[str], width: int) -> str:
    """A table in columns under a rule when it fits ``width``; else each row as "heading: cell" lines."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(alignments))]
    if sum(widths) + 2 * (len(widths) - 1) > width:
        return "\n\n".join("\n".join(textwrap.fill(f"{head}: {cell}", width, subsequent_indent="  ", break_long_words=False)
                                     for head, cell in zip(rows[0], row) if cell) for row in rows[1:])
    def line(row: list[str]) -> str:
        return "  ".join(cell.rjust(w) if how == "right" else cell.center(w) if how == "center" else cell.ljust(w)
                         for cell, w, how in zip(row, widths, alignments)).rstrip()
    return "\n".join([line(rows[0]), "  ".join("-" * w for w in widths), *map(line, rows[1:])])


def _link_text(text: str, href: str) -> str:
    """A link in plain text: "text <url>" (RFC 3986, appendix C), or the bare address when the text is it."""
    href = href.removeprefix("mailto:")
    return href if text in (href, f"mailto:{href}") else f"{text} <{href}>"
