"""Filling in one text's ``{{ values }}`` in the sandbox, and where each character of the result
is written in the text as written."""
from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
import traceback
from collections.abc import Mapping

import jinja2

from ..diagnostics import Diagnostics, Location, did_you_mean
from ..model.edition import Prose, SourceMap
from ..text.markdown import SHOWN_MARKUP, show_hidden_markup
from .environments import prose_environment
from .sandbox import MAX_TEXT, rendered


def fill_prose_values(text: str, where: Location, values: Mapping, diagnostics: Diagnostics) -> tuple[str, SourceMap | None]:
    """``text`` with its ``{{ ... }}`` values filled in, and where each of its characters is
    written in ``text``; problems are reported and the text kept as written."""
    try:
        return _filled(re.sub(r"\r\n?", "\n", text), values)  # newlines as Jinja reads them
    except jinja2.TemplateSyntaxError as e:
        diagnostics.error("value", f"cannot read the value: {e.message}", where.shifted(e.lineno - 1))
    except jinja2.UndefinedError as e:
        expression, members = _undefined(text, e.message or "", values)
        message = f"unknown value '{expression}'{did_you_mean(expression.rsplit('.', 1)[-1], members)}"
        diagnostics.error("value", message, _line_of(text, expression, where), hint=f"known here: {', '.join(sorted(members))}")
    except jinja2.TemplateNotFound as e:
        diagnostics.error("value", f"prose cannot include, import or extend a template ('{e.name}')", where.shifted(_failing_line(e) - 1))
    except jinja2.TemplateError as e:
        diagnostics.error("value", f"cannot fill in the value: {e}", where.shifted(_failing_line(e) - 1))
    except RecursionError as e:
        diagnostics.error("value", "cannot fill in the value: it calls itself too deeply", where.shifted(_failing_line(e) - 1))
    return text, None


def _failing_line(error: BaseException) -> int:
    """The line of the prose being filled in when ``error`` happened: Jinja rewrites the
    traceback to show it, as a line of ``<template>``."""
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == "<template>" and frame.lineno]
    return lines[-1] if lines else 1


# A mark gives the offset in the text as written where the output that follows comes from.
# Private-use characters: pdflatex cannot typeset them, so prose has no use for them.
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_MARKED = re.compile(f"{_MARK_OPEN}(\\d+){_MARK_CLOSE}")


def _filled(text: str, values: Mapping) -> tuple[str, SourceMap | None]:
    """Fills ``text`` in once, a mark printed before each stretch of literal text and each value:
    the marks tell where each character of the output comes from, and are then taken out."""
    pieces = _pieces(text)
    if pieces is None:
        return rendered(_prose_template(text), MAX_TEXT, values), None
    literals, tags = pieces
    output = rendered(_prose_template(_marked(text, literals, tags)), MAX_TEXT, values)
    return _MARKED.sub("", output), SourceMap(*_stretches(output, literals, tags), _line_starts(text))


def _prose_template(source: str) -> jinja2.Template:
    """The prose compiled, or as an earlier build compiled it (the bytecode cache, which checks
    it against the text): compiling is most of filling in a text's values."""
    env = prose_environment()
    if env.bytecode_cache is None:
        return env.from_string(source)
    bucket = env.bytecode_cache.get_bucket(env, hashlib.sha256(source.encode()).hexdigest(), None, source)
    if bucket.code is None:
        bucket.code = env.compile(source)
        env.bytecode_cache.set_bucket(bucket)
    return env.template_class.from_code(env, bucket.code, env.make_globals(None))


def _pieces(text: str) -> tuple[dict[int, int], list[int]] | None:
    """The stretches of literal text (offset: length, as Jinja keeps them after whitespace
    control) and the offsets of the ``{{`` of values, found by Jinja's own lexer. None when marks
    cannot be used: raw blocks would print them as written, and a text may hold their characters."""
    literals, tags, cursor = {}, [], 0
    for _, kind, value in prose_environment().lexer.tokeniter(text, None):
        if kind == "raw_begin":
            return None
        cursor = text.find(value, cursor) if value else cursor
        if kind == "data":
            literals[cursor] = len(value)
        elif kind == "variable_begin":
            tags.append(cursor)
        cursor += len(value)
    return None if _MARK_OPEN in text or _MARK_CLOSE in text else (literals, tags)


def _marked(text: str, literals: dict[int, int], tags: list[int]) -> str:
    """``text`` with a mark printed before each stretch of literal text and each value; a mark
    before ``{{-`` carries the ``-`` itself, so that it strips the same whitespace."""
    out, last = [], 0
    for offset in sorted([*literals, *tags]):
        dash = "-" if text.startswith("{{-", offset) else ""
        out += [text[last:offset], f"{{{{{dash} '{_MARK_OPEN}{offset}{_MARK_CLOSE}' }}}}"]
        last = offset
    return "".join(out) + text[last:]


def _stretches(output: str, literals: dict[int, int], tags: list[int]) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """For each stretch of the filled text: where it starts, where it comes from, and whether
    it is copied character by character (1) or a value, all of it at its ``{{`` (0)."""
    starts, origins, steps, removed = [], [], [], 0
    for mark in _MARKED.finditer(output):
        offset, start = int(mark[1]), mark.start() - removed
        removed += len(mark[0])
        length = literals.get(offset, 0)
        starts += [start, start + length]
        origins += [offset, _next_tag(tags, offset + length) if length else offset]
        steps += [1, 0]
    return tuple(starts), tuple(origins), tuple(steps)


def _next_tag(tags: list[int], offset: int) -> int:
    """The first value written at or after ``offset``: what follows a stretch of literal text."""
    following = bisect.bisect_left(tags, offset)
    return tags[following] if following < len(tags) else offset


def _line_starts(text: str) -> tuple[int, ...]:
    return (0, *(newline.end() for newline in re.finditer("\n", text)))


def _undefined(text: str, message: str, values: Mapping) -> tuple[str, list[str]]:
    """The expression as written that names the missing value, and the names known in its place."""
    missing = re.search(r"has no attribute '(\w+)'|^'(\w+)' is undefined", message)
    name = (missing[1] or missing[2]) if missing else ""
    for expression in re.findall(r"\{\{-?\s*([\w.]+)", text):
        parts = expression.split(".")
        if name in parts:
            parent = parts[: parts.index(name)]
            return ".".join(parts[: parts.index(name) + 1]), _members(values, parent)
    return name or message, sorted(values)


def _members(values: Mapping, path: list[str]) -> list[str]:
    node = values
    for part in path:
        node = node[part] if isinstance(node, Mapping) else getattr(node, part, None)
    if isinstance(node, Mapping):
        return sorted(node)
    # Where a value is written, and whether it is known yet, are not values prose shows.
    return [n for n in dir(node) if not n.startswith("_") and n not in ("count", "index", "location", "where", "known")]


def _line_of(text: str, expression: str, where: Location) -> Location:
    """The line and column of ``expression`` in ``text``: Jinja gives none for undefined values."""
    for number, line in enumerate(text.splitlines()):
        column = line.find(expression)
        if column >= 0:
            return Location(where.path, where.line + number, column + 1)
    return where


def parse_filled(text: str, location: Location, values: Mapping, diagnostics: Diagnostics) -> Prose:
    """The prose with its ``{{ ... }}`` values filled in; its positions stay those of ``text``."""
    filled, filled_from = fill_prose_values(text, location, values, diagnostics)
    prose = Prose.parsed(filled, location, filled_from)
    show_hidden_markup(prose.tokens)
    return dataclasses.replace(prose, markdown=prose.markdown.translate(SHOWN_MARKUP))
