"""What each audit action means, in words staff read on the record's page (the codes stay in the
database and in exports).

The audit trail knows no domain: each app registers the labels of its own actions in its
``AppConfig.ready()`` (``register_labels``), and may register a resolver for a family of actions
(``register_resolver``: the applications app names actions after an application event with that
event's label). An action nobody labelled shows its code."""

from __future__ import annotations

from collections.abc import Callable, Mapping

#: action code → label (lazy translations); filled by the apps (``register_labels``).
ACTION_LABELS: dict[str, object] = {}
#: Tried in order for an action without an entry in ``ACTION_LABELS``: a label, or None to pass.
RESOLVERS: list[Callable[[str], object | None]] = []


def register_labels(mapping: Mapping[str, object]) -> None:
    ACTION_LABELS.update(mapping)


def register_resolver(resolver: Callable[[str], object | None]) -> None:
    if resolver not in RESOLVERS:
        RESOLVERS.append(resolver)


def action_label(action: str) -> str:
    if action in ACTION_LABELS:
        return str(ACTION_LABELS[action])
    for resolver in RESOLVERS:
        if (label := resolver(action)) is not None:
            return str(label)
    return action  # an action added later without a label: show its code rather than nothing


def object_type_label(object_type: str) -> str:
    """``applications.application`` → the model's name (申请); the code itself when no model has it."""
    from django.apps import apps

    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type
