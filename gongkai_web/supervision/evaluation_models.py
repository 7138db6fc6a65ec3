"""Evaluations: a versioned indicator set of an office (indicators with weights and how each is
measured), an evaluation of one agency under one version, a score per indicator (a ratio from records,
or a reviewer's with evidence), and a contest of a score with its recorded outcome. A version is frozen
once an agency has been evaluated under it: a change of weights is a new version."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorSet(models.Model):
    office = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("indicator set"), max_length=200)
    version = models.PositiveSmallIntegerField(_("version"))
    year = models.PositiveSmallIntegerField(_("year"))
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-year", "name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["office", "name", "version"], name="one_indicator_set_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class Indicator(models.Model):
    set = models.ForeignKey(IndicatorSet, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(max_length=10)
    name = models.CharField(_("indicator"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight"))
    source = models.CharField(max_length=40)  # gongkai.evaluation.RECORD_SOURCES or "review"
    how = models.TextField(_("how it is measured"))

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["set", "code"], name="one_indicator_code_per_set")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def from_records(self) -> bool:
        return self.source != "review"


class Evaluation(models.Model):
    set = models.ForeignKey(IndicatorSet, on_delete=models.PROTECT, related_name="evaluations")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    as_of = models.DateField(_("evaluated on"))
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["agency__path"]
        constraints = [
            models.UniqueConstraint(fields=["set", "agency"], name="one_evaluation_per_agency_and_set")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.set}"


class Score(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    #: The share met, 0–1 (None: nothing to measure, or not reviewed yet); stored as numerator/denominator.
    met = models.PositiveIntegerField(null=True, blank=True)
    of = models.PositiveIntegerField(null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "indicator"], name="one_score_per_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.met}/{self.of}"

    @property
    def ratio(self):
        from fractions import Fraction

        return Fraction(self.met, self.of) if self.met is not None and self.of else None


class ContestOutcome(models.TextChoices):
    PENDING = "", _("awaiting decision")
    UPHELD = "upheld", _("upheld: score changed")
    REJECTED = "rejected", _("rejected: score stands")


class Contest(models.Model):
    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="contests")
    reason = models.TextField(_("reason"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_at = models.DateTimeField()
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=ContestOutcome.choices, blank=True, default=""
    )
    decision = models.TextField(_("decision"), blank=True)
    before = models.CharField(max_length=20, blank=True)
    after = models.CharField(max_length=20, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "id"]

    def __str__(self) -> str:
        return f"{self.score} {self.outcome}"
