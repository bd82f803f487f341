"""The example's proposal.tex equals the reviewed golden file (refresh: `make golden`)."""
import pytest

from golden import EDITIONS, GOLDEN, rendered_proposal


@pytest.mark.parametrize("edition", EDITIONS)
def test_proposal_tex_matches_golden(edition):
    assert rendered_proposal(edition) == (GOLDEN / edition / "proposal.tex").read_text(encoding="utf-8")
