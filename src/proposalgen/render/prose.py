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
from ..text.markdown import TreeWalker, alignment, cell_inline, footnote_texts, is_web_address, table_rows, with_curly_quotes


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


class LatexRenderer(TreeWalker):
    """Turns prose into LaTeX; every piece of user text goes through ``escape``. A block outside
    lists opens with a ``% source:`` comment naming its prose line, for the compile log's errors
    and the page-limit report; ``image`` gives the copy of an image file beside the document
    ("" for a web address, which the PDF shows as its alt text); ``address`` prints an address
    as written, able to break, for a link whose text is its address."""

    def __init__(self, escape: Callable[[str], str], cite: Callable[[Token], str], url: Callable[[str], str], source_root: Path,
                 image: Callable[[str], str] = lambda src: "", address: Callable[[str], str] | None = None):
        super().__init__(cite)
        self.escape, self.url, self.source_root, self.image = escape, url, source_root, image
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
        place = _Place(prose.location, str(next(self._texts)), footnote_texts(tree), set())
        return self.blocks(tree.children, place).rstrip() + "\n"

    def blocks(self, nodes, place: _Place) -> str:
        """The blocks in order; in a list, a paragraph after another block of its item starts a paragraph of its own."""
        out = []
        for index, node in enumerate(n for n in nodes if n.type != "footnote_block"):
            out.append(("\\par " if place.listed and index and node.type == "paragraph" else "") + self.block(node, place))
        return "".join(out)

    def block_paragraph(self, node: SyntaxTreeNode, place: _Place) -> str:
        text = self.inline(node.children[0], place)
        return text + "\n" if place.listed else self._source_of(node, place) + text + "\n\n"

    def block_heading(self, node: SyntaxTreeNode, place: _Place) -> str:
        command = "\\pgsubheading{" if node.tag in ("h1", "h2") else "\\pgrunin{"
        return self._source_of(node, place) + command + self.inline(node.children[0], place) + "}\n"

    def block_bullet_list(self, node: SyntaxTreeNode, place: _Place) -> str:
        return self._list(node, place, "itemize", "")

    def block_ordered_list(self, node: SyntaxTreeNode, place: _Place) -> str:
        start = int(node.attrs.get("start", 1))
        return self._list(node, place, "enumerate", f"\\pgliststart{{{start}}}" if start != 1 else "")

    def _list(self, node: SyntaxTreeNode, place: _Place, environment: str, opening: str) -> str:
        inner = dataclasses.replace(place, listed=True)
        items = "".join("\\item " + (self.blocks(item.children, inner) or "\n") for item in node.children)
        end = "" if place.listed else "\n"
        return f"{self._source_of(node, place)}\\begin{{{environment}}}{opening}\n{items}\\end{{{environment}}}\n{end}"

    def block_blockquote(self, node: SyntaxTreeNode, place: _Place) -> str:
        inner = self.blocks(node.children, place).rstrip()
        return f"\\begin{{quote}}\n{inner}\n\\end{{quote}}\n" + ("" if place.listed else "\n")

    def block_code_block(self, node: SyntaxTreeNode, place: _Place) -> str:
        lines = (self.escape(line) for line in node.content.rstrip("\n").split("\n"))
        return "{\\ttfamily\\noindent " + "\\\\\n".join(lines) + "\\par}\n\n"

    block_fence = block_html_block = block_code_block

    def block_hr(self, node: SyntaxTreeNode, place: _Place) -> str:
        return self._source_of(node, place) + "\\pgrule\n\n"

    def block_table(self, node: SyntaxTreeNode, place: _Place) -> str:
        """A tabularx as wide as the text, its columns wrapping, with booktabs' rules: the header
        on the table's first line and each row on its own, so that LaTeX's lines follow the prose's."""
        rows = table_rows(node)
        columns = "".join(_LATEX_COLUMNS.get(alignment(cell), _LATEX_COLUMNS[""]) for cell in rows[0].children)
        lines = [" & ".join(self._cell(cell, place) for cell in row.children) + " \\\\\n" for row in rows]
        return (f"{self._source_of(node, place)}\\par\\noindent\\begin{{tabularx}}{{\\linewidth}}{{@{{}}{columns}@{{}}}}\\toprule {lines[0]}\\midrule\n"
                + "".join(lines[1:]) + "\\bottomrule\n\\end{tabularx}\n\n")

    def _cell(self, cell: SyntaxTreeNode, place: _Place) -> str:
        inline = cell_inline(cell)
        return self.inline(inline, place) if inline else ""

    def span_softbreak(self, node: SyntaxTreeNode, place: _Place) -> str:
        return "\n"

    def span_hardbreak(self, node: SyntaxTreeNode, place: _Place) -> str:
        return "\\\\\n"

    def span_strong(self, node: SyntaxTreeNode, place: _Place) -> str:
        return "\\textbf{" + self.inline(node, place) + "}"

    def span_em(self, node: SyntaxTreeNode, place: _Place) -> str:
        return "\\emph{" + self.inline(node, place) + "}"

    def span_link(self, node: SyntaxTreeNode, place: _Place) -> str:
        """A link; one whose text is its address (``<https://...>``) prints the address as
        written, able to break after / . - _ @ like the addresses the templates print."""
        href = str(node.attrs["href"])
        text = "".join(child.content for child in node.children) if all(child.type == "text" for child in node.children) else None
        if text and text in (href, href.removeprefix("mailto:")):
            return f"\\pgurl{{{self.url(href)}}}{{{self.address(text)}}}"
        return f"\\href{{{self.url(href)}}}{{{self.inline(node, place)}}}"

    def span_code_inline(self, node: SyntaxTreeNode, place: _Place) -> str:
        return f"\\texttt{{{self.escape(node.content)}}}"

    def span_image(self, node: SyntaxTreeNode, place: _Place) -> str:
        name = self.image(str(node.attrs["src"]))
        return f"\\pgimage{{{name}}}" if name else self.inline(node, place)

    def span_footnote_ref(self, node: SyntaxTreeNode, place: _Place) -> str:
        """The note where it is first referenced; its mark again where it is referenced again."""
        number = node.meta["id"]
        key = f"{place.key}-{number}"
        if number in place.noted:
            return f"\\pgfootnoteagain{{{key}}}"
        place.noted.add(number)
        text = self.blocks(place.notes[number].children, dataclasses.replace(place, listed=True)).strip()
        return f"\\pgfootnote{{{key}}}{{{text}}}"

    def span_text(self, node: SyntaxTreeNode, place: _Place) -> str:
        return self.escape(node.content)


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


