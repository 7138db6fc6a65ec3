from gongkai.errors import GongkaiError


class ReportsError(GongkaiError):
    """A change to the stored annual reports the rules do not allow; nothing was changed."""

    code = "reports.error"


def refuse(code: str, message: str, **params) -> ReportsError:
    return ReportsError(message, code=f"reports.{code}", **params)
