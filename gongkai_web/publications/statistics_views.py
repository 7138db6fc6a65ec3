"""Table 2's figures that come from other systems (许可, 处罚, 强制 decisions and 收费): a staff page to enter
them per agency and year, with their source (``services.enter_statistic``: audited, the value replaced
kept in the audit entry)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from gongkai.errors import GongkaiError
from gongkai_web.accounts.access import visible_agencies, working_agencies
from gongkai_web.applications.access import staff_required
from gongkai_web.applications.form_fields import VisibleCharField
from gongkai_web.form_messages import Form

from . import services
from .models import StatisticItem, YearStatistic


class StatisticForm(Form):
    year = forms.IntegerField(min_value=2008, label=gettext_lazy("year"))
    item = forms.ChoiceField(choices=StatisticItem.choices, label=gettext_lazy("item"))
    value = VisibleCharField(
        max_length=20,
        label=gettext_lazy("value"),
        help_text=gettext_lazy(
            "Decisions as a number; fees in units of 10,000 yuan, e.g. 0.612 for 6,120 yuan."
        ),
    )
    source = VisibleCharField(max_length=200, label=gettext_lazy("source"))


@staff_required
@require_http_methods(["GET", "POST"])
def statistics(request):
    """The figures of one of the user's agencies (``?agency=`` its code; the supervising office reads
    those of its subtree, staff of the agency enter them)."""
    agencies = visible_agencies(request.user).order_by("path")
    code = request.GET.get("agency")
    agency = get_object_or_404(agencies, code=code) if code else agencies.first()
    if agency is None:
        return render(request, "publications/statistics.html", {"agency": None}, status=404)
    can_enter = working_agencies(request.user).filter(pk=agency.pk).exists()
    form = StatisticForm(request.POST or None, initial={"year": timezone.localdate().year - 1})
    status = 200
    if request.method == "POST":
        if not can_enter:
            return render(request, "publications/statistics.html", {"agency": None}, status=404)
        if form.is_valid():
            try:
                services.enter_statistic(agency, actor=request.user, **form.cleaned_data)
            except GongkaiError as exc:
                form.add_error("value" if "statistic" in exc.code else None, exc.message)
            else:
                messages.success(request, _("Saved."))
                return redirect(f"{reverse('publications:statistics')}?agency={agency.code}")
        status = 400
    return render(
        request,
        "publications/statistics.html",
        {
            "agency": agency,
            "agencies": agencies,
            "figures": YearStatistic.objects.filter(agency=agency)
            .select_related("entered_by")
            .order_by("-year", "item"),
            "form": form if can_enter else None,
        },
        status=status,
    )
