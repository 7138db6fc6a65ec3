from gongkai.errors import GongkaiError


class PublicationError(GongkaiError):
    """A step of a document's life the rules or its state do not allow; nothing was changed."""

    code = "publications.error"


def refuse(code: str, message: str, **params) -> PublicationError:
    return PublicationError(message, code=f"publications.{code}", **params)
