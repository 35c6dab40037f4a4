"""The editors' curation page (/admin/curation/) and its counts on the admin's index.

What needs attention, each a link to the changelist filtered to it (``editorial.admin.CurationFilter``):
records due for review, without a source, published without their Japanese text, active partnerships
gone quiet; and likely duplicates (``editorial.duplicates``), each pair with a merge (``editorial.merge``).
The site composes the registers, so this is where they are named.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from directory.models import Locality, Organization
from editorial.curation import quiet_since, review_cutoff
from editorial.duplicates import dismiss, kind, likely_duplicates
from editorial.merge import MergeRefused, merge
from editorial.review import can_publish
from initiatives.models import Initiative
from partnerships.models import SubnationalPartnership
from people.models import Researcher

REGISTERS = [Initiative, Researcher, SubnationalPartnership]
DUPLICATES = [Organization, Researcher, Locality, Initiative]

# (filter value, label, the queryset of what needs attention); a register without the rule's field has none.
RULES = [
    ("review_due", _("not reviewed for %(months)s months, or never"), lambda qs: qs.review_due(review_cutoff())),
    ("unsourced", _("with no source"), lambda qs: qs.unsourced()),
    ("untranslated", _("published without their Japanese title or summary"), lambda qs: qs.untranslated()),
    ("quiet", _("active, with no activity for %(years)s years"), lambda qs: qs.quiet(quiet_since())),
]


@dataclass(frozen=True)
class Line:
    kind: str  # the register's name, plural
    label: str
    count: int
    url: str


def attention_lines(user):
    """One line per register and rule that applies to it, with its count. Queries: one COUNT a line."""
    lines = []
    for model in REGISTERS:
        if not user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
            continue
        for value, label, select in RULES:
            if value == "unsourced" and not any(f.name == "sources" for f in model._meta.fields):
                continue
            if value == "quiet" and not hasattr(model.objects, "quiet"):
                continue
            text = str(label) % {
                "months": settings.CURATION_REVIEW_AFTER_MONTHS,
                "years": settings.CURATION_QUIET_YEARS,
            }
            url = f"{changelist(model)}?curation={value}"
            lines.append(Line(model._meta.verbose_name_plural, text, select(model.objects.all()).count(), url))
    return lines


@dataclass(frozen=True)
class DuplicateSection:
    label: str  # "app_label.model_name", what the merge form posts
    kind: str
    change_url: str  # the admin's change page's URL name
    pairs: list
    total: int  # pairs of this kind in all; the most similar are shown
    can_merge: bool
    can_dismiss: bool


def duplicate_sections(user):
    """Likely duplicates of each kind the user may see, read from the pairs the triggers keep
    (``editorial.duplicates``): every record of each kind, current the moment an edit commits.
    Queries: two per kind."""
    sections = []
    for model in DUPLICATES:
        app, name = model._meta.app_label, model._meta.model_name
        if not user.has_perm(f"{app}.view_{name}"):
            continue
        pairs, total = likely_duplicates(
            model, threshold=settings.CURATION_DUPLICATE_SIMILARITY, limit=settings.CURATION_DUPLICATES_SHOWN
        )
        can_merge = user.has_perm(f"{app}.change_{name}") and user.has_perm(f"{app}.delete_{name}")
        sections.append(
            DuplicateSection(
                kind(model),
                model._meta.verbose_name_plural,
                f"admin:{app}_{name}_change",
                pairs,
                total,
                can_merge,
                can_dismiss=user.has_perm(f"{app}.change_{name}"),
            )
        )
    return sections


def changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def curation(request):
    context = {
        **admin.site.each_context(request),
        "title": gettext("Curation: what needs attention"),
        "lines": attention_lines(request.user),
        "duplicates": duplicate_sections(request.user),
        "similarity": settings.CURATION_DUPLICATE_SIMILARITY,
        "shown": settings.CURATION_DUPLICATES_SHOWN,
    }
    return TemplateResponse(request, "admin/curation.html", context)


def posted_model(request, *actions):
    """The kind of record the form posts, if the user may do ``actions`` ("change", "delete") to it."""
    model = {kind(m): m for m in DUPLICATES}.get(request.POST.get("model", ""))
    if model is None:
        raise Http404(gettext("No such kind of record."))
    app, name = model._meta.app_label, model._meta.model_name
    if not all(request.user.has_perm(f"{app}.{action}_{name}") for action in actions):
        raise PermissionDenied
    return model


@require_POST
def merge_duplicates(request):
    """Merge the posted ``drop`` record into ``keep`` (both of ``model``), then back to the curation page."""
    model = posted_model(request, "change", "delete")
    keep, drop = (record(model, request.POST.get(key)) for key in ("keep", "drop"))
    try:
        # The links of a published record are public: as any change to it, a reviewer makes it.
        if getattr(keep, "is_published", False) and not can_publish(request.user, model):
            raise MergeRefused(gettext("Only a reviewer can merge into a published record."))
        moved = merge(keep, drop)
    except MergeRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            gettext("Merged “%(drop)s” into “%(keep)s”: %(moved)s links moved; the history of both says so.")
            % {"drop": drop, "keep": keep, "moved": moved},
        )
    return HttpResponseRedirect(reverse("curation"))


@require_POST
def dismiss_duplicates(request):
    """Mark the posted pair of ``model`` "not a duplicate", then back to the curation page."""
    model = posted_model(request, "change")
    first, second = (record(model, request.POST.get(key)) for key in ("first", "second"))
    if not dismiss(model, first.pk, second.pk):
        raise Http404(gettext("No such pair."))
    messages.success(
        request,
        gettext("“%(first)s” and “%(second)s” are no longer listed as likely duplicates.")
        % {"first": first, "second": second},
    )
    return HttpResponseRedirect(reverse("curation"))


def record(model, pk):
    if not str(pk or "").isdigit():
        raise Http404(gettext("No such record."))
    try:
        return model._base_manager.get(pk=pk)
    except model.DoesNotExist:
        raise Http404(gettext("No such record.")) from None
