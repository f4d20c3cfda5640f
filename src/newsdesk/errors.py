"""The error tree. Every message says what was wrong, with which input, and what to do."""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base of every error newsdesk raises on purpose."""


class InputError(NewsdeskError):
    """An input document could not be read. The message names the input; the batch goes on."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class UsageError(NewsdeskError):
    """The caller asked for something that cannot be done (bad option, missing file)."""


class StoreError(NewsdeskError):
    """The article store could not be opened or written."""


class ModelError(NewsdeskError):
    """A model that ships in an installed package could not be loaded."""


class SchemaError(NewsdeskError):
    """An output failed to validate against its JSON contract (a bug in newsdesk)."""
