"""Individual sessions with a person (συνεδρίες): employment counselling, psychosocial support,
information on benefits, social inquiry, home visit; one at a time or as a planned series.

The kind is a fixed list of codes (`SessionKind`), not an editable table: they are the services
the Centre reports to the national information system (Ε.Π.Σ.), and the monthly report counts
«sessions by type» by these codes. A new kind is a change of the report too, so it is a change of
code; the labels stay translatable.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from beneficiaries.models.base import CaseRecord
from community_centre.choices import ColoredChoices
from services.session_querysets import (
    HOLDING_STATUS_VALUES,
    SessionQuerySet,
    SessionSeriesQuerySet,
)

MIN_MINUTES = 5
MAX_MINUTES = 480
MAX_SERIES = 52


class SessionKind(models.TextChoices):
    """What a session is; the code is what reports count by."""

    EMPLOYMENT = "employment", _("Συμβουλευτική απασχόλησης")
    PSYCHOSOCIAL_CHILD = "psychosocial_child", _("Ψυχοκοινωνική υποστήριξη παιδιού")
    PSYCHOSOCIAL_ADULT = "psychosocial_adult", _("Ψυχοκοινωνική υποστήριξη ενήλικα")
    PSYCHOSOCIAL_FAMILY = "psychosocial_family", _("Ψυχοκοινωνική υποστήριξη οικογένειας")
    BENEFITS_INFORMATION = "benefits_information", _("Ενημέρωση για παροχές και επιδόματα")
    SOCIAL_INQUIRY = "social_inquiry", _("Κοινωνική έρευνα")
    HOME_VISIT = "home_visit", _("Κατ' οίκον επίσκεψη")


class SessionSpan(models.Func):
    """tsrange(date + start_time, date + start_time + duration minutes): the local time a
    session takes, for the exclusion constraint (all of it immutable, so it can be indexed)."""

    output_field = DateTimeRangeField()

    def as_sql(self, compiler, connection, **extra):
        (day, day_params), (start, start_params), (minutes, minutes_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        begins = f"({day} + {start})"
        sql = f"TSRANGE({begins}, {begins} + make_interval(mins => {minutes}))"
        return sql, [*day_params, *start_params, *day_params, *start_params, *minutes_params]


class SessionSeries(CaseRecord):
    """A planned series of sessions of one kind for one person (e.g. eight psychosocial ones)."""

    class Unit(models.TextChoices):
        DAYS = "days", _("ημέρες")
        WEEKS = "weeks", _("εβδομάδες")

    class OnClosedDay(models.TextChoices):
        SKIP = "skip", _("Παραλείπεται (η σειρά συνεχίζει στην επόμενη κανονική ημερομηνία)")
        NEXT_WORKING_DAY = "next", _("Μεταφέρεται στην επόμενη εργάσιμη")

    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.PROTECT,
        related_name="session_series",
        verbose_name=_("ωφελούμενος"),
    )
    kind = models.CharField(_("είδος"), max_length=30, choices=SessionKind.choices)
    first_date = models.DateField(_("πρώτη ημερομηνία"))
    start_time = models.TimeField(_("ώρα έναρξης"))
    duration_minutes = models.PositiveSmallIntegerField(_("διάρκεια (λεπτά)"))
    count = models.PositiveSmallIntegerField(_("αριθμός συνεδριών"))
    every = models.PositiveSmallIntegerField(_("κάθε"))
    unit = models.CharField(_("μονάδα"), max_length=5, choices=Unit.choices, default=Unit.WEEKS)
    on_closed_day = models.CharField(
        _("όταν πέφτει σε αργία ή Σαββατοκύριακο"),
        max_length=5,
        choices=OnClosedDay.choices,
        default=OnClosedDay.NEXT_WORKING_DAY,
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("κοινωνικός/ή λειτουργός"),
    )
    assistance_request = models.ForeignKey(
        "requests.AssistanceRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="session_series",
        verbose_name=_("για το αίτημα"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("καταχώριση"),
    )
    created_at = models.DateTimeField(_("καταχωρίστηκε"), auto_now_add=True)

    objects = SessionSeriesQuerySet.as_manager()

    class Meta:
        verbose_name = _("σειρά συνεδριών")
        verbose_name_plural = _("σειρές συνεδριών")
        ordering = ["-first_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(count__gte=1, count__lte=MAX_SERIES),
                name="session_series_count_bounds",
                violation_error_message=_("Μια σειρά έχει από 1 έως 52 συνεδρίες."),
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=MIN_MINUTES, duration_minutes__lte=MAX_MINUTES),
                name="session_series_duration_bounds",
                violation_error_message=_("Η διάρκεια είναι από 5 έως 480 λεπτά."),
            ),
            models.CheckConstraint(
                condition=Q(every__gte=1),
                name="session_series_every_positive",
                violation_error_message=_("Το διάστημα της σειράς είναι τουλάχιστον 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} × {self.count} ({self.first_date:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("services:series_detail", args=[self.pk])

    @property
    def rhythm(self) -> str:
        """«κάθε εβδομάδα», «κάθε 2 εβδομάδες», «κάθε ημέρα», «κάθε 3 ημέρες»."""
        if self.unit == self.Unit.WEEKS:
            return ngettext("κάθε εβδομάδα", "κάθε %(n)d εβδομάδες", self.every) % {"n": self.every}
        return ngettext("κάθε ημέρα", "κάθε %(n)d ημέρες", self.every) % {"n": self.every}

    @property
    def step(self) -> timedelta:
        return timedelta(days=self.every * (7 if self.unit == self.Unit.WEEKS else 1))


class CounsellingSession(CaseRecord):
    """One individual session of a worker with a person, planned or held."""

    class Status(ColoredChoices):
        PLANNED = "planned", _("Προγραμματισμένη")
        HELD = "held", _("Πραγματοποιήθηκε")
        CANCELLED = "cancelled", _("Ακυρώθηκε")
        DID_NOT_ATTEND = "did_not_attend", _("Δεν προσήλθε")

        COLORS = enum.nonmember(
            {
                "planned": "primary",
                "held": "success",
                "cancelled": "secondary",
                "did_not_attend": "warning",
            }
        )

    # Held and did-not-attend may be swapped to correct a slip; a cancelled session may be
    # planned again (its worker's time is checked anew).
    TRANSITIONS: dict[str, set[str]] = {
        Status.PLANNED: {Status.HELD, Status.CANCELLED, Status.DID_NOT_ATTEND},
        Status.HELD: {Status.DID_NOT_ATTEND},
        Status.DID_NOT_ATTEND: {Status.HELD},
        Status.CANCELLED: {Status.PLANNED},
    }

    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("ωφελούμενος"),
    )
    assistance_request = models.ForeignKey(
        "requests.AssistanceRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("για το αίτημα"),
    )
    series = models.ForeignKey(
        SessionSeries,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("σειρά"),
    )
    series_position = models.PositiveSmallIntegerField(_("α/α στη σειρά"), null=True, blank=True)
    kind = models.CharField(_("είδος"), max_length=30, choices=SessionKind.choices)
    # A plain local date (Europe/Athens): the monthly counts group and filter on it.
    date = models.DateField(_("ημερομηνία"))
    start_time = models.TimeField(_("ώρα έναρξης"))
    duration_minutes = models.PositiveSmallIntegerField(_("διάρκεια (λεπτά)"))
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="counselling_sessions",
        verbose_name=_("κοινωνικός/ή λειτουργός"),
    )
    status = models.CharField(
        _("κατάσταση"), max_length=15, choices=Status.choices, default=Status.PLANNED
    )
    notes = models.TextField(_("σημειώσεις"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("καταχώριση"),
    )
    created_at = models.DateTimeField(_("καταχωρίστηκε"), auto_now_add=True)
    # The version every edit and mark carries (community_centre.versions).
    updated_at = models.DateTimeField(_("τελευταία αλλαγή"), auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("συνεδρία")
        verbose_name_plural = _("συνεδρίες")
        ordering = ["-date", "-start_time", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=MIN_MINUTES, duration_minutes__lte=MAX_MINUTES),
                name="session_duration_bounds",
                violation_error_message=_("Η διάρκεια είναι από 5 έως 480 λεπτά."),
            ),
            models.CheckConstraint(
                condition=Q(series__isnull=True, series_position__isnull=True)
                | Q(series__isnull=False, series_position__gte=1),
                name="session_series_position",
                violation_error_message=_("Μια συνεδρία σειράς έχει τον αύξοντα αριθμό της."),
            ),
            models.UniqueConstraint(
                fields=["series", "series_position"],
                name="session_series_position_unique",
                violation_error_message=_("Η σειρά έχει ήδη συνεδρία με αυτόν τον αριθμό."),
            ),
            ExclusionConstraint(
                name="session_worker_not_double_booked",
                expressions=[
                    (
                        SessionSpan("date", "start_time", "duration_minutes"),
                        RangeOperators.OVERLAPS,
                    ),
                    ("worker", RangeOperators.EQUAL),
                ],  # fmt: skip
                condition=Q(status__in=HOLDING_STATUS_VALUES),
                violation_error_message=_("Ο/Η λειτουργός έχει ήδη συνεδρία αυτή την ώρα."),
            ),
        ]
        indexes = [
            models.Index(fields=["beneficiary", "date"], name="session_person_date"),
            models.Index(fields=["worker", "date"], name="session_worker_date"),
            models.Index(fields=["date", "start_time"], name="session_day"),
            # The monthly report: the people served in a period, by an index-only range scan.
            models.Index(
                fields=["date", "beneficiary"],
                condition=Q(status="held"),
                name="session_held_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.start_time:%H:%M} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("services:session_detail", args=[self.pk])

    def get_status_color(self) -> str:
        return self.Status.color_of(self.status)

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, set())

    @property
    def starts(self) -> datetime:
        """The local (naive) moment it begins."""
        return datetime.combine(self.date, self.start_time)

    @property
    def ends(self) -> datetime:
        return self.starts + timedelta(minutes=self.duration_minutes)

    @property
    def end_time(self) -> time:
        return self.ends.time()

    def is_upcoming_on(self, day: date) -> bool:
        return self.status == self.Status.PLANNED and self.date >= day