class MarkdownRenderer(TreeWalker):
    """Turns prose into kramdown Markdown for Jekyll pages, escaping all user text; raw HTML is
    shown as text unless ``allow_html``. One renderer per page: its footnotes are numbered across
    the page's texts, as kramdown lists them at the page's end. ``image`` gives an image's address
    on the site. The context handed down is the page's number of each of the text's footnotes."""

    def __init__(self, escape: Callable[[str], str], cite: Callable[[Token], str], url: Callable[[str], str], allow_html: bool = False,
                 image: Callable[[str], str] = lambda src: src):
        super().__init__(cite)
        self.escape, self.url, self.allow_html, self.image = escape, url, allow_html, image
        self._footnotes = itertools.count(1)

    def render(self, prose: Prose) -> str:
        tree = SyntaxTreeNode(prose.tokens)
        notes = footnote_texts(tree)
        names = {number: next(self._footnotes) for number in notes}
        body = self.blocks([n for n in tree.children if n.type != "footnote_block"], names)
        definitions = "".join("\n" + _hanging(f"[^{names[n]}]:", self.blocks(note.children, names), 4) for n, note in notes.items())
        return (body + definitions).rstrip() + "\n"

    def blocks(self, nodes, names: dict, tight: bool = False) -> str:
        """Blocks a blank line apart; in a tight list's item, a list follows its paragraph directly."""
        out = []
        for index, node in enumerate(nodes):
            joint = "" if tight and node.type.endswith("_list") else "\n"
            out.append((joint if index else "") + self.block(node, names))
        return "".join(out)

    def block_paragraph(self, node: SyntaxTreeNode, names: dict) -> str:
        return self.inline(node.children[0], names) + "\n"

    def block_heading(self, node: SyntaxTreeNode, names: dict) -> str:
        return "#" * int(node.tag[1]) + " " + self.inline(node.children[0], names) + "\n"

    def block_bullet_list(self, node: SyntaxTreeNode, names: dict) -> str:
        tight = all(p.hidden for item in node.children for p in item.children if p.type == "paragraph")
        start = int(node.attrs.get("start", 1))
        markers = (f"{start + index}." if node.type == "ordered_list" else "-" for index in itertools.count())
        items = [_hanging(marker, self.blocks(item.children, names, tight)) for marker, item in zip(markers, node.children)]
        opening = f'{{: start="{start}"}}\n' if start != 1 else ""  # kramdown numbers from 1 unless told
        return opening + ("" if tight else "\n").join(items)

    block_ordered_list = block_bullet_list

    def block_blockquote(self, node: SyntaxTreeNode, names: dict) -> str:
        inner = self.blocks(node.children, names)
        return "".join(f"> {line}".rstrip() + "\n" for line in inner.rstrip("\n").split("\n"))

    def block_code_block(self, node: SyntaxTreeNode, names: dict) -> str:
        return "".join(f"    {line}".rstrip() + "\n" for line in node.content.rstrip("\n").split("\n"))

    block_fence = block_code_block

    def block_html_block(self, node: SyntaxTreeNode, names: dict) -> str:
        return (node.content.rstrip("\n") if self.allow_html else self.escape(node.content).strip()) + "\n"

    def block_table(self, node: SyntaxTreeNode, names: dict) -> str:
        rows = table_rows(node)
        cells = [[self.inline(inline, names) if (inline := cell_inline(cell)) else "" for cell in row.children] for row in rows]
        rule = "|" + "|".join(_KRAMDOWN_ALIGNMENTS.get(alignment(cell), "---") for cell in rows[0].children) + "|\n"
        lines = ["| " + " | ".join(row) + " |\n" for row in cells]
        return lines[0] + rule + "".join(lines[1:]) + "{: .table}\n"

    def block_hr(self, node: SyntaxTreeNode, names: dict) -> str:
        return "* * *\n"

    def span_softbreak(self, node: SyntaxTreeNode, names: dict) -> str:
        return " "

    def span_hardbreak(self, node: SyntaxTreeNode, names: dict) -> str:
        return "  \n"

    def span_strong(self, node: SyntaxTreeNode, names: dict) -> str:
        return "**" + self.inline(node, names) + "**"

    def span_em(self, node: SyntaxTreeNode, names: dict) -> str:
        return "*" + self.inline(node, names) + "*"

    def span_link(self, node: SyntaxTreeNode, names: dict) -> str:
        return f"[{self.inline(node, names)}]({self.url(str(node.attrs['href']))})"

    def span_code_inline(self, node: SyntaxTreeNode, names: dict) -> str:
        return _code_span(node.content)

    def span_image(self, node: SyntaxTreeNode, names: dict) -> str:
        """The image as kramdown shows it; a PDF figure, which browsers do not show in a page, as a link to it."""
        address, alt = self.image(str(node.attrs["src"])), self.inline(node, names)
        if address.lower().endswith(".pdf"):
            return f"[{alt}]({self.url(address)})"
        title = str(node.attrs.get("title") or "")
        return f"![{alt}]({self.url(address)}" + (f' "{self.escape(title).replace(chr(34), "&quot;")}"' if title else "") + ")"

    def span_footnote_ref(self, node: SyntaxTreeNode, names: dict) -> str:
        return f"[^{names[node.meta['id']]}]"

    def span_html_inline(self, node: SyntaxTreeNode, names: dict) -> str:
        return node.content if self.allow_html else self.escape(node.content)

    def span_text(self, node: SyntaxTreeNode, names: dict) -> str:
        return self.escape(node.content)


