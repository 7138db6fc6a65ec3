"""靠前指导 on the reply's preview page (``applications.reply_notes``): the drafter and the approver see
each time a version of the draft was sent for the office's opinion, pending or with the opinion given.
Advisory only: a pending request does not hold the issue of the reply (docs/supervision.md §四)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai_web.applications.reply_notes import Note

from .models import GuidanceRequest


def _day(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d}"


def guidance_notes(draft) -> list[Note]:
    notes = []
    for asked in GuidanceRequest.objects.filter(draft_id=draft.pk).select_related("office"):
        link = reverse("supervision:guidance", args=[asked.pk])
        values = {"version": asked.draft_version, "office": asked.office.name, "day": _day(asked.asked_at)}
        if asked.opinion_at is None:
            text = (
                _(
                    "Version %(version)s was sent to %(office)s for its opinion on %(day)s; no opinion yet. The opinion is advice: issuing the reply does not wait for it."
                )
                % values
            )
        else:
            text = _("Opinion of %(office)s on version %(version)s (%(day)s): %(verdict)s. %(opinion)s") % {
                **values,
                "day": _day(asked.opinion_at),
                "verdict": asked.get_verdict_display(),
                "opinion": asked.opinion,
            }
            if asked.draft_version != draft.version:
                text += " " + _("The draft has changed since: this is version %(version)s.") % {
                    "version": draft.version
                }
        notes.append(Note(text=text, link=link, link_text=_("The request"), pending=asked.opinion_at is None))
    return notes
