"""Domain errors, one place. Each edge translates them: a one-line message and exit code in
the CLI, one JSON error shape in the API, a friendly sentence in the chat."""

from __future__ import annotations

from pathlib import Path


class BudgetQAError(Exception):
    """Base of every error a user may see. ``str(e)`` is one line, meant for people."""

    exit_code = 1
    http_status = 400
    code = "error"


class IngestError(BudgetQAError):
    """A file could not be ingested; the store is left as it was."""

    exit_code = 2
    code = "ingest_error"

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        where = ""
        if self.path:
            where = self.path + (f":{line}" if line else "") + ": "
        super().__init__(where + message)


class NotADisclosureError(IngestError):
    """The file is readable but is not a budget disclosure."""

    code = "not_a_disclosure"


class EncryptedPdfError(IngestError):
    """The PDF needs a password to be opened; budgetqa does not ask for one."""

    code = "encrypted_pdf"


class ScannedPdfError(IngestError):
    """The PDF has no text layer (a scan); it would need OCR first."""

    code = "no_text_layer"


class StoreError(BudgetQAError):
    """The store is missing, locked or corrupt."""

    exit_code = 3
    http_status = 503
    code = "store_error"


class QuestionError(BudgetQAError):
    """The question itself is unusable (empty, too long, wrong type)."""

    exit_code = 2
    http_status = 422
    code = "bad_question"


class HistoryError(QuestionError):
    """The conversation history sent with a question is too long or not a list of questions."""

    code = "bad_history"


class ParameterError(BudgetQAError):
    """A filter or option that cannot be used (a year that is not a year, an unknown kind)."""

    exit_code = 2
    http_status = 400
    code = "bad_parameter"


class UnknownDocumentError(BudgetQAError):
    """A document id that the store does not hold."""

    exit_code = 2
    http_status = 404
    code = "unknown_document"


class SettingsError(BudgetQAError):
    """A BUDGETQA_* variable has a value that cannot be used; the message names it and an example."""

    exit_code = 2
    code = "bad_setting"

    def __init__(self, message: str, variable: str = ""):
        self.variable = variable
        super().__init__(message)


class ConfigError(BudgetQAError):
    """A setting names something that cannot be used here (an unknown backend, a missing extra)."""

    exit_code = 4
    http_status = 500
    code = "config_error"


class IndexUnavailableError(BudgetQAError):
    """The Chroma server holding the search index (BUDGETQA_CHROMA_URL) cannot be reached."""

    exit_code = 3
    http_status = 503
    code = "index_unavailable"
