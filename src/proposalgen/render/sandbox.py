"""The sandbox that templates and prose values run in: Jinja's own, with limits on what they
may build, so that a hostile one ends in an error, never in a stall or a machine out of memory."""
from __future__ import annotations

import functools
import itertools
import math
import re
import reprlib
import string
from collections.abc import Iterator, Sized
from contextvars import ContextVar
from pathlib import PurePath

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, optimizeconst
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from ..source import load

# What a template or a prose value may build: text as long as a source file may be (load.py refuses longer
# ones), numbers of 3,000 digits (Python prints 4,300), ranges of 100,000 numbers (the limit of
# Jinja's own sandbox).
MAX_TEXT = load.MAX_SOURCE_BYTES
# A document gathers many source files: the scale benchmark's 4x proposal is 1.3 MB of LaTeX.
MAX_DOCUMENT = 10 * MAX_TEXT
MAX_DIGITS = 3_000
MAX_RANGE = 100_000
# Loop steps in one render: loops within loops that print nothing end too (about a second).
MAX_STEPS = 1_000_000
_STEPS: ContextVar[Iterator[int]] = ContextVar("steps")
_WIDTHS = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(\*|\d*)(?:\.(\*|\d*))?")


# The errors of what a template asked for (1/0, 'a' + 1, 'abc'.index('z')): the template's own.
_ITS_ERRORS = (ArithmeticError, TypeError, ValueError)


def _template_error(what: str, error: Exception) -> jinja2.TemplateRuntimeError:
    return jinja2.TemplateRuntimeError(f"{what}: {error}")


class _Template(jinja2.Template):
    """A template whose every render has its own budget of loop steps."""

    def render(self, *args, **kwargs) -> str:
        return "".join(self.generate(*args, **kwargs))

    def generate(self, *args, **kwargs):
        steps = _STEPS.set(itertools.count())
        try:
            yield from super().generate(*args, **kwargs)
        finally:
            _STEPS.reset(steps)


class _Generator(CodeGenerator):
    """Jinja's code generator, with each loop's items counted and each ``~`` measured by the
    environment (a text doubled by ``ns.s = ns.s ~ ns.s`` ends too)."""

    def visit_For(self, node: nodes.For, frame) -> None:
        node.iter = nodes.Call(nodes.EnvironmentAttribute("counted"), [node.iter], [], None, None, lineno=node.iter.lineno)
        super().visit_For(node, frame)

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame) -> None:
        self.write("environment.joined((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")


class Sandbox(SandboxedEnvironment):
    """Jinja's sandbox (no private attributes, nothing marked unsafe called), with limits on what
    an expression may build; an arithmetic or type error in one is the template's error too."""

    intercepted_binops = frozenset({"*", "**", "+", "-", "/", "//", "%"})
    template_class = _Template
    code_generator_class = _Generator

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.globals["range"] = _range
        del self.globals["lipsum"]  # writes as many paragraphs as asked
        self.filters = {name: _checked(name, f) for name, f in self.filters.items()}
        self.tests = {name: _checked(name, f) for name, f in self.tests.items()}
        self._safe_attributes: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj, attr: str, value) -> bool:
        """Jinja's rule, and no path's methods: they read and write files
        (``edition.folder.joinpath('../x').read_text()``). Both depend on the object's type
        alone, so each type's attribute is judged once: reading attributes is most of rendering."""
        key = (type(obj), attr)
        if key not in self._safe_attributes:
            self._safe_attributes[key] = not isinstance(obj, PurePath) and super().is_safe_attribute(obj, attr, value)
        return self._safe_attributes[key]

    def call_binop(self, context, operator: str, left, right):
        _refuse_large(operator, left, right)
        what = f"{reprlib.repr(left)} {operator} {reprlib.repr(right)}"
        try:
            return _short(what, super().call_binop(context, operator, left, right))
        except _ITS_ERRORS as e:
            raise _template_error(what, e) from None

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own names, free of the caller's keywords)
        _refuse_large_text_call(getattr(__obj, "__wrapped__", __obj), args, kwargs)
        what = f"{getattr(__obj, '__name__', type(__obj).__name__)}()"
        try:
            return _short(what, super().call(__context, __obj, *args, **kwargs))
        except _ITS_ERRORS as e:
            raise _template_error(what, e) from None

    def counted(self, items):
        """``items``, each one step of the render's budget."""
        steps = _STEPS.get()
        for item in items:
            if next(steps) >= MAX_STEPS:
                raise SecurityError(f"more than {MAX_STEPS:,} loop steps")
            yield item

    def joined(self, values) -> str:
        """``a ~ b``, as Jinja joins it, refused once longer than a value may be."""
        return _short("joining with ~", "".join(map(str, values)))


def _short(what: str, value):
    """``value``, made by ``what``, refused when it is a text or list longer than a value may be
    (made step by step: ``'x' * 10**9`` is refused before it is made)."""
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_TEXT:
        raise SecurityError(f"{what} makes more than {MAX_TEXT:,} characters or items")
    return value


