"""The names every stage shares, spelt once: the roles people hold and their statuses, the
dates of an edition and the figures of its outcome, the kinds of schedule items and blocks, the
pages of the site. Reading, checking, rendering and the commands all take them from here."""

PLACEHOLDER = "TBD"  # a value not known yet: accepted anywhere, reported until it is filled in
ROLES = ("organizers", "speakers", "panelists", "committee")  # the lists of roles.yaml
INVITED_ROLES = ("speakers", "panelists", "committee")  # those asked, who confirm or decline
SPEAKING_ROLES = ("speakers", "panelists")  # those the schedule gives a slot
STATUSES = ("confirmed", "invited", "declined")
# How the proposal words a status unless schedule.yaml's `labels` words it: the marker of an
# unconfirmed speaker or member explained, the status after an invited speaker's name.
STATUS_LABELS = {"confirmed": "confirmed", "invited": "not yet confirmed"}
CLOCKS = ("24h", "12h")  # how outputs print a time of day: 14:30, or 2:30pm
# Whom `mail` and `export` take by their `--status`; declined people, never.
CHOSEN_STATUSES = {"confirmed": ("confirmed",), "invited": ("invited",), "all": ("confirmed", "invited", PLACEHOLDER)}
DATE_FIELDS = ("abstract_deadline", "submission_deadline", "review_start", "review_end", "decisions", "camera_ready", "workshop")
OUTCOME_FIELDS = ("submissions", "accepted", "attendees", "registered_interest", "challenge_entries")
SITE_DEFAULTS = {  # page kind: (title, nav_order)
    "description": ("Workshop description", 1), "call": ("Call for Papers", 2), "schedule": ("Schedule", 3),
    "speakers": ("Speakers", 4), "organizers": ("Organizers", 5), "committee": ("Program Committee", 6),
    "papers": ("Accepted Papers", 7),
}
ATTRIBUTES = ("gender", "continent", "country", "sector", "career_stage")
LINKS = ("website", "scholar", "github", "twitter", "bluesky", "linkedin")  # a person's pages, each a URL
PROFILE_LABELS = {"scholar": "Google Scholar", "github": "GitHub", "twitter": "Twitter", "bluesky": "Bluesky", "linkedin": "LinkedIn"}
DECISIONS = ("oral", "spotlight", "poster")  # how an accepted paper is presented, as papers.csv says
SCHEDULE_KINDS = ("talk", "contributed", "poster", "panel", "break", "opening", "award")
BLOCKS = ("schedule", "organizers", "speakers", "panelists", "committee")
CITATION_STYLES = ("author-year", "numeric")
CITATION_ORDERS = ("appearance", "author")
# Collections read piece by piece; Edition.unread names those with a piece that could not be read.
UNREAD_PARTS = ("people", "roles", "schedule", "sections", "prose", "references", "papers")
PHOTO_TYPES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")  # the images the site copies as they are
MAX_PHOTO_BYTES = 10_000_000  # a photo's or a prose image's
PROSE_IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".pdf")  # the images of prose: pdflatex includes them, the site shows (a PDF links) them
REPORT = "report.json"  # what a build found, beside its outputs
# Every check's code, as diagnostics print it ([code]) and series.yaml's `ignore` names it;
# tests/test_check_codes.py finds each code the source gives and requires it here.
CHECK_CODES = ("affiliation", "award", "bibfile", "bibtex", "brackets", "capitals", "character", "cite", "committee", "country", "csv",
               "date", "dates", "duplicate", "email", "empty", "encoding", "engine", "etal", "export", "figure", "file", "image", "key", "label",
               "latex", "link", "markdown", "name", "number", "numbering", "oldlink", "overfull", "pages", "paper", "people",
               "placeholder", "posters", "presenters", "punctuation", "ref", "repeated", "required", "schedule", "site", "spelling",
               "template", "timezone", "type", "uneven", "value", "venue", "whitespace", "yaml")
