"""The Jinja environments: one for LaTeX output, one for values inside prose. Built only here."""
from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import math
import re
import reprlib
import string
import traceback
import unicodedata
from collections.abc import Iterator, Mapping, Sized
from contextvars import ContextVar
from pathlib import Path, PurePath
from urllib.parse import quote

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, optimizeconst
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from markupsafe import Markup

from ..diagnostics import Diagnostics, Location, did_you_mean, display_path, shown
from ..exceptions import ProposalError
from ..files import is_inside
from ..model.edition import SourceMap
from ..model.values import in_words, with_thousands
from ..settings import PACKAGE_TEMPLATES, user_cache
from ..source import load


class UnsupportedCharacter(ProposalError):
    """Raised when a value holds a character that no TeX engine can typeset."""


# The Vietnamese letters that T1 fonts lack (ơ, ư and the Latin Extended Additional ones, Ạ to
# ỹ): the preamble's \pgvietnamese sets them in T5 (vntex) under pdflatex, as written under lualatex.
_VIETNAMESE = re.compile("[\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]+")


@functools.cache
def _encoder():
    import logging

    from pylatexenc.latexencode import RULE_CALLABLE, RULE_DICT, RULE_REGEX, UnicodeToLatexConversionRule, UnicodeToLatexEncoder

    # A character it cannot encode becomes our own error; its log line would only repeat it.
    logging.getLogger("pylatexenc.latexencode").setLevel(logging.CRITICAL)
    # pylatexenc keeps ` as is, which T1 fonts set as an opening quote: print the character typed.
    # Brackets and stars in braces: after \\ or \item, LaTeX reads a bare "[" as the start of an
    # optional argument ("[Chair] Ada" would lose its text or break the build), and after \\ a
    # "*" as its starred form ("*Coffee* break" would lose its star).
    literal = UnicodeToLatexConversionRule(RULE_DICT, {ord("`"): r"{\textasciigrave}", ord("["): "{[}", ord("]"): "{]}", ord("*"): "{*}"})
    vietnamese = UnicodeToLatexConversionRule(RULE_REGEX, [(_VIETNAMESE, r"\\pgvietnamese{\g<0>}")], replacement_latex_protection="none")
    wide = UnicodeToLatexConversionRule(RULE_CALLABLE, lambda s, at: (1, s[at]) if _wide(s[at]) else None)
    return UnicodeToLatexEncoder(conversion_rules=[literal, vietnamese, "defaults", wide], unknown_char_policy="fail", non_ascii_only=False)


def _wide(char: str) -> bool:
    """A letter, digit or punctuation mark of the wide East Asian scripts (CJK ideographs, kana,
    Hangul, full-width forms): written as is, for lualatex's fallback font (the character check
    keeps them from pdflatex, which has no font for them)."""
    return unicodedata.east_asian_width(char) in ("W", "F") and unicodedata.category(char)[0] in "LNP"


def latex_escape(text: str) -> str:
    """``text`` as LaTeX that prints it literally, whatever it contains.

    The character check reports what the engine cannot typeset before rendering; reaching one
    here means a value escaped that check.
    """
    text = str(text)
    special = set(text.translate(_unchanged_by_encoder()))
    if not special:
        return text  # nothing in it that LaTeX reads specially: pylatexenc would return it as is
    if any(map(_control, special)):
        raise UnsupportedCharacter(_unsupported(text))
    try:
        return "".join(piece if index % 2 else _encoded(piece) for index, piece in enumerate(_plain_runs().split(text)) if piece)
    except ValueError:
        raise UnsupportedCharacter(_unsupported(text)) from None


def _encoded(piece: str) -> str:
    return "".join(_encoder().unicode_to_latex(chunk) for chunk in _chunks(piece))


def _unsupported(text: str) -> str:
    bad = next(c for c in text if not _encodable(c))
    return f"cannot typeset '{shown(bad)}' (U+{ord(bad):04X}) in '{shown(text[:60])}'"


def _control(char: str) -> bool:
    """A control character other than tab and newline: pylatexenc keeps some as they are (DEL,
    CR), which TeX refuses or reads as the end of the line, dropping the rest."""
    return unicodedata.category(char) == "Cc" and char not in "\t\n"


@functools.cache
def _unchanged_by_encoder() -> dict[int, None]:
    """A translation table deleting the printable ASCII characters pylatexenc leaves as they are
    (asked of pylatexenc itself), so that a value made only of them needs no encoding."""
    return {ord(c): None for c in map(chr, range(32, 127)) if _encoder().unicode_to_latex(c) == c}


