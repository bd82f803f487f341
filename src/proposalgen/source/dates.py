"""The edition's dates and the figures its call for papers expects."""
from __future__ import annotations

from ..model.edition import Dates, Submissions
from .schema import Fields


def read_dates(fields: Fields) -> Dates:
    label, zone = fields.timezone("timezone")
    return Dates(
        timezone=label, zone=zone,
        abstract_deadline=fields.date("abstract_deadline", required=False), submission_deadline=fields.date("submission_deadline"), review_start=fields.date("review_start", required=False),
        review_end=fields.date("review_end", required=False), decisions=fields.date("decisions"),
        camera_ready=fields.date("camera_ready", required=False), workshop=fields.date("workshop", required=False),
        location=fields.location, where=fields.locations(),
    )


def read_submissions(fields: Fields) -> Submissions | None:
    """The figures (a TBD one is the placeholder), or None when one is missing or wrong (reported)."""
    expected, reviews, load = _figure(fields, "expected", 0), _figure(fields, "reviews_per_paper", 1), _figure(fields, "max_load", 1)
    from_authors = _figure(fields, "reviewers_from_authors", 0, required=False)
    if expected is None or reviews is None or load is None or from_authors is None:
        return None
    return Submissions(expected, reviews, load, from_authors, fields.location)


def _figure(fields: Fields, key: str, minimum: int, required: bool = True) -> int | str | None:
    """A whole number of at least ``minimum``, the placeholder while TBD, 0 when optional and
    not given, None when wrong (reported)."""
    return fields.placeholder_or(key, lambda name: fields.integer(name, required, default=None if required else 0, minimum=minimum))
