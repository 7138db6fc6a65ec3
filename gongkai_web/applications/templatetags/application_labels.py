"""Words for the codes an application stores (outcome, delivery methods, audit actions), each
from the one place that defines it."""

from __future__ import annotations

from django import template

from gongkai import outcomes
from gongkai.errors import GongkaiError
from gongkai.labels import DELIVERY_METHODS
from gongkai.letters import CORRECTION_RESULTS
from gongkai_web.audit.labels import action_label

register = template.Library()


@register.filter
def outcome_label(code: str) -> str:
    try:
        return outcomes.label(code) if code else ""
    except (GongkaiError, KeyError):
        return code


@register.filter
def correction_result_label(code: str) -> str:
    """The answer to a correction request (条例第四十一条), as the 更正答复书 names it."""
    return CORRECTION_RESULTS.get(code, code)


@register.filter
def delivery_labels(methods) -> str:
    return "、".join(DELIVERY_METHODS.get(m, m) for m in methods or ())


@register.filter(name="action_label")
def action_label_filter(action: str) -> str:
    return action_label(action)
