from gongkai.errors import GongkaiError


class QAError(GongkaiError):
    """A change of the Q&A library or of a public question the rules or its state do not allow;
    nothing was changed."""

    code = "qa.error"


def refuse(code: str, message: str, **params) -> QAError:
    return QAError(message, code=f"qa.{code}", **params)
