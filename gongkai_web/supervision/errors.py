from gongkai.errors import GongkaiError


class SupervisionError(GongkaiError):
    """A step of supervision the rules or the record's state do not allow; nothing was changed."""

    code = "supervision.error"


def refuse(code: str, message: str, **params) -> SupervisionError:
    return SupervisionError(message, code=f"supervision.{code}", **params)
