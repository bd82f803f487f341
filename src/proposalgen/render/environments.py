"""The Jinja environments, each built here only: LaTeX, Markdown for the site, plain text, the
invitation mails, the starter files of ``init``, and prose values; the user's templates first."""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..diagnostics import display_path
from ..files import is_inside
from ..model.values import in_words, with_thousands
from ..settings import PACKAGE_TEMPLATES, user_cache
from ..source import load
from ..text.latex import breakable, latex_escape, latex_url, shown_url, upper_latex
from ..text.markdown import HIDDEN_MARKUP
from ..text.web import front_matter_value, markdown_escape, markdown_url
from . import sandbox
from .sandbox import Sandbox


def _environment(kind: str, user_templates: Path | None, **options) -> jinja2.Environment:
    """The environment of ``kind``, finding the user's templates first, then ours: Jinja's own
    while only ours are loaded (they are the tool's code, and the sandbox costs a third of their
    render), the sandbox as soon as a folder of the user's may be (a template sent in a pull
    request is data)."""
    sandboxed = user_templates is not None
    folders = [user_templates] if user_templates else []
    return (Sandbox if sandboxed else jinja2.Environment)(
        loader=_RecordingLoader([*folders, PACKAGE_TEMPLATES / kind]), bytecode_cache=_bytecode_cache(kind, sandboxed), **options)


class _RecordingLoader(jinja2.BaseLoader):
    """Finds a template in the first folder that has it, and tells the build's read log its
    bytes as loaded: what a build rendered from is recorded where it is read."""

    def __init__(self, folders: list[Path]):
        self.folders = folders  # the user's first, ours last
        self._verified: set[tuple[str, object]] = set()  # (template, recording) found unchanged already

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
        with the same text: then it is used again, and recorded as read again. Within one
        recording it is looked at once: a template included for each of 2,000 members is read
        once, not 2,000 times."""
        stamp = (template, load.recording_token())
        if stamp in self._verified:
            return True
        try:
            same = self._path_of(template) == path and path.read_bytes() == data
        except (OSError, jinja2.TemplateError):
            return False
        if same:
            load.note_read(path, data)
            self._verified.add(stamp)
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

    The folder is named after the text of this file, which sets the environments' options, and of
    the sandbox's, which compiles templates its own way: compiled code depends on both."""
    code = "sandboxed" if sandboxed else "plain"  # the sandbox compiles templates its own way
    folder = user_cache(f"jinja/{_this_files_digest()}/{kind}-{code}")
    return jinja2.FileSystemBytecodeCache(str(folder)) if folder else None


@functools.cache
def _this_files_digest() -> str:
    """The text of this file and the sandbox's, hashed once per run for every environment's cache."""
    return hashlib.sha256(b"".join(Path(file).read_bytes() for file in (__file__, sandbox.__file__))).hexdigest()[:16]


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
    env.filters["breakable"] = lambda value: value if isinstance(value, Markup) else Markup(breakable(str(value)))
    env.filters["words"] = in_words
    env.filters["upper"] = lambda value: Markup(upper_latex(str(value)))
    return env


def _finalize(value):
    if isinstance(value, Markup):
        return value
    return latex_escape("" if value is None else value)


def _markdown_finalize(value):
    if isinstance(value, Markup):
        return value
    return markdown_escape("" if value is None else value)


@functools.cache
def markdown_environment(user_templates: Path | None) -> jinja2.Environment:
    """The Markdown environment for Jekyll pages: strict, escaping every value for kramdown."""
    env = _environment(
        "markdown", user_templates,
        undefined=jinja2.StrictUndefined, autoescape=False, finalize=_markdown_finalize,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["front"] = lambda value: Markup(front_matter_value(value))
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
    env = Sandbox(
        loader=jinja2.FileSystemLoader(folder),
        block_start_string="<%", block_end_string="%>",
        variable_start_string="<<", variable_end_string=">>",
        comment_start_string="<#", comment_end_string="#>",
        undefined=jinja2.StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["yaml"] = yaml_scalar
    return env


def _as_prose_text(value) -> str:
    """A value filled into prose as text, its markup characters hidden from Markdown."""
    return str(value).translate(HIDDEN_MARKUP)


@functools.cache
def prose_environment() -> SandboxedEnvironment:
    """The environment prose values are filled in with: sandboxed, strict, each value's markup
    characters hidden from Markdown; an empty loader, so a value includes, imports and extends nothing."""
    env = Sandbox(loader=jinja2.DictLoader({}), undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True,
                  finalize=_as_prose_text, bytecode_cache=_bytecode_cache("prose", sandboxed=True))
    env.filters["words"] = in_words
    env.filters["number"] = with_thousands
    return env
