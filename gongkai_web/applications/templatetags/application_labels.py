"""Words for the codes an application stores (outcome, delivery methods, audit actions), each
from the one place that defines it."""

from __future__ import annotations

from django import template

from gongkai import outcomes
from gongkai.errors import GongkaiError
from gongkai.labels import DELIVERY_METHODS
from gongkai_web.audit.labels import action_label

register = template.Library()


@register.filter
def outcome_label(code: str) -> str:
    try:
        return outcomes.label(code) if code else ""
    except (GongkaiError, KeyError):
        return code


@register.filter
def delivery_labels(methods) -> str:
    return "、".join(DELIVERY_METHODS.get(m, m) for m in methods or ())


@register.filter(name="action_label")
def action_label_filter(action: str) -> str:
    return action_label(action)
