"""Reads of group activities and events: the access gate (`visible_to`), upcoming and past
events, a day's events.

An event names no one by itself, but its attendance list names people: events and their
attendees are read only by the Centre's caseworkers (social workers and the coordinator), as
every record of a case file; administrators and partner bodies see none of them."""

from __future__ import annotations

from datetime import date

from django.db import models

from community_centre.roles import can_read_case_files


class EventQuerySet(models.QuerySet):
    def visible_to(self, user) -> EventQuerySet:
        return self if can_read_case_files(user) else self.none()

    def upcoming(self, today: date) -> EventQuerySet:
        """From today on, the nearest first (event_day)."""
        return self.filter(held_on__gte=today).order_by("held_on", "starts_at", "pk")

    def past(self, today: date) -> EventQuerySet:
        """Before today, the latest first (event_day)."""
        return self.filter(held_on__lt=today).order_by("-held_on", "-starts_at", "-pk")

    def on(self, day: date) -> EventQuerySet:
        return self.filter(held_on=day)


class EventAttendanceQuerySet(models.QuerySet):
    def visible_to(self, user) -> EventAttendanceQuerySet:
        return self if can_read_case_files(user) else self.none()