@dataclasses.dataclass(frozen=True)
class _Frame:
    """What a plain-text block needs to know of where it stands: the number of each footnote of
    its text, the width it is wrapped at, and whether it is in a list's item."""

    names: Mapping[int, int]
    width: int
    nested: bool = False


class TextRenderer(TreeWalker):
    """Turns prose into plain text wrapped at ``width`` columns, links written out, footnotes
    numbered and listed after the text."""

    def __init__(self, cite: Callable[[Token], str], width: int):
        super().__init__(cite)
        self.width = width

    def render(self, prose: Prose) -> str:
        tree = SyntaxTreeNode(prose.tokens)
        notes = footnote_texts(tree)
        names = {number: index for index, number in enumerate(notes, 1)}
        body = self.blocks([n for n in tree.children if n.type != "footnote_block"], _Frame(names, self.width))
        listed = [_hanging(f"[{names[n]}]", self.blocks(note.children, _Frame(names, self.width - 4)), 4).rstrip("\n") for n, note in notes.items()]
        return "\n\n".join([body.rstrip("\n"), *listed]) + "\n"

    def blocks(self, nodes, frame: _Frame, tight: bool = False) -> str:
        """Blocks a blank line apart; a list's items line after line unless it is loose."""
        return ("\n" if tight else "\n\n").join(self.block(node, frame).rstrip("\n") for node in nodes)

    def block_paragraph(self, node: SyntaxTreeNode, frame: _Frame) -> str:
        return textwrap.fill(self.inline(node.children[0], frame), max(frame.width, 20), break_long_words=False, break_on_hyphens=False)

    def block_heading(self, node: SyntaxTreeNode, frame: _Frame) -> str:
        return self.inline(node.children[0], frame).upper()

    def block_bullet_list(self, node: SyntaxTreeNode, frame: _Frame) -> str:
        """Items under "- " or "1. ", a list at the top indented by two columns, a nested one under its item's text."""
        tight = all(p.hidden for item in node.children for p in item.children if p.type == "paragraph")
        start, indent = int(node.attrs.get("start", 1)), "" if frame.nested else "  "
        markers = [indent + (f"{start + index}." if node.type == "ordered_list" else "-") for index in range(len(node.children))]
        items = [_hanging(marker, self.blocks(item.children, _Frame(frame.names, frame.width - len(marker) - 1, nested=True), tight))
                 for marker, item in zip(markers, node.children)]
        return ("" if tight else "\n").join(items)

    block_ordered_list = block_bullet_list

    def block_blockquote(self, node: SyntaxTreeNode, frame: _Frame) -> str:
        inner = self.blocks(node.children, _Frame(frame.names, frame.width - 2))
        return "\n".join(f"> {line}".rstrip() for line in inner.split("\n"))

    def block_code_block(self, node: SyntaxTreeNode, frame: _Frame) -> str:
        return "\n".join(f"    {line}".rstrip() for line in node.content.rstrip("\n").split("\n"))

    block_fence = block_html_block = block_code_block

    def block_table(self, node: SyntaxTreeNode, frame: _Frame) -> str:
        rows = table_rows(node)
        return _text_table([[self.inline(i, frame) if (i := cell_inline(c)) else "" for c in row.children] for row in rows],
                           [alignment(cell) for cell in rows[0].children], frame.width)

    def block_hr(self, node: SyntaxTreeNode, frame: _Frame) -> str:
        return "-" * min(frame.width, 8)

    def span_link(self, node: SyntaxTreeNode, frame: _Frame) -> str:
        return _link_text(self.inline(node, frame), str(node.attrs.get("href", "")))

    def span_image(self, node: SyntaxTreeNode, frame: _Frame) -> str:
        alt, src = self.inline(node, frame), str(node.attrs.get("src", ""))
        return _link_text(alt, src) if is_web_address(src) else f"[image: {alt}]"

    def span_softbreak(self, node: SyntaxTreeNode, frame: _Frame) -> str:
        return " "

    span_hardbreak = span_softbreak

    def span_footnote_ref(self, node: SyntaxTreeNode, frame: _Frame) -> str:
        return f"[{frame.names[node.meta['id']]}]"

    def span_text(self, node: SyntaxTreeNode, frame: _Frame) -> str:
        """Its text; a span holding others (emphasis, strong), theirs."""
        return self.inline(node, frame) if node.children else node.content


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
