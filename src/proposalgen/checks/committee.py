"""The program committee: enough reviews for the submissions expected."""
from __future__ import annotations

from ..diagnostics import Diagnostics
from ..model.edition import Edition
from ..model.values import reviewer_capacity


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    if edition.submissions is None or not edition.submissions.known or "roles" in edition.unread:
        return
    capacity = reviewer_capacity(edition.committee, edition.submissions)
    if capacity.short:
        submissions = edition.submissions
        diagnostics.warning(
            "committee",
            f"the committee can write {capacity.available} reviews ({capacity.reviewers} reviewer{'s' * (capacity.reviewers != 1)} × {capacity.max_load}); "
            f"{submissions.expected} submissions × {submissions.reviews_per_paper} reviews need {capacity.needed}",
            submissions.location, hint="add PC members, raise max_load, or count reviewers_from_authors",
        )
