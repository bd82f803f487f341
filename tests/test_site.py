"""The website's pages as themes read them: typed front matter, people as cards with their photos,
talks under their speakers, reference lists, the schedule's columns, earlier editions' addresses."""
import struct
import zlib

import yaml

from conftest import built_site_page, make_data


def front_matter(page: str) -> dict:
    return yaml.safe_load(page.split("---\n")[1])


def test_front_matter_is_typed_as_themes_compare_it(tmp_path, run):
    make_data(tmp_path)
    page = built_site_page(tmp_path, run, "pages:\n  schedule: {nav_order: 3, front_matter: {description: Day one, toc: false, weight: 2}}\n", "schedule")
    assert front_matter(page) == {"layout": "page", "title": "Schedule", "permalink": "/2030/schedule/", "edition": 2030,
                                  "nav": True, "nav_order": 3, "description": "Day one", "toc": False, "weight": 2}


def test_a_page_left_out_of_the_menu(tmp_path, run):
    make_data(tmp_path)
    assert front_matter(built_site_page(tmp_path, run, "pages:\n  committee: {nav: false}\n", "committee"))["nav"] is False


def test_front_matter_cannot_set_what_the_page_writes(tmp_path, run):
    make_data(tmp_path)
    (tmp_path / "data" / "2030" / "site.yaml").write_text("pages:\n  schedule: {front_matter: {permalink: /x/, tags: [a]}}\n")
    code, err = run("build", "site")
    assert code == 1
    assert err.splitlines()[1:4] == [
        "data/2030/site.yaml:2:40: error: pages.schedule.front_matter: 'permalink' is written from the page's own settings [key]",
        "  hint: the page's title, layout, slug, nav and nav_order are keys beside front_matter; the edition is its folder's name",
        "data/2030/site.yaml:2:51: error: pages.schedule.front_matter: 'tags' must be text, got a list [type]",
    ]


def png(width: int, height: int) -> bytes:
    """A small valid PNG, one colour."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\xc8\x3c\x3c" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


SHARED_TALK = """timezone: CET
items:
  - {kind: opening, start: "9:00", duration: 10}
  - {kind: talk, duration: 30, speakers: [alan-turing, emmy-noether], title: On Computable Numbers, abstract: We ask what a machine can compute.}
  - {kind: panel, duration: 30, speakers: [alan-turing, ada-lovelace]}
"""
ROLES = """organizers: [ada-lovelace, {person: grace-hopper, role: General chair}]
speakers:
  - {person: alan-turing, status: confirmed}
  - {person: emmy-noether, status: confirmed}
panelists:
  - {person: alan-turing, status: confirmed}
  - {person: ada-lovelace, status: confirmed}
committee:
  - {person: emmy-noether, status: confirmed}
