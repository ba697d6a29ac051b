"""Error hierarchy. The library raises these; only the CLI and the UI translate them.

Every message says what was wrong, what the valid choices are and what to do next.
"""


class KunnskapError(Exception):
    """Base class for every error the library raises on purpose."""

    exit_code = 1


class UsageError(KunnskapError):
    """Bad input from the user (empty question, unknown option value). CLI exit code 2."""

    exit_code = 2


class IngestError(KunnskapError):
    """A source document could not be read or parsed."""


class IndexLoadError(KunnskapError):
    """An index folder is missing, broken or built with other settings."""


class EmbedderError(KunnskapError):
    """An embedder id is unknown or its model could not be loaded."""

    exit_code = 2


class AssistantError(KunnskapError):
    """Answering failed for a reason the user can act on."""


class TestSetError(KunnskapError):
    """An evaluation test set is malformed or stale."""

    __test__ = False  # keep pytest from collecting it
    exit_code = 2


class DatabaseError(KunnskapError):
    """The PostgreSQL store cannot be used: unreachable, without pgvector, another schema version,
    or a connection lost mid-question. The message says what to do."""
