from gongkai.errors import GongkaiError


class AccountError(GongkaiError):
    """An account change that was refused; nothing was changed."""

    code = "accounts.error"


def refuse(code: str, message: str) -> AccountError:
    return AccountError(message, code=f"accounts.{code}")
