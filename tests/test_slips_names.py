"""Issue 20's families "one person, several spellings" (`name`) and "one thing written two ways"
(`country`, `affiliation`): silent on correct data that looks close; the hostile scenarios
names-* and two-ways-* hold what they report. Every edition shipped with the repository (the
example, the gallery, the benchmark's scale data) is free of them."""
import sys
from pathlib import Path

import pytest

from proposalgen.checks import names, variants
from proposalgen.commands.check import check
from proposalgen.diagnostics import Diagnostics

from conftest import ROOT, make_data

CODES = names.CODES + variants.CODES


def slips(folder: Path) -> list[str]:
    """What the two families report on the edition in ``folder``, as printed."""
    diagnostics = Diagnostics()
    check(folder, diagnostics, ("proposal", "cfp", "site"))
    return [d.format() for d in diagnostics.sorted() if d.code in CODES]


def edition_with(tmp_path: Path, people: str, papers: str = "", motivation: str = "") -> Path:
    edition = make_data(tmp_path) / "2030"
    (edition / "people.yaml").write_text("people:\n" + people)
    if papers:
        (edition / "papers.csv").write_text("title,authors,url,decision\n" + papers)
    if motivation:
        (edition / "prose" / "motivation.md").write_text(motivation)
    return edition


PEOPLE = """\
  - {id: ada-lovelace, name: Ada Lovelace, affiliation: Analytical Engines}
  - {id: grace-hopper, name: Grace Hopper, affiliation: US Navy}
  - {id: alan-turing, name: Alan Turing, affiliation: University of Manchester}
  - {id: emmy-noether, name: Emmy Noether, affiliation: Göttingen}
"""


def test_different_people_with_close_names_are_not_one(tmp_path):
    """Short names a letter apart, a name and a longer one it begins, other middle initials,
    numbered names: each pair is two people."""
    people = PEOPLE + """\
  - {id: ying-wang, name: Ying Wang}
  - {id: yang-wang, name: Yang Wang}
  - {id: jia-li, name: Jia Li}
  - {id: jian-li, name: Jian Li}
  - {id: samuel-j-lee, name: Samuel J. Lee}
  - {id: samuel-k-lee, name: Samuel K. Lee}
  - {id: ana-smith, name: Ana Smith}
  - {id: anna-smyth, name: Anna Smyth}
  - {id: r1, name: Reviewer Number1}
  - {id: r2, name: Reviewer Number2}
  - {id: erkang-zhu, name: Erkang (Eric) Zhu}
"""
    papers = '"Careful counting","Erkang Zhu, Jian Li, Yi Ma, Yu Ma",https://example.org/1,poster\n'
    assert slips(edition_with(tmp_path, people, papers)) == []


def test_prose_naming_people_as_people_yaml_does_is_silent(tmp_path):
    people = PEOPLE + "  - {id: samuel-lee, name: Samuel J. Lee}\n  - {id: jose-garcia, name: José García}\n"
    motivation = ("Samuel J. Lee's group, with José García and Professor Ada Lovelace, met at the Lee Lab in New York.\n\n"
                  "Alan Turing. Grace Hopper wrote [the first compiler](https://example.org/Grace-Hopper); Emmy Noether's theorem.\n")
    assert slips(edition_with(tmp_path, people, motivation=motivation)) == []


def test_countries_written_one_way_each_are_silent(tmp_path):
    """Common English names ISO 3166 lists otherwise (UK, Russia, Turkey, the Netherlands), and the
    nations of the United Kingdom, which are countries of their own."""
    countries = ["UK", "England", "Scotland", "USA", "South Korea", "Russia", "Turkey", "the Netherlands", "Côte d'Ivoire", "U.A.E."]
    people = "".join(f"  - {{id: p{i}, name: Person Number{i}, country: \"{c}\"}}\n" for i, c in enumerate(countries))
    assert slips(edition_with(tmp_path, people)) == []


def test_affiliations_that_are_other_institutions_are_silent(tmp_path):
    """A lab beside its university, a company's two parts, a joint affiliation, an acronym whose
    expansion is not written."""
    affiliations = ["MIT CSAIL", "MIT", "Adobe Inc.", "Adobe Research", "NYU and Flatiron Inst.", "Flatiron Institute", "ETH Zurich",
                    "University of Oulu, Finland", "UCL"]
    people = "".join(f"  - {{id: p{i}, name: Person Number{i}, affiliation: \"{a}\"}}\n" for i, a in enumerate(affiliations))
    assert slips(edition_with(tmp_path, people)) == []


def test_diversity_counts_a_country_written_two_ways_once(tmp_path):
    people = PEOPLE.replace("Analytical Engines}", "Analytical Engines, country: DE}").replace("US Navy}", "US Navy, country: Germany}")
    edition = check(edition_with(tmp_path, people), Diagnostics())
    country = edition.values["diversity"]["organizers"].country
    assert (country.distinct, country.names, country["Germany"]) == (1, "Germany", 2)


def test_a_country_given_only_as_a_code_is_named(tmp_path):
    people = PEOPLE.replace("Analytical Engines}", "Analytical Engines, country: US}").replace("US Navy}", "US Navy, country: KR}")
    edition = check(edition_with(tmp_path, people), Diagnostics())
    assert edition.values["diversity"]["organizers"].country.names == "South Korea and United States"


def test_an_acronym_in_one_list_and_its_expansion_in_another_is_silent(tmp_path):
    """The example's proposal writes Johns Hopkins University in the schedule, where there is room,
    and JHU in its committee of 41: a choice, not a slip."""
    people = PEOPLE.replace("Alan Turing, affiliation: University of Manchester", "Alan Turing, affiliation: Johns Hopkins University")
    assert slips(edition_with(tmp_path, people.replace("Emmy Noether, affiliation: Göttingen", "Emmy Noether, affiliation: JHU"))) == []


@pytest.mark.parametrize("edition", [ROOT / "data" / "2026", ROOT / "data" / "2024", *sorted(p for p in (ROOT / "examples").glob("*/20*") if p.is_dir())], ids=lambda p: str(p.relative_to(ROOT)))
def test_the_example_and_the_gallery_are_silent(edition):
    assert slips(edition) == []


def test_the_benchmarks_scale_data_is_silent(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    assert slips(generate(tmp_path / "data", 1) / "2030") == []