@functools.cache
def _plain_runs() -> re.Pattern:
    """Splits a text at its runs of characters pylatexenc leaves as they are (captured, at odd
    indices: ``split`` keeps them): only the pieces between them, few and short, go through
    pylatexenc, which looks at each character it is given through every rule. Its rules replace
    characters each on its own, in braces, so a piece needs nothing from its neighbours; but a
    letter a combining accent follows (a decomposed "é") goes with it."""
    unchanged = "".join(re.escape(chr(c)) for c in _unchanged_by_encoder())
    return re.compile(f"((?:[{unchanged}](?![{_COMBINING}]))+)")


_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"


_CHUNK = 4096


def _chunks(text: str):
    """``text`` in pieces of about ``_CHUNK`` characters, cut after whitespace so that no
    character sequence is split: pylatexenc takes time quadratic in the length it is given."""
    start = 0
    while start < len(text):
        end = start + _CHUNK
        if end < len(text):
            space = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
            end = space + 1 if space > start else end
        yield text[start:end]
        start = end


def typesettable(text: str, engine: str) -> bool:
    """Whether ``engine`` can typeset every character of ``text`` with the preamble's fonts."""
    return all(_typesettable_character(c, engine) for c in set(text) if not (" " <= c <= "~" or c in "\n\t"))


@functools.lru_cache(maxsize=4096)
def _typesettable_character(char: str, engine: str) -> bool:
    return engine == "lualatex" if _wide(char) else _encodable(char)


def _encodable(char: str) -> bool:
    if _control(char):
        return False
    try:
        _encoder().unicode_to_latex(char)
        return True
    except ValueError:
        return False


def latex_url(url: str) -> str:
    """A URL for ``\\href``: percent-encoded where TeX would misread it, then escaped.

    ``~`` is encoded too: inside another macro's argument hyperref cannot take it literally,
    and ``%7E`` is the same URL (RFC 3986, section 2.3).
    """
    safe = quote(url, safe="/:?=&#%@+,;!*'()$-._").replace("~", "%7E")
    return "".join("\\" + c if c in "#%&$_" else c for c in safe)


# Where a printed address may break (the preamble's \\pgbreak): after / . - _ @ and the
# like, never inside "//", nor before a space, the end or a combining accent.
_ADDRESS_BREAK = re.compile(rf"(?<=[/.\-_@?&=#:])(?=[^/\s{_COMBINING}])")
# Where a long name or label in a table cell may break besides its spaces (TeX breaks after "-"
# itself): after / _ @, and after a dot a letter follows ("Dept.of", "example.org").
_CELL_BREAK = re.compile(rf"(?:(?<=[/_@])|(?<=\.)(?=[A-Za-z]))(?=[^\s{_COMBINING}])")


def shown_url(url: str) -> str:
    """A web or e-mail address as written (``~``, not ``%7E``), escaped, able to break."""
    return _with_breaks(str(url), _ADDRESS_BREAK)


def breakable(value) -> Markup:
    """A value for a table cell, escaped, able to break after / _ @ as well as at its spaces."""
    return value if isinstance(value, Markup) else Markup(_with_breaks(str(value), _CELL_BREAK))


def _with_breaks(text: str, breaks: re.Pattern) -> str:
    try:
        return "\\pgbreak{}".join(latex_escape(piece) for piece in breaks.split(text))
    except UnsupportedCharacter:
        raise UnsupportedCharacter(_unsupported(text)) from None


def _finalize(value):
    if isinstance(value, Markup):
        return value
    return latex_escape("" if value is None else value)


# What a template or a prose value may build, so that a hostile one ends in an error, never in a
# stall or a machine out of memory: text as long as a source file may be (load.py refuses longer
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


class _Sandbox(SandboxedEnvironment):
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


def _environment(kind: str, user_templates: Path | None, **options) -> jinja2.Environment:
    """The environment of ``kind``, finding the user's templates first, then ours: Jinja's own
    while only ours are loaded (they are the tool's code, and the sandbox costs a third of their
    render), the sandbox as soon as a folder of the user's may be (a template sent in a pull
    request is data)."""
    sandboxed = user_templates is not None
    folders = [user_templates] if user_templates else []
    return (_Sandbox if sandboxed else jinja2.Environment)(
        loader=_RecordingLoader([*folders, PACKAGE_TEMPLATES / kind]), bytecode_cache=_bytecode_cache(kind, sandboxed), **options)


