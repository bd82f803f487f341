"""Countries as people write them: `DE`, `Germany` and `germany` are one country (ISO 3166, by
pycountry), so the diversity figures count it once and the checks see it written two ways."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2, or 3166-2 for the nations of the United Kingdom
    name: str  # its short English name: "South Korea", not "Korea, Republic of"


# English names ISO 3166 does not list (it lists "Russian Federation", not "Russia"). The nations of
# the United Kingdom stay apart: an edition writing England and Scotland means two countries.
_ALIASES = {
    "uk": "GB", "britain": "GB", "great britain": "GB", "russia": "RU", "turkey": "TR", "holland": "NL", "korea": "KR",
    "uae": "AE", "ivory coast": "CI", "swaziland": "SZ", "macedonia": "MK", "burma": "MM", "cape verde": "CV",
    "east timor": "TL", "vatican": "VA", "brunei": "BN", "palestine": "PS", "macau": "MO", "micronesia": "FM",
}
_NATIONS = {"england": "GB-ENG", "scotland": "GB-SCT", "wales": "GB-WLS", "northern ireland": "GB-NIR"}


def country_named(text: str) -> Country | None:
    """The country ``text`` names (a name, an ISO code, a common English name); None if none."""
    return _country(" ".join(re.sub(r"^the\s+", "", text.replace(".", "").strip(), flags=re.IGNORECASE).split()).casefold())


@functools.cache
def _country(key: str) -> Country | None:
    import pycountry  # only editions that record countries pay for it

    if key in _NATIONS:
        return Country(_NATIONS[key], key.title())
    try:
        found = pycountry.countries.lookup(_ALIASES.get(key, key))
    except LookupError:
        return None
    return Country(found.alpha_2, getattr(found, "common_name", found.name))


def is_code(text: str) -> bool:
    """Whether ``text`` is written as a code (`DE`, `USA`, `U.S.`) rather than a name."""
    letters = text.replace(".", "").strip()
    return len(letters) <= 3 and letters.isupper()


@functools.cache
def country_names() -> tuple[str, ...]:
    """Every country's name, common name and the English names ISO leaves out: what a suggestion picks from."""
    import pycountry

    names = {name for c in pycountry.countries for name in (c.name, getattr(c, "common_name", None)) if name}
    return tuple(sorted(names | {alias.title() for alias in _ALIASES if len(alias) > 3} | {n.title() for n in _NATIONS}))
