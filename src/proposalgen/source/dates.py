"""The edition's dates and the figures its call for papers expects."""
from __future__ import annotations

from ..model.edition import Dates, Submissions
from .schema import Fields


def read_dates(fields: Fields) -> Dates:
    dates = fields.read_all()
    label, zone = dates.pop("timezone")
    return Dates(timezone=label, zone=zone, **dates, location=fields.location, where=fields.locations())


def read_submissions(fields: Fields) -> Submissions | None:
    """The figures (a TBD one is the placeholder), or None when one is missing or wrong (reported)."""
    figures = fields.read_all()
    return None if None in figures.values() else Submissions(**figures, location=fields.location)
