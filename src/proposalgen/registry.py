"""Every output proposalgen makes, registered once: its name, the target it belongs to, the
function that renders it and, for a LaTeX document, the PDF it is typeset into and the check of
that PDF's pages. The CLI's choices, the staleness record, the build, `mail` and `export` all
read this registry: an output is added here, with its render function, or by an installed
plugin (``plugins``), and nowhere else.

Kept light on purpose (a no-op rebuild imports it and nothing heavy): functions are named
``module:function`` and imported only when called, and the plugins are looked for on the first
call that lists outputs."""
from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from . import plugins
from .diagnostics import Diagnostics
from .vocabulary import INVITED_ROLES

if TYPE_CHECKING:
    from .model.citations import Bibliography
    from .model.edition import Edition
    from .render.documents import Document

BUILD, MAIL, EXPORT = "build", "mail", "export"


@dataclass(frozen=True)
class Target:
    """What one command makes at once: ``build proposal``, ``mail speakers``, ``export committee``."""

    name: str
    command: str  # the keys each output needs are declared with the keys (source/format.py, Key.needed_by)


@dataclass(frozen=True)
class Output:
    name: str  # its path under OUT/EDITION/; a folder of documents ends with "/"
    target: Target
    render: str | Callable  # called with (edition, Request), returning its documents; or "module:function" naming it
    typeset_into: str = ""  # the PDF a LaTeX document becomes
    pages: str | Callable = ""  # checks that PDF's pages: (edition, pdf, diagnostics); or "module:function" naming it

    @property
    def product(self) -> str:
        """What the user gets: the PDF of a LaTeX document, else the rendered file or folder."""
        return self.typeset_into or self.name


@dataclass(frozen=True)
class Request:
    """What a render function is given besides the edition."""

    bibliography: Bibliography | None
    templates: Path | None
    diagnostics: Diagnostics = field(default_factory=Diagnostics)  # where a render notes what it leaves out
    options: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))  # the command's own: --status...


PROPOSAL = Target("proposal", BUILD)
CALL = Target("cfp", BUILD)
SITE = Target("site", BUILD)
MAIL_TARGETS = tuple(Target(group, MAIL) for group in INVITED_ROLES)
EXPORT_TARGETS = tuple(Target(group, EXPORT) for group in ("committee", "organizers"))

OUTPUTS = (
    Output("proposal.tex", PROPOSAL, ".render.documents:proposal_source", typeset_into="proposal.pdf", pages=".typeset.pages:check_page_limit"),
    Output("cfp.tex", CALL, ".render.documents:flyer_source", typeset_into="cfp.pdf", pages=".typeset.pages:check_one_page"),
    Output("cfp.md", CALL, ".render.documents:call_page"),
    Output("cfp.txt", CALL, ".render.documents:call_announcement"),
    Output("dates.ics", CALL, ".render.documents:deadlines_calendar"),
    Output("site/", SITE, ".render.documents:site_pages"),
    *(Output(f"mail/{target.name}/", target, f".render.invitations:{target.name}_invitations") for target in MAIL_TARGETS),
    *(Output(f"{target.name}.txt", target, f".render.lists:{target.name}_list") for target in EXPORT_TARGETS),
)


@functools.cache
def every_output() -> tuple[Output, ...]:
    """Ours, then those of the plugins installed (``plugins``), loaded on the first call of a run."""
    return OUTPUTS + plugins.plugin_outputs(OUTPUTS)


def targets_of(command: str) -> tuple[Target, ...]:
    return tuple(dict.fromkeys(o.target for o in every_output() if o.target.command == command))


def target_names(command: str) -> tuple[str, ...]:
    return tuple(target.name for target in targets_of(command))


def chosen(choice: str) -> tuple[str, ...]:
    """The build targets a choice of the CLI names: one, or every one for "all"."""
    return target_names(BUILD) if choice == "all" else (choice,)


def outputs_of(command: str, names) -> tuple[Output, ...]:
    """The outputs of the named targets of ``command``, in the registry's order."""
    return tuple(o for o in every_output() if o.target.command == command and o.target.name in names)


def products_of(command: str, name: str) -> tuple[str, ...]:
    return tuple(o.product for o in outputs_of(command, (name,)))


def render(output: Output, edition: Edition, request: Request) -> list[Document]:
    with plugins.blamed(plugins.origin(output)):
        return function(output.render)(edition, request)


def render_target(edition: Edition, name: str, request: Request) -> list[Document]:
    """The documents of every output of the build target ``name``."""
    return [document for output in outputs_of(BUILD, (name,)) for document in render(output, edition, request)]


def function(reference: str | Callable) -> Any:
    """The function given, or the one ``module:function`` names, its module imported now: a name
    with a leading dot is one of this package's (``.render.documents``), as Python's relative
    imports read it."""
    if callable(reference):
        return reference
    module, _, name = reference.partition(":")
    return getattr(importlib.import_module(module, __package__), name)
