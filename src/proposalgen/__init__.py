"""proposalgen: a workshop's proposal, call for papers and website from one source per edition."""


def version() -> str:
    """The installed version, which pyproject.toml sets (the one place it is written)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("proposalgen")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"
