"""The exception tree: every failure a user can cause or meet has a class here.

The CLI turns each into one line on stderr and an exit code: ``InputError`` and its
children (bad files, unknown ids, quotes not in the text) exit 2, ``ProblemsFound``
exits 1.
"""

from __future__ import annotations

from pathlib import Path


class ClaimgraphError(Exception):
    """Base of all errors claimgraph reports to a user."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    @property
    def location(self) -> str:
        """``FILE:LINE`` (or ``FILE``, or empty) where the problem is."""
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class InputError(ClaimgraphError):
    """Bad input: the user must fix a file or an argument. Exit code 2."""


class FormatError(InputError):
    """A file is not well-formed YAML or RDF, or is not a kind claimgraph reads."""


class AnnotationError(InputError):
    """An annotation or registry file is well-formed YAML but says something invalid."""


class UnknownReferenceError(AnnotationError):
    """An id names an actor, role, proposition, topic or statement that does not exist."""


class QuoteError(AnnotationError):
    """A quote is not in its document's text, or occurs there more than once."""


class NotFoundError(InputError):
    """A document or graph named on the command line is not in the store."""


class StoreError(ClaimgraphError):
    """The store cannot be opened or written (locked, unreadable, wrong kind of folder)."""


class EndpointError(StoreError):
    """A SPARQL endpoint could not be reached or refused a request; names the URL."""

    retryable = False


class EndpointUnavailable(EndpointError):
    """No connection, no answer in time, or a server error (5xx): worth retrying a read."""

    retryable = True


class EndpointRefused(EndpointError):
    """The endpoint answered and said no: wrong credentials, bad request, not found."""


class ConfigError(InputError):
    """The endpoint settings (options, environment, config file) are incomplete or invalid."""


class TransferError(StoreError):
    """A push or pull stopped part way; says which graphs were copied."""


class ProblemsFound(ClaimgraphError):
    """The command ran, and found problems in the data. Exit code 1."""

    exit_code = 1


class ShapeViolations(ProblemsFound):
    """An add was refused because the data breaks SHACL shapes; carries the report."""

    def __init__(self, message: str, *, report: object, data: object):
        super().__init__(message)
        self.report = report
        self.data = data


class RecordsSkipped(ProblemsFound):
    """An import skipped malformed fact-check records (and imported the rest). Exit code 1."""
