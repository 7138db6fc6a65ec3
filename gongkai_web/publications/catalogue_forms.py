"""Forms of the 主动公开事项目录 pages: they validate input only (the services decide)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from gongkai import labels
from gongkai.publications import catalogue as core
from gongkai_web.accounts.access import WORKING_ROLES
from gongkai_web.applications.form_fields import DATE, VisibleCharField
from gongkai_web.form_messages import Form

from .catalogue_models import CatalogueItem
from .catalogue_queries import linkable_documents
from .models import Document


def _choices(mapping: dict[str, str]) -> list[tuple[str, str]]:
    return list(mapping.items())


class OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class CatalogueItemForm(Form):
    category = VisibleCharField(label=_("Matter (first level)"), max_length=100)
    subcategory = VisibleCharField(label=_("Matter (second level)"), max_length=100, required=False)
    elements = VisibleCharField(
        label=_("Content elements"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    basis = VisibleCharField(
        label=_("Legal basis"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    periodicity = forms.ChoiceField(
        label=_("When the information is formed"), choices=_choices(labels.CATALOGUE_PERIODICITY)
    )
    limit_amount = forms.IntegerField(
        label=_("Time limit"),
        min_value=1,
        max_value=core.MAX_LIMIT,
        initial=core.DEFAULT_LIMIT,
        help_text=_(
            "The statute's default: 20 working days from the day the information is formed or changed."
        ),
    )
    limit_unit = forms.ChoiceField(
        label=_("Time limit unit"),
        choices=_choices(labels.TIME_LIMIT_UNITS),
        initial=core.WORKDAYS,
        widget=forms.RadioSelect,
    )
    responsible_unit = VisibleCharField(label=_("Responsible unit"), max_length=100)
    owner = OwnerField(label=_("Owner"), queryset=get_user_model().objects.none())
    channels = forms.MultipleChoiceField(
        label=_("Channels"), choices=_choices(labels.CATALOGUE_CHANNELS), widget=forms.CheckboxSelectMultiple
    )
    audience = forms.ChoiceField(
        label=_("Audience"),
        choices=_choices(labels.CATALOGUE_AUDIENCES),
        widget=forms.RadioSelect,
        initial="public",
    )
    mode = forms.ChoiceField(
        label=_("Disclosure mode"),
        choices=_choices(labels.CATALOGUE_MODES),
        widget=forms.RadioSelect,
        initial="proactive",
    )
    level = forms.ChoiceField(label=_("Level"), choices=_choices(labels.AGENCY_LEVELS))
    since = forms.DateField(
        label=_("Counted from"),
        widget=DATE,
        help_text=_("Periods that end before this day owe nothing."),
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, OwnerField)
        owner.queryset = (
            get_user_model()
            .objects.filter(memberships__agency=agency, memberships__role__in=WORKING_ROLES)
            .distinct()
            .order_by("username")
        )
        self.fields["level"].initial = agency.level

    @staticmethod
    def initial_for(item: CatalogueItem) -> dict:
        return {
            name: getattr(item, name)
            for name in (
                "category",
                "subcategory",
                "elements",
                "basis",
                "periodicity",
                "limit_amount",
                "limit_unit",
                "responsible_unit",
                "owner",
                "channels",
                "audience",
                "mode",
                "level",
                "since",
            )
        }


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.title}（{obj.number}）" if obj.number else obj.title


class LinkDocumentForm(Form):
    """Validated against every linkable document; shown with the matches of the staff member's words
    (``show_only``), as radio buttons: an agency has thousands of documents, no select can list them."""

    document = DocumentChoiceField(
        label=_("Documents found"), queryset=Document.objects.none(), widget=forms.RadioSelect
    )
    q = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, item: CatalogueItem, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["document"]
        assert isinstance(field, DocumentChoiceField)
        field.queryset = linkable_documents(item)

    def show_only(self, documents: list[Document]) -> None:
        field = self.fields["document"]
        assert isinstance(field, DocumentChoiceField)
        field.queryset = Document.objects.filter(pk__in=[d.pk for d in documents]).order_by(
            "-formed_on", "-id"
        )


class UnlinkDocumentForm(Form):
    document = forms.IntegerField(widget=forms.HiddenInput)


class RetireItemForm(Form):
    on = forms.DateField(label=_("Retired on"), widget=DATE)
    reason = VisibleCharField(label=_("Reason"), max_length=500)
