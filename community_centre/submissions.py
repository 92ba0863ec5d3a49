"""One submission, one record: the one mechanism against double submission.

Every form that creates something is a `OnceForm`: it carries a hidden one-time token, made when
the page is drawn. The view saves inside `submitted_once(form.token)`, which takes a PostgreSQL
advisory lock named by the token for the rest of the transaction and looks the token up in the
`Submission` table. A second submission of the same page (a double click, a resubmitted page,
four racing requests) waits until the first has committed, finds what it saved, and lands on
it with `already_saved()` instead of failing or saving a second copy:

    form = NoteForm(posted(request))
    if form.is_bound:
        with submitted_once(form.token) as once:
            if once.earlier is not None:
                return already_saved(request, home(once.earlier))
            if form.is_valid():
                note = once.keep(actions.note_create(..., actor=request.user))
                return redirect(home(note))
    return render(...)

A missing or tampered token counts as no token: the form saves normally, only without this
protection (a browser always sends the token it was given). The lookup comes before the form is
validated, because the second copy of a form that was saved is often no longer valid (the AMKA
is now taken, the appointment's slot is now busy).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.http import HttpRequest, HttpResponseRedirect, QueryDict
from django.utils.translation import gettext_lazy as _

TOKEN_FIELD = "submission_token"
# The one answer to a second submission, the same on every form.
ALREADY_SAVED = _("Η καταχώριση είχε ήδη αποθηκευτεί.")
# An arbitrary constant that keeps these locks apart from any other use of advisory locks.
_NAMESPACE = 0x5C0C  # "SUBmission"

Saved = TypeVar("Saved", bound=models.Model)


class Submission(models.Model):
    """What the submission of a form with a one-time token saved: any record, by type and id."""

    token = models.UUIDField(primary_key=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    saved = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("υποβολή φόρμας")
        verbose_name_plural = _("υποβολές φορμών")

    def __str__(self) -> str:
        return str(self.token)


def parse_token(value: object) -> uuid.UUID | None:
    """The token of a submitted form, or None when it is absent or tampered with."""
    try:
        return uuid.UUID(str(value)) if value else None
    except (ValueError, TypeError, AttributeError):
        return None


class SubmissionTokenField(forms.UUIDField):
    """The hidden one-time token; never an error: a bad value is no token (None)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs) -> None:
        super().__init__(required=False, **kwargs)

    def to_python(self, value: object) -> uuid.UUID | None:
        return parse_token(value)

    def has_changed(self, initial, data) -> bool:
        return False  # a new token is no change: an untouched row of a formset stays empty


class OnceForm:
    """Mixin of a form that creates something: a hidden one-time `submission_token`, new each
    time the page is drawn and sent back as it was when the page is shown again."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields[TOKEN_FIELD] = SubmissionTokenField()
        if not self.is_bound:
            self.initial[TOKEN_FIELD] = uuid.uuid4()

    @property
    def token(self) -> uuid.UUID | None:
        """The token the submitted form carried (None if unbound, absent or malformed)."""
        if not self.is_bound:
            return None
        return parse_token(self.data.get(self.add_prefix(TOKEN_FIELD)))


def posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data of a POST (even an empty one, so that it is validated), else None."""
    return request.POST if request.method == "POST" else None


def posted_files(request: HttpRequest):
    """The uploaded files of a POST, else None."""
    return request.FILES if request.method == "POST" else None


def hold_submission(token: uuid.UUID | None) -> None:
    """Until the transaction ends, be the only one handling submissions with `token`.

    Call inside transaction.atomic(), before looking for what the token already saved.
    """
    if token is None:
        return
    key = int.from_bytes(token.bytes[:4], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_NAMESPACE, key])


@dataclass
class Once:
    """One submission being handled: what its token saved before (`earlier`), if anything."""

    token: uuid.UUID | None
    earlier: models.Model | None

    def keep(self, saved: Saved) -> Saved:
        """Remember that this submission saved `saved`; returns it."""
        if self.token is not None:
            Submission.objects.update_or_create(
                token=self.token,
                defaults={
                    "content_type": ContentType.objects.get_for_model(saved),
                    "object_id": saved.pk,
                },
            )
        return saved


@contextmanager
def submitted_once(token: uuid.UUID | None) -> Iterator[Once]:
    """One transaction for a submission: the token's lock, and what the token saved before.

    Everything the view saves inside the block commits together with the token's row; an error
    that leaves the block rolls both back.
    """
    with transaction.atomic():
        hold_submission(token)
        yield Once(token, earlier=_saved_by(token))


def _saved_by(token: uuid.UUID | None) -> models.Model | None:
    """The record the token saved, unless it was deleted since (then it may be saved again)."""
    if token is None:
        return None
    row = Submission.objects.select_related("content_type").filter(token=token).first()
    model = row.content_type.model_class() if row is not None else None
    if model is None:
        return None
    return model._base_manager.filter(pk=row.object_id).first()


def already_saved(request: HttpRequest, url: str) -> HttpResponseRedirect:
    """The answer to a second submission: to `url`, where the record saved first is shown."""
    messages.info(request, ALREADY_SAVED)
    return HttpResponseRedirect(url)
