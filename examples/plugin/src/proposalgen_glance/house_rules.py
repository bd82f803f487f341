"""A house rule of our own: every invited talk has a title before the program goes out."""
from proposalgen.diagnostics import Diagnostics
from proposalgen.model.edition import Edition


def every_invited_talk_has_a_title(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    """A warning at each invited talk without a title, whatever is built: the rule is the house's."""
    for item in edition.schedule.items if edition.schedule else ():
        if item.kind == "talk" and item.speakers and not item.title:
            speakers = ", ".join(participant.person.name for participant in item.speakers)
            diagnostics.warning("untitled", f"{item.label} ({speakers}) has no title: our house rule asks every invited talk for one",
                                item.location, hint="give the item a title: as the speaker sent it, or a working one")