class _RecordingLoader(jinja2.BaseLoader):
    """Finds a template in the first folder that has it, and tells the build's read log its
    bytes as loaded: what a build rendered from is recorded where it is read."""

    def __init__(self, folders: list[Path]):
        self.folders = folders  # the user's first, ours last

    def get_source(self, environment, template: str):
        path = self._path_of(template)
        data = path.read_bytes()
        load.note_read(path, data)
        return data.decode("utf-8"), str(path), lambda: self._unchanged(template, path, data)

    def _path_of(self, template: str) -> Path:
        from jinja2.loaders import split_template_path

        pieces = split_template_path(template)  # refuses '..': a name stays in its folder
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            if _is_file(path):
                return path if folder == self.folders[-1] else _confined(path, folder)  # the last is ours
        raise jinja2.TemplateNotFound(template)

    def _unchanged(self, template: str, path: Path, data: bytes) -> bool:
        """Whether a template compiled earlier in this process (a watch) is still the one found,
        with the same text: then it is used again, and recorded as read again."""
        try:
            same = self._path_of(template) == path and path.read_bytes() == data
        except (OSError, jinja2.TemplateError):
            return False
        if same:
            load.note_read(path, data)
        return same


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long for the system is no template
        return False


def _confined(path: Path, folder: Path) -> Path:
    """``path``, found in ``folder``, unless it is a symlink leading outside: a data folder's
    templates may come from anyone's pull request, and what they read ends up in the outputs."""
    if not is_inside(path, folder):
        # Raised as a syntax error is, to be reported at the template itself rather than where it is included.
        raise jinja2.TemplateSyntaxError(f"this template is a symlink leading outside {display_path(folder)}; nothing outside is read",
                                         1, path.name, str(path))
    return path


def _bytecode_cache(kind: str, sandboxed: bool) -> jinja2.BytecodeCache | None:
    """Compiled templates kept between builds in the user's cache (Jinja checks each against its
    template's text): compiling them is a third of a build's Python time.

    The folder is named after this file's text, which sets the environments' options: compiled
    code depends on them too."""
    code = "sandboxed" if sandboxed else "plain"  # the sandbox compiles templates its own way
    folder = user_cache(f"jinja/{_this_files_digest()}/{kind}-{code}")
    return jinja2.FileSystemBytecodeCache(str(folder)) if folder else None


@functools.cache
def _this_files_digest() -> str:
    """This file's text, hashed once per run for every environment's cache."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


@functools.cache
def latex_environment(user_templates: Path | None) -> jinja2.Environment:
    """The LaTeX environment: ``\\VAR{}``/``\\BLOCK{}`` delimiters, strict, escaping every value."""
    env = _environment(
        "latex", user_templates,
        block_start_string=r"\BLOCK{", block_end_string="}",
        variable_start_string=r"\VAR{", variable_end_string="}",
        comment_start_string=r"\#{", comment_end_string="}",
        line_comment_prefix="%#", trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined, autoescape=False, finalize=_finalize,
        keep_trailing_newline=True,
    )
    env.filters["url"] = lambda url: Markup(latex_url(url))
    env.filters["shown_url"] = lambda url: Markup(shown_url(url))
    env.filters["breakable"] = breakable
    env.filters["words"] = in_words
    env.filters["upper"] = _upper
    return env


def _upper(value) -> Markup:
    """``value`` upper-cased and escaped here, so that a character it cannot typeset is reported
    in the text as written, not as upper-cased."""
    text = str(value)
    try:
        return Markup(latex_escape(text.upper()))
    except UnsupportedCharacter:
        raise UnsupportedCharacter(_unsupported(text)) from None


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|$"} | {"{": "&#123;", "}": "&#125;"})
_LINE_BREAK = re.compile(r"\r\n?|\n")


def markdown_escape(text: str) -> str:
    """``text`` as kramdown Markdown that shows it literally, on one line (a value cannot cut a
    table row or start a block); braces become entities, so kramdown's ``{:`` and ``{::`` read none."""
    return _LINE_BREAK.sub(" ", str(text)).translate(_MARKDOWN_SPECIAL)


def markdown_url(url: str) -> str:
    """A URL for a Markdown link target: every character that could end it, cut a table row or
    read as kramdown or Liquid (spaces, parentheses, ``|``, braces, ``<``...) percent-encoded."""
    return quote(str(url), safe="/:?=&#%@+,;!*'$-._~")


_LIQUID_OPENING = re.compile(r"\{\{|\{%")
# A Jekyll page's front matter, as Jekyll finds it (Jekyll::Document::YAML_FRONT_MATTER_REGEXP).
_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n?^(?:---|\.\.\.)\s*$\n?", re.DOTALL | re.MULTILINE)