def _refuse_large_text_call(function, args, kwargs) -> None:
    """Refuses a text's method asked for more than a value may be: ``'x'.center(10**9)``, or
    ``'{:>999999999}'.format(1)`` (Jinja's sandbox wraps ``format``, keeping the method)."""
    text = getattr(function, "__self__", None)
    if isinstance(text, str):
        if function.__name__ in ("format", "format_map"):
            _refuse_wide_fields(_format_widths(text))
        _refuse_large_arguments(args, kwargs)


def _range(*args) -> range:
    numbers = range(*args)
    if numbers[MAX_RANGE:]:
        raise SecurityError(f"a range of more than {MAX_RANGE:,} numbers")
    return numbers


_range.__name__ = "range"  # as templates call it, for messages

# Jinja's filters that make as much as a number asks: center(10**9), indent(10**9),
# batch(10**9, 'x'), slice(10**9).
_SIZED_FILTERS = {"center", "indent", "batch", "slice"}


def _checked(name: str, function):
    """A filter or test whose errors are the template's, refusing sizes larger than a value may
    be and format fields wider (``'%999999999d' | format(1)``)."""
    @functools.wraps(function)
    def checked(*args, **kwargs):
        value_at = 1 if getattr(function, "jinja_pass_arg", None) else 0
        if name in _SIZED_FILTERS:
            _refuse_large_arguments(args[value_at + 1:], kwargs)
        if name == "format":
            _refuse_wide_fields(_percent_widths(str(args[value_at])))
        try:
            return _short(f"'{name}'", function(*args, **kwargs))
        except _ITS_ERRORS as e:
            raise _template_error(f"'{name}'", e) from None

    return checked


def _refuse_large_arguments(args, kwargs) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and abs(value) > MAX_TEXT:
            raise SecurityError(f"an argument of {reprlib.repr(value)} is larger than any text a value may make ({MAX_TEXT:,} characters)")


def _refuse_large(operator: str, left, right) -> None:
    """Refuses ``left operator right`` when its result would be larger than a value may be."""
    if _integers(left, right) and _bits(operator, left, right) > MAX_DIGITS * math.log2(10):
        raise SecurityError(f"{reprlib.repr(left)} {operator} {reprlib.repr(right)} is a number of more than {MAX_DIGITS:,} digits")
    if _length(operator, left, right) > MAX_TEXT:
        raise SecurityError(f"{reprlib.repr(left)} {operator} {reprlib.repr(right)} is longer than {MAX_TEXT:,} characters")
    if operator == "%" and isinstance(left, str):
        _refuse_wide_fields(_percent_widths(left))


def _integers(*values) -> bool:
    return all(isinstance(v, int) for v in values)


def _bits(operator: str, left: int, right: int) -> float:
    """About how many binary digits ``left operator right`` has, before it is computed."""
    if operator == "**":
        return right * math.log2(abs(left)) if left and right > 0 else 0
    if operator == "*":
        return abs(left).bit_length() + abs(right).bit_length()
    return max(abs(left).bit_length(), abs(right).bit_length()) + 1


def _length(operator: str, left, right) -> int:
    """The length of a repeated or joined text or list (0 for numbers)."""
    if operator == "*" and isinstance(left, Sized) and isinstance(right, int):
        return len(left) * right
    if operator == "*" and isinstance(right, Sized) and isinstance(left, int):
        return len(right) * left
    if operator == "+" and isinstance(left, Sized) and isinstance(right, Sized):
        return len(left) + len(right)
    return 0


def _refuse_wide_fields(widths) -> None:
    """Refuses a format string's field widths (``'%999999999d'``, ``'{:>999999999}'``) wider than
    a value may be, or taken from the arguments (``'%*d'``, ``'{:>{}}'``)."""
    for width in widths:
        digits = re.findall(r"\d+", width)
        if "*" in width or "{" in width or any(len(d) > 9 or int(d) > MAX_TEXT for d in digits):
            raise SecurityError(f"a format field of width {width!r}: widths are numbers written in the format, at most {MAX_TEXT:,}")


def _percent_widths(text: str) -> list[str]:
    return [width for match in _WIDTHS.finditer(text) for width in match.groups() if width]


def _format_widths(text: str) -> list[str]:
    try:
        return [spec for _, _, spec, _ in string.Formatter().parse(text) if spec]
    except ValueError:
        return []  # str.format itself then reports the mistake


def rendered(template: jinja2.Template, limit: int, *args, **kwargs) -> str:
    """The template's output, refused once longer than ``limit`` characters: what a loop or a
    value makes counts, not only what is written."""
    output, length, chunks = [], 0, template.generate(*args, **kwargs)
    for chunk in chunks:
        length += len(chunk)
        if length > limit:  # raised where the template is, for its line
            # jinja2 annotates generate() as an Iterator; it returns a generator, whose throw() raises at the template's line
            chunks.throw(SecurityError(f"the output is longer than {limit:,} characters"))  # type: ignore[attr-defined]
        output.append(chunk)
    return "".join(output)
