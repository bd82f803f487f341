"""Text for the website: escaped for kramdown Markdown, addresses for Markdown links, values for
a Jekyll page's front matter, and pages whose content holds no Liquid."""
from __future__ import annotations

import re
from urllib.parse import quote

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


# Characters YAML does not allow in a file or reads as line breaks (NEL, LS, PS): escaped.
_NOT_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def front_matter_value(value) -> str:
    """A value for YAML front matter: JSON strings and numbers are YAML, quoted and escaped, on
    one line."""
    import json

    return _NOT_YAML.sub(lambda c: f"\\u{ord(c[0]):04x}", json.dumps(value, ensure_ascii=False))