def inert_liquid(page: str) -> str:
    """A Jekyll page whose content holds no Liquid: Jekyll runs Liquid over the content before
    kramdown, so each ``{{`` or ``{%`` in it, wherever it comes from (a code span, a URL, a
    template), becomes Liquid that prints it: ``{{ '{{' }}``. Works with Jekyll 3 and 4; the
    front matter is YAML, which Liquid never reads."""
    front = _FRONT_MATTER.match(page)
    start = front.end() if front else 0
    return page[:start] + _LIQUID_OPENING.sub(lambda opening: f"{{{{ '{opening[0]}' }}}}", page[start:])


def _markdown_finalize(value):
    if isinstance(value, Markup):
        return value
    return markdown_escape("" if value is None else value)


# Characters YAML does not allow in a file or reads as line breaks (NEL, LS, PS): escaped.
_NOT_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def front_matter_value(value) -> Markup:
    """A value for YAML front matter: JSON strings and numbers are YAML, quoted and escaped, on
    one line."""
    import json

    return Markup(_NOT_YAML.sub(lambda c: f"\\u{ord(c[0]):04x}", json.dumps(value, ensure_ascii=False)))


@functools.cache
def markdown_environment(user_templates: Path | None) -> jinja2.Environment:
    """The Markdown environment for Jekyll pages: strict, escaping every value for kramdown."""
    env = _environment(
        "markdown", user_templates,
        undefined=jinja2.StrictUndefined, autoescape=False, finalize=_markdown_finalize,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["front"] = front_matter_value
    env.filters["url"] = lambda url: Markup(markdown_url(url))
    env.filters["words"] = in_words
    return env


@functools.cache
def text_environment(user_templates: Path | None) -> jinja2.Environment:
    """The plain-text environment (mailing-list announcements): strict, nothing to escape."""
    env = _environment(
        "text", user_templates,
        undefined=jinja2.StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["words"] = in_words
    return env


@functools.cache
def mail_environment(user_templates: Path | None) -> jinja2.Environment:
    """The invitation mails' environment: Markdown written as plain text, nothing to escape; the
    user's own in ``templates/mail/``, apart from the site pages of the same names."""
    env = _environment(
        "mail", user_templates and user_templates / "mail",
        undefined=jinja2.StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["words"] = in_words
    return env


def yaml_scalar(value) -> str:
    """``value`` as a YAML scalar that reads back as written: plain when it can be, else quoted."""
    import yaml

    return yaml.safe_dump(value, default_flow_style=True, width=1_000_000, allow_unicode=True).removesuffix("\n...\n").rstrip("\n")


@functools.cache
def starter_environment(folder: Path) -> SandboxedEnvironment:
    """The starter files' environment (``proposalgen init``): ``<< >>`` delimiters, so that the
    prose's own ``{{ values }}`` are copied as written; strict; YAML values through ``yaml``."""
    env = _Sandbox(
        loader=jinja2.FileSystemLoader(folder),
        block_start_string="<%", block_end_string="%>",
        variable_start_string="<<", variable_end_string=">>",
        comment_start_string="<#", comment_end_string="#>",
        undefined=jinja2.StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["yaml"] = yaml_scalar
    return env


# The characters by which Markdown reads a value's text as markup (a link, emphasis, a citation,
# a table's cell, a footnote, raw HTML): a value filled into prose writes each as a private-use
# character of its own, which Markdown reads as text, and the parsed prose shows as written
# again (a backslash would show in a code span).
_PROSE_MARKUP = "\\`*_[]<>!&@|~#"
HIDDEN_MARKUP = {ord(c): chr(0xE100 + i) for i, c in enumerate(_PROSE_MARKUP)}
SHOWN_MARKUP = {ord(hidden): c for c, hidden in zip(_PROSE_MARKUP, HIDDEN_MARKUP.values())}


def _as_prose_text(value) -> str:
    """A value filled into prose as text, its markup characters hidden from Markdown."""
    return str(value).translate(HIDDEN_MARKUP)


@functools.cache
def _prose_environment() -> SandboxedEnvironment:
    # An empty loader: a value includes, imports and extends nothing.
    env = _Sandbox(loader=jinja2.DictLoader({}), undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True,
                   finalize=_as_prose_text, bytecode_cache=_bytecode_cache("prose", sandboxed=True))
    env.filters["words"] = in_words
    env.filters["number"] = with_thousands
    return env


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
    env = _prose_environment()
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
    for _, kind, value in _prose_environment().lexer.tokeniter(text, None):
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
