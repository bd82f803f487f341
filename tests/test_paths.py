"""Paths stay inside the data folder: what the hostile corpus cannot hold (a symlink beside the
data folder, a name a YAML file cannot write in a scenario's command)."""
import shutil

import pytest

from conftest import make_data

IN_DATA = "is in the data folder, which a build never writes; choose a folder outside it (default: build)"
LEADS_OUT = "leads outside the data folder (data) through a symlink; it is not read [file]"


def test_an_out_folder_that_is_a_symlink_into_the_data_is_refused_before_anything_is_written(tmp_path, run):
    data = make_data(tmp_path)
    (tmp_path / "out").symlink_to(data / "2030")
    assert run("build", "all", "--out", "out") == (2, f"proposalgen: --out out {IN_DATA}\n")
    assert sorted(p.name for p in (data / "2030").iterdir()) == ["edition.yaml", "people.yaml", "prose", "references.bib", "roles.yaml", "schedule.yaml"]


def test_watch_refuses_an_out_folder_in_the_data_folder(tmp_path, run):
    make_data(tmp_path)
    assert run("watch", "--out", "data/2030/prose") == (2, f"proposalgen: --out data/2030/prose {IN_DATA}\n")


def test_an_out_folder_below_a_file_is_refused(tmp_path, run):
    make_data(tmp_path)
    (tmp_path / "notes.txt").write_text("notes\n")
    assert run("build", "proposal", "--out", "notes.txt/build") == (2, "proposalgen: --out notes.txt/build: notes.txt is a file, not a folder\n")


def test_diff_refuses_an_edition_name_that_is_a_path(tmp_path, run):
    make_data(tmp_path)
    assert run("diff", "../data/2030", "2030") == (2, "proposalgen: '../data/2030': an edition is a folder of the data folder named by its year, such as 2030\n")


def test_a_prose_file_name_with_a_nul_character_is_a_diagnostic(tmp_path, run):
    edition = make_data(tmp_path) / "2030" / "edition.yaml"
    edition.write_text(edition.read_text().replace("abstract: prose/abstract.md", 'abstract: "prose/abstract.md\\0"'))
    assert run("check") == (1, "data/2030/edition.yaml:15:11: error: prose file 'prose/abstract.md\\x00' cannot be opened: embedded null byte [file]\n")


@pytest.mark.engine
def test_a_prose_file_elsewhere_in_the_data_folder_is_read(tmp_path, run):
    data = make_data(tmp_path)
    (data / "shared").mkdir()
    (data / "2030" / "prose" / "abstract.md").rename(data / "shared" / "abstract.md")
    edition = data / "2030" / "edition.yaml"
    edition.write_text(edition.read_text().replace("abstract: prose/abstract.md", "abstract: ../shared/abstract.md"))
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")


def test_edition_files_that_are_symlinks_leading_outside_are_not_read(tmp_path, run):
    edition = make_data(tmp_path) / "2030"
    for name in ("people.yaml", "references.bib"):
        (tmp_path / name).write_bytes((edition / name).read_bytes())
        (edition / name).unlink()
        (edition / name).symlink_to(tmp_path / name)
    assert run("check") == (1, f"data/2030/people.yaml: error: this file {LEADS_OUT}\ndata/2030/references.bib: error: this file {LEADS_OUT}\n")


def test_an_edition_folder_that_is_a_symlink_leading_outside_is_not_read(tmp_path, run):
    data = make_data(tmp_path)
    (data / "2030").rename(tmp_path / "2030")
    (data / "2030").symlink_to(tmp_path / "2030")
    files = ("edition.yaml", "people.yaml", "references.bib", "roles.yaml", "schedule.yaml")
    assert run("check") == (1, "".join(f"data/2030/{name}: error: this file {LEADS_OUT}\n" for name in files))


@pytest.mark.engine
def test_a_templates_folder_that_is_a_symlink_leading_outside_is_refused(tmp_path, run):
    data = make_data(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (data / "templates").symlink_to(tmp_path / "elsewhere")
    message = "data/templates leads outside the data folder through a symlink; pass --templates to use templates from elsewhere"
    assert run("build", "proposal") == (2, f"proposalgen: {message}\n")
    assert run("build", "proposal", "--templates", "elsewhere") == (0, "wrote build/2030/proposal.pdf\n")


def test_new_edition_copies_a_symlink_as_a_symlink_never_what_it_leads_to(tmp_path, run):
    data = make_data(tmp_path)
    (tmp_path / "secret.txt").write_text("a secret\n")
    (data / "2030" / "prose" / "notes.md").symlink_to(tmp_path / "secret.txt")
    assert run("new-edition", "2031", "--from", "2030")[0] == 0
    assert (data / "2031" / "prose" / "notes.md").readlink() == tmp_path / "secret.txt"


def test_an_earlier_site_yaml_that_leads_outside_gives_no_address(tmp_path, run):
    data = make_data(tmp_path)
    shutil.copytree(data / "2030", data / "2029")
    (tmp_path / "site.yaml").write_text("prefix: /leaked\n")
    (data / "2029" / "site.yaml").symlink_to(tmp_path / "site.yaml")
    (data / "2030" / "site.yaml").write_text("room: Hall A\n")
    assert run("build", "site", "--edition", "2030")[0] == 0
    assert "/leaked" not in (tmp_path / "build" / "2030" / "site" / "description.md").read_text()
    assert "/2029/description/" in (tmp_path / "build" / "2030" / "site" / "description.md").read_text()


def test_mail_refuses_an_out_folder_in_the_data_folder(tmp_path, run):
    make_data(tmp_path)
    assert run("mail", "speakers", "--out", "data") == (2, f"proposalgen: --out data {IN_DATA}\n")