"""


def people_with_photos(tmp_path):
    edition = make_data(tmp_path) / "2030"
    (edition / "photos").mkdir()
    (edition / "photos" / "Turing.PNG").write_bytes(png(8, 8))
    people = (edition / "people.yaml").read_text()
    (edition / "people.yaml").write_text(people.replace("    website: https://example.org/turing\n", (
        "    website: https://example.org/turing\n    photo: photos/Turing.PNG\n    position: Reader in Mathematics\n"
        "    scholar: https://scholar.example.org/turing\n    openreview: ~Alan_Turing1\n")))
    (edition / "schedule.yaml").write_text(SHARED_TALK)
    (edition / "roles.yaml").write_text(ROLES)
    return edition


def test_speakers_are_cards_with_photo_links_and_their_talk_once(tmp_path, run):
    people_with_photos(tmp_path)
    page = built_site_page(tmp_path, run, "pages:\n  speakers: {}\n", "speakers")
    assert page.split("---\n", 2)[2] == SPEAKERS_PAGE
    assert (tmp_path / "build" / "2030" / "site" / "assets" / "img" / "2030" / "alan-turing.png").read_bytes() == png(8, 8)


SPEAKERS_PAGE = (
    "\n## Invited speakers\n\n"
    '<div class="card mb-3 person-card" markdown="1">\n<div class="card-body" markdown="1">\n'
    '![Alan Turing](/assets/img/2030/alan-turing.png){: .person-photo width="120" height="120" style="float: left; width: 120px; '
    'height: 120px; object-fit: cover; border-radius: 50%; margin: 0 1rem 0.5rem 0;"}\n\n'
    "#### [Alan Turing](https://example.org/turing)\n\n*Reader in Mathematics, University of Manchester*\n\n"
    "[Website](https://example.org/turing) · [Google Scholar](https://scholar.example.org/turing) · "
    "[OpenReview](https://openreview.net/profile?id=~Alan_Turing1)\n\n"
    '<div style="clear: both"></div>\n</div>\n</div>\n\n'
    '<div class="card mb-3 person-card" markdown="1">\n<div class="card-body" markdown="1">\n\n'
    "#### Emmy Noether\n\n*Göttingen*\n\n"
    '<div style="clear: both"></div>\n</div>\n</div>\n\n'
    '<div class="talk mb-4" markdown="1">\n**Talk:** *On Computable Numbers* (Alan Turing and Emmy Noether)\n\n'
    "We ask what a machine can compute.\n\n</div>\n\n"
    "## Panelists\n\n"
    '<div class="card mb-3 person-card" markdown="1">\n<div class="card-body" markdown="1">\n\n'
    "#### Ada Lovelace\n\n*Analytical Engines Ltd.*\n\nAda Lovelace wrote the first program.\n\n"
    '<div style="clear: both"></div>\n</div>\n</div>\n\n'
    "Also on the panel: Alan Turing.\n\n"
)


def test_organizers_are_cards_with_their_role_title(tmp_path, run):
    people_with_photos(tmp_path)
    page = built_site_page(tmp_path, run, "pages:\n  organizers: {}\n", "organizers")
    assert "#### Grace Hopper\n\n*US Navy* — General chair\n\n" in page
    assert not (tmp_path / "build" / "2030" / "site" / "assets").exists()  # Turing is no organizer: his photo is not copied


def test_a_photo_is_copied_under_a_name_made_safe_from_the_id(tmp_path, run):
    edition = people_with_photos(tmp_path)
    for name in ("people.yaml", "roles.yaml", "schedule.yaml"):
        (edition / name).write_text((edition / name).read_text().replace("alan-turing", "../../Alan Turing"))
    built_site_page(tmp_path, run, "pages:\n  speakers: {}\n", "speakers")
    copied = [p.relative_to(tmp_path / "build") for p in (tmp_path / "build").rglob("*.png")]
    assert [str(p) for p in copied] == ["2030/site/assets/img/2030/alan-turing-8d8717c8.png"]


def test_a_photo_on_the_web_is_linked_as_given(tmp_path, run):
    edition = people_with_photos(tmp_path)
    (edition / "photos" / "Turing.PNG").unlink()
    (edition / "people.yaml").write_text((edition / "people.yaml").read_text().replace("photos/Turing.PNG", "https://example.org/turing.jpg"))
    page = built_site_page(tmp_path, run, "pages:\n  speakers: {}\n", "speakers")
    assert "![Alan Turing](https://example.org/turing.jpg){: .person-photo" in page
    assert not (tmp_path / "build" / "2030" / "site" / "assets").exists()


def test_a_photo_too_large_is_refused(tmp_path, run):
    edition = people_with_photos(tmp_path)
    with open(edition / "photos" / "Turing.PNG", "r+b") as photo:
        photo.truncate(10_000_001)
    (edition / "site.yaml").write_text("room: Room 1\n")
    code, err = run("build", "site")
    assert code == 1
    assert "data/2030/people.yaml:17:12: error: alan-turing: photo 'photos/Turing.PNG' is 10.0 MB; photos are at most 10 MB [people]\n" in err


def test_a_changed_photo_rebuilds_the_site(tmp_path, run):
    edition = people_with_photos(tmp_path)
    built_site_page(tmp_path, run, "pages:\n  speakers: {}\n", "speakers")
    assert run("build", "site")[1].endswith("up to date: build/2030/site\n")
    (edition / "photos" / "Turing.PNG").write_bytes(png(4, 4))
    assert run("build", "site")[1].endswith("wrote build/2030/site\n")
    assert (tmp_path / "build" / "2030" / "site" / "assets" / "img" / "2030" / "alan-turing.png").read_bytes() == png(4, 4)


def test_any_page_opens_with_the_prose_site_yaml_names_and_lists_its_references(tmp_path, run):
    data = make_data(tmp_path)
    (data / "2030" / "prose" / "day.md").write_text("Come early: the doors open at 8:30, as @turing1950 would.\n")
    (data / "2030" / "site.yaml").write_text("pages:\n  schedule: {prose: [prose/day.md]}\n  committee: {}\n")
    code, err = run("build", "site")
    assert (code, "day.md" in err) == (0, False)  # read, and not reported as a file nothing names
    folder = tmp_path / "build" / "2030" / "site"
    schedule = (folder / "schedule.md").read_text().split("---\n", 2)[2]
    assert schedule.startswith("\nCome early: the doors open at 8:30, as Turing (1950) would.\n\n\n**April 26, 2030**\n")
    assert schedule.endswith("{: .table .schedule-table}\n\n### References\n\nTuring, A. M. (1950). Computing machinery and intelligence. *Mind*, 59(236):433–460.\n\n")
    assert "Come early" not in (folder / "committee.md").read_text()
