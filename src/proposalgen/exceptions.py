"""The exceptions proposalgen raises; ``cli`` catches ``ProposalError`` once."""


class ProposalError(Exception):
    """Root of every error caused by the user's source, options or machine, never by a bug."""


class UsageError(ProposalError):
    """Raised when the command line names something that does not exist (an edition, a folder)."""


class DiagnosticsError(ProposalError):
    """Raised when checks found errors (or warnings under ``--strict``); carries them all."""

    def __init__(self, diagnostics):
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


class UnsupportedCharacter(ProposalError):
    """Raised when a value holds a character that no TeX engine can typeset."""


class ToolMissingError(ProposalError):
    """Raised when the TeX engine is not installed on this machine."""


class WriteError(ProposalError):
    """Raised when a file cannot be written: its folder is read-only or full, or a file stands in
    the way; the file it would have replaced is left as it was."""


class PluginError(ProposalError):
    """Raised when an installed plugin cannot be used: its entry point does not load, gives
    something other than an ``Output`` or a check function, or names a path another output
    writes; the message names the plugin and the package it came from."""
