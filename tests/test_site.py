"""The website's pages as themes read them: typed front matter, people as cards with their photos,
talks under their speakers, reference lists, the schedule's columns, earlier editions' addresses."""
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
