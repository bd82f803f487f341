"""proposalgen: a workshop's proposal, call for papers and website from one source per edition."""

__version__ = "0.1.0"
