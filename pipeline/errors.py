"""Exceptions for bad input: they carry where the problem is and what the user can do."""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base class for every expected error; the CLI prints it as one line, no traceback."""


class InputError(NewsgraphError):
    """A whole input file (or path) cannot be used.

    Attributes:
        source: the path or source name.
        reason: what is wrong.
        hint: what the user can do about it.
    """

    def __init__(self, source: str, reason: str, hint: str = "") -> None:
        self.source = source
        self.reason = reason
        self.hint = hint
        msg = f"{source}: {reason}"
        if hint:
            msg += f" ({hint})"
        super().__init__(msg)
