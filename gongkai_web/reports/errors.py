from gongkai.errors import GongkaiError


class ReportError(GongkaiError):
    """A step of the annual report's workflow that its state or the rules do not allow; nothing changed."""

    code = "reports.error"


def refuse(code: str, message: str, **params) -> ReportError:
    return ReportError(message, code=f"reports.{code}", **params)
