"""Prose: what its Markdown holds reaches the outputs or is reported at its line: images (a file
of the edition folder, or a web address the PDF cannot fetch), footnotes never referenced, lists
nested deeper than LaTeX's."""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlparse

from markdown_it.token import Token

from ..diagnostics import Diagnostics, Location
from ..model.edition import Edition, Prose
from ..source import load
from ..text.markdown import Columns, image_file, image_files, images, inline_tokens, is_web_address
from ..vocabulary import MAX_PHOTO_BYTES, PROSE_IMAGE_TYPES

# LaTeX nests at most four lists of a kind, and six lists and quotes in all.
_MAX_LISTS, _MAX_NESTING = 4, 6
_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    shown_in_pdf = {id(prose) for prose in _pdf_prose(edition)}
    for prose in edition.prose:
        _check_images(prose, edition, id(prose) in shown_in_pdf, diagnostics)
        _check_footnotes(prose, diagnostics)
        _check_nesting(prose, diagnostics)


def _pdf_prose(edition: Edition) -> list[Prose]:
    """The texts the PDFs show: all but the site's own pages' prose."""
    site_only = {id(p) for page in edition.site.pages for p in page.prose} if edition.site else set()
    shown = [edition.abstract, *(p for s in edition.sections for p in s.parts), *(p.bio for p in edition.people), *(edition.call.prose if edition.call else ())]
    site_only -= {id(p) for p in shown if p is not None}
    return [p for p in edition.prose if id(p) not in site_only]


def image_paths(edition: Edition) -> set[Path]:
    """The image files the prose names, as the build reads them (for the check of unread files)."""
    return {edition.folder / os.path.normpath(name) for name in image_files(prose.tokens for prose in edition.prose)}


def _check_images(prose: Prose, edition: Edition, in_pdf: bool, diagnostics: Diagnostics) -> None:
    columns = Columns(prose.lines)
    for token, line in images(prose.tokens):
        src = str(token.attrs["src"])
        where = prose.at(line, columns.of(line, src))
        if is_web_address(src):
            if in_pdf:
                diagnostics.warning("image", f"the PDF cannot fetch the web image '{src}': it shows its text '{token.content}'", where,
                                    hint="save the image in the edition folder and give its path there")
        elif urlparse(src).scheme or not src:
            diagnostics.error("image", f"the image '{src}' is neither a file of the edition folder nor a web address (https://...)", where)
        else:
            _check_image_file(image_file(src), edition, where, diagnostics)


def _check_image_file(name: str, edition: Edition, where: Location, diagnostics: Diagnostics) -> None:
    path = load.named_file(edition.folder, name, "image", where, diagnostics, hint="give its path from the edition folder")
    if path is None:
        return
    if path.suffix.lower() not in PROSE_IMAGE_TYPES:
        diagnostics.error("image", f"the image '{name}' is not of a type both the PDF and the site show", where,
                          hint=f"give a file of the types {', '.join(PROSE_IMAGE_TYPES)}")
    elif path.stat().st_size > MAX_PHOTO_BYTES:
        diagnostics.error("image", f"the image '{name}' is {path.stat().st_size / 1e6:.1f} MB; images are at most {MAX_PHOTO_BYTES / 1e6:.0f} MB", where)


def _check_footnotes(prose: Prose, diagnostics: Diagnostics) -> None:
    """A footnote defined but never referenced: markdown-it drops its text."""
    referenced = {token.meta["label"] for token, _ in inline_tokens(prose.tokens) if token.type == "footnote_ref"}
    for number, line in enumerate(prose.lines):
        match = _DEFINITION.match(line)
        if match and match[1] not in referenced:
            diagnostics.warning("markdown", f"the footnote [^{match[1]}] is never referenced: no output shows it", prose.at(number, match.start(1) - 2),
                                hint=f"write [^{match[1]}] where the note belongs")


def _check_nesting(prose: Prose, diagnostics: Diagnostics) -> None:
    """Lists and quotes nested deeper than LaTeX sets them: an error at the first too deep."""
    open_blocks: list[str] = []
    for token in prose.tokens:
        if token.type in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
            open_blocks.append(token.type)
            if _too_deep(open_blocks):
                diagnostics.error("markdown", f"lists and quotes nested {len(open_blocks)} deep: the PDF nests at most {_MAX_LISTS} lists of a kind "
                                  f"and {_MAX_NESTING} lists and quotes in all", prose.at(_line(token), 0))
                return
        elif token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            open_blocks.pop()


def _too_deep(open_blocks: list[str]) -> bool:
    return len(open_blocks) > _MAX_NESTING or open_blocks.count(open_blocks[-1]) > _MAX_LISTS


def _line(token: Token) -> int:
    return token.map[0] if token.map else 0
