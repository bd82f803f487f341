"""The example's outputs equal the reviewed golden tree, tests/golden/ (refresh: `make golden`)."""
import pytest

from golden import EDITION, GOLDEN, golden_tree, outputs, rendered_proposal


def test_proposal_tex_matches_golden():
    """Without TeX (so in make test-fast): the proposal's source as rendered."""
    assert rendered_proposal(EDITION) == (GOLDEN / EDITION / "proposal.tex").read_text(encoding="utf-8")


@pytest.mark.engine
def test_every_output_matches_the_golden_tree(built_example, tmp_path):
    written, golden = outputs(built_example, tmp_path), golden_tree()
    assert list(written) == list(golden), "run make golden and review the diff"
    differing = [name for name in written if written[name] != golden[name]]
    assert {name: written[name] for name in differing} == {name: golden[name] for name in differing}, "run make golden and review the diff"
