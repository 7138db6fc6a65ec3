from gongkai.errors import GongkaiError


class ApplicationError(GongkaiError):
    """A handling step the law or the application's state does not allow; nothing was changed."""

    code = "applications.error"


def refuse(code: str, message: str, **params) -> ApplicationError:
    return ApplicationError(message, code=f"applications.{code}", **params)
