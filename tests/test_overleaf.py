"""`export overleaf` writes the proposal's bundle for co-authors: unzipped into an empty folder, a
stock `latexmk -pdf` typesets it to the build's pages and text, without proposalgen's page marks."""
import subprocess
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from proposalgen.cli import main

from conftest import FIXTURES, ROOT, make_data
from test_site import png

BUNDLE = "proposal-overleaf.zip"


def typeset_bundle(bundle: Path, folder: Path) -> Path:
    """The bundle unzipped into the empty ``folder`` and typeset there with latexmk: its PDF."""
    folder.mkdir()
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(folder)
    result = subprocess.run(["latexmk", "-pdf", "-interaction=nonstopmode", "proposal.tex"], cwd=folder, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]
    return folder / "proposal.pdf"


def pages_and_text(pdf: Path) -> tuple[int, str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return len(PdfReader(pdf).pages), " ".join(text.split())


def exported(data: Path, out: Path) -> Path:
    assert main(["export", "overleaf", "--data", str(data), "--out", str(out)]) == 0
    return out


@pytest.mark.engine
def test_the_example_typesets_from_its_bundle_as_the_build_does(built_example, tmp_path):
    out = exported(ROOT / "data", tmp_path / "build")
    pdf = typeset_bundle(out / "2026" / BUNDLE, tmp_path / "overleaf")
    assert pages_and_text(pdf) == pages_and_text(built_example / "proposal.pdf")


@pytest.mark.engine
@pytest.mark.parametrize("example", ["cognitive-offloading-ah2026", "formal-methods-robotics-icra2015"])
def test_a_gallery_example_in_its_venue_class_typesets_from_its_bundle(example, tmp_path):
    data, out = ROOT / "examples" / example, tmp_path / "build"
    assert main(["build", "proposal", "--data", str(data), "--out", str(out)]) == 0
    edition, = (folder.name for folder in out.iterdir())
    pdf = typeset_bundle(exported(data, out) / edition / BUNDLE, tmp_path / "overleaf")
    assert pages_and_text(pdf) == pages_and_text(out / edition / "proposal.pdf")


@pytest.fixture
def kit_and_image(tmp_path, run):
    """The minimal edition in a venue's class with a style kit, its motivation showing an image."""
    edition = make_data(tmp_path, FIXTURES / "venue-kit") / "2030"
    (edition / "edition.yaml").write_text((edition / "edition.yaml").read_text().replace("preset: iclr-2026", "preset: myconf-2030"))
    (edition / "prose" / "box.png").write_bytes(png(40, 20))
    motivation = edition / "prose" / "motivation.md"
    motivation.write_text(motivation.read_text() + "\n![a red box](prose/box.png)\n")
    return tmp_path / "build" / "2030"


@pytest.mark.engine
def test_the_bundle_holds_the_kit_the_images_and_a_readme(kit_and_image, run, tmp_path):
    assert run("export", "overleaf") == (0, f"wrote build/2030/{BUNDLE}\n")
    with zipfile.ZipFile(kit_and_image / BUNDLE) as archive:
        assert archive.namelist() == ["README.txt", "assets/img/2030/prose/prose-box-5182c580.png", "myconf.sty", "proposal.tex"]
        assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        tex, readme = archive.read("proposal.tex").decode(), archive.read("README.txt").decode()
    assert not any(measuring in tex for measuring in ("\\pgmark", "\\pglines", "\\pdfsavepos", "page marks")) and "\\pgimage{assets/img/2030/prose/prose-box-5182c580.png}" in tex
    assert "The source of truth is the data folder data/2030/, not this bundle" in readme
    assert "  prose/motivation.md\n" in readme and "or run: latexmk -pdf proposal.tex" in readme
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    pdf = typeset_bundle(kit_and_image / BUNDLE, tmp_path / "overleaf")
    assert pages_and_text(pdf) == pages_and_text(kit_and_image / "proposal.pdf")


def test_the_same_source_zips_to_the_same_bytes(kit_and_image, run):
    run("export", "overleaf")
    first = (kit_and_image / BUNDLE).read_bytes()
    run("export", "overleaf")
    assert (kit_and_image / BUNDLE).read_bytes() == first


def test_a_list_s_options_are_bad_usage_for_the_bundle(tmp_path, run):
    make_data(tmp_path)
    assert run("export", "overleaf", "--status", "invited") == (
        2, "proposalgen: --format and --status choose the people of a list; export overleaf takes neither\n")
    assert not (tmp_path / "build").exists()


def test_an_edition_with_errors_writes_no_bundle(tmp_path, run):
    data = make_data(tmp_path)
    roles = data / "2030" / "roles.yaml"
    roles.write_text(roles.read_text().replace("ada-lovelace", "ada-lovelase", 1))
    assert run("export", "overleaf") == (1, "data/2030/roles.yaml:1:14: error: organizers[0]: unknown person 'ada-lovelase' "
                                            "(did you mean 'ada-lovelace'?) [ref]\n")
    assert not (tmp_path / "build").exists()


def test_an_edition_with_a_placeholder_the_proposal_needs_writes_no_bundle(tmp_path, run):
    edition = make_data(tmp_path) / "2030" / "edition.yaml"
    text = edition.read_text()
    start, end = text.index("submissions:\n"), text.index("abstract:")
    edition.write_text(text[:start] + "submissions: TBD\n" + text[end:])
    assert run("export", "overleaf") == (1, "data/2030: error: the edition cannot be exported until its placeholders are filled in [placeholder]\n"
                                            "data/2030/edition.yaml:10:14: warning: 'submissions' is still TBD: fill it in [placeholder]\n")
    assert not (tmp_path / "build").exists()
