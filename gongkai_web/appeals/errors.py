from gongkai.errors import GongkaiError


class AppealError(GongkaiError):
    """A change of a 复议 or 诉讼 case that the rules or its state do not allow; nothing was changed."""

    code = "appeals.error"


def refuse(code: str, message: str, **params) -> AppealError:
    return AppealError(message, code=f"appeals.{code}", **params)
