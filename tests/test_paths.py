"""Paths stay inside the data folder: what the hostile corpus cannot hold (a symlink beside the
data folder, a name a YAML file cannot write in a scenario's command)."""
from conftest import make_data

IN_DATA = "is in the data folder, which a build never writes; choose a folder outside it (default: build)"


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
    assert run("check") == (1, "data/2030/edition.yaml:15:11: error: prose file 'prose/abstract.md\0' cannot be opened: embedded null byte [file]\n")


def test_a_prose_file_elsewhere_in_the_data_folder_is_read(tmp_path, run):
    data = make_data(tmp_path)
    (data / "shared").mkdir()
    (data / "2030" / "prose" / "abstract.md").rename(data / "shared" / "abstract.md")
    edition = data / "2030" / "edition.yaml"
    edition.write_text(edition.read_text().replace("abstract: prose/abstract.md", "abstract: ../shared/abstract.md"))
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
