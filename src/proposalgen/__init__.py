"""proposalgen: a workshop's proposal, call for papers and website from one source per edition."""
