"""The pages of a partner body's staff (role PARTNER): the inbox of the referrals sent to their
body, each referral with only what was disclosed to the body, its answers (accepted, declined,
completed, did not attend) and its printed slip. Every view is marked `partner_page` (the
PartnerBoundaryMiddleware answers 403 to a partner everywhere else), fetches through
`Referral.objects.visible_to` (another body's referral: 404) and writes the access log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from community_centre.audit import log_access
from community_centre.models import AccessLog
from community_centre.pdf import pdf_response
from community_centre.roles import partner_page
from community_centre.versions import StaleVersion
from referrals.actions import referral as actions
from referrals.actions.slip import slip_issue
from referrals.exceptions import ReferralError
from referrals.forms import ReferralMoveForm, show_problems
from referrals.models import Disclosed, Referral
from referrals.rectification import corrected, corrected_name, partner_corrections
from referrals.views.slip import slip_filename, stored_slip

Status = Referral.Status
ANSWER = "referrals.answer_referral"
PER_PAGE = 25
# The inbox's three groups: new (waiting for the body's answer), accepted (waiting for the
# outcome), closed (answered for good, or revoked by the Centre).
GROUPS = {
    "new": (gettext_lazy("Νέες"), [Status.SENT]),
    "accepted": (gettext_lazy("Σε εξέλιξη"), [Status.ACCEPTED]),
    "closed": (gettext_lazy("Κλειστές"), Referral.FINAL_STATUSES),
}


def get_partner_referral(request: HttpRequest, pk: int) -> Referral:
    """A referral sent to the user's body (404 otherwise: another body's, a draft, none)."""
    queryset = Referral.objects.visible_to(request.user).select_related(
        "body", "service", "referred_by"
    )
    return get_object_or_404(queryset, pk=pk)


def shown_name(referral: Referral) -> str:
    """The person's name as the body was sent it, if it was and the body may still read it."""
    if not referral.body_sees_snapshot:
        return ""
    return referral.snapshot.get("values", {}).get(Disclosed.NAME, "")


@partner_page
@require_GET
@permission_required(ANSWER, raise_exception=True)
def inbox(request: HttpRequest) -> HttpResponse:
    group = request.GET.get("show") if request.GET.get("show") in GROUPS else "new"
    mine = Referral.objects.visible_to(request.user)
    by_status = dict(mine.order_by().values_list("status").annotate(n=Count("pk")))
    counts = {key: sum(by_status.get(s, 0) for s in statuses)
              for key, (_label, statuses) in GROUPS.items()}  # fmt: skip
    listed = mine.filter(status__in=GROUPS[group][1]).select_related("service")
    page = Paginator(listed.order_by("-sent_at", "-pk"), PER_PAGE).get_page(request.GET.get("page"))
    rows = [(referral, shown_name(referral)) for referral in page]
    log_access(request, None, AccessLog.Action.VIEW_LIST, _("Παραπομπές προς τον φορέα"),
               shown=[r.beneficiary_id for r, name in rows if name])  # fmt: skip
    context = {
        "group": group,
        "groups": [(key, label, counts[key]) for key, (label, _s) in GROUPS.items()],
        "page": page,
        "rows": rows,
        "body": getattr(getattr(request.user, "partner_membership", None), "body", None),
    }
    return render(request, "referrals/partner_inbox.html", context)


@partner_page
@require_GET
@permission_required(ANSWER, raise_exception=True)
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = get_partner_referral(request, pk)
    return _page(request, referral, ReferralMoveForm(referral=referral))


def _page(request: HttpRequest, referral: Referral, form: ReferralMoveForm) -> HttpResponse:
    """The referral as the body sees it; logged, since it may show the person's data."""
    log_access(request, referral.beneficiary_id, AccessLog.Action.VIEW_SECTION,
               _("Παραπομπή %s (φορέας)") % referral.protocol)  # fmt: skip
    visible = referral.body_sees_snapshot
    corrections = partner_corrections(request, referral)
    context = {
        "referral": referral,
        "visible": visible,
        "items": corrected(referral.disclosed_items(), corrections) if visible else [],
        "name": corrected_name(shown_name(referral), corrections),
        "history": referral.history.all(),
        "moves": [s for s in Referral.BODY_ANSWERS if visible and referral.can_move_to(s)],
        "form": form,
        "corrections": corrections,
    }
    return render(request, "referrals/partner_detail.html", context)


@partner_page
@require_POST
@permission_required(ANSWER, raise_exception=True)
def partner_move(request: HttpRequest, pk: int) -> HttpResponse:
    referral = get_partner_referral(request, pk)
    form = ReferralMoveForm(request.POST, referral=referral)
    if not referral.body_sees_snapshot:
        messages.error(request, _("Η παραπομπή ανακλήθηκε· δεν δέχεται πια απάντηση."))
        return redirect("referrals:partner_detail", pk=pk)
    if not form.is_valid():
        messages.error(request, _("Η απάντηση δεν καταχωρίστηκε: δείτε τι λείπει."))
        return _page(request, referral, form)
    data = form.cleaned_data
    try:
        moved = actions.referral_move(
            referral=referral, to_status=data["to_status"],
            expected_version=form.expected_version, note=data["note"],
            confirmed=bool(data["confirm"]), actor=request.user,
        )  # fmt: skip
    except StaleVersion:
        return _changed_meanwhile(request, pk, data["to_status"])
    except ReferralError as exc:
        show_problems(form, exc)
        messages.error(request, str(exc))
        return _page(request, referral, form)
    messages.success(request, _("Η απάντηση καταχωρίστηκε: η παραπομπή είναι τώρα «%s».")
                     % moved.get_status_display())  # fmt: skip
    return redirect("referrals:partner_detail", pk=pk)


def _changed_meanwhile(request: HttpRequest, pk: int, to_status: str) -> HttpResponse:
    """Someone moved the referral since the page was opened: nothing is saved. A second click
    of the same button finds its own move done and says so; anything else is told apart."""
    current = get_partner_referral(request, pk)
    last = current.history.first()
    if current.status == to_status and last is not None and last.actor_id == request.user.pk:
        messages.info(request, _("Η απάντηση είχε ήδη καταχωριστεί."))
    else:
        messages.warning(
            request,
            _("Η παραπομπή άλλαξε στο μεταξύ και είναι τώρα «%s». Δεν αποθηκεύτηκε τίποτα· "
              "δείτε την και απαντήστε ξανά αν χρειάζεται.") % current.get_status_display(),
        )  # fmt: skip
    return redirect("referrals:partner_detail", pk=pk)


@partner_page
@require_GET
@permission_required(ANSWER, raise_exception=True)
def partner_slip(request: HttpRequest, pk: int) -> HttpResponse:
    """The printed slip, as the Centre gave it; not once the body may no longer read it."""
    referral = get_partner_referral(request, pk)
    if not referral.body_sees_snapshot:
        raise Http404
    slip = slip_issue(referral=referral, actor=request.user)
    log_access(request, referral.beneficiary_id, AccessLog.Action.PRINT,
               _("Παραπεμπτικό σημείωμα %s (φορέας)") % referral.protocol)  # fmt: skip
    return pdf_response(stored_slip(slip), slip_filename(referral))
