"""No lost updates: every edit form carries the version of the record it was opened at.

The version is the record's `updated_at` (auto_now). An edit form gets it as a hidden field
(`VersionedForm`); the action that saves locks the row and compares (`lock_unchanged`) in the
transaction of the save, so nothing can slip in between the check and the save. A stale,
missing or malformed version raises `StaleVersion` with the row as it is now: the view shows the
form again, with what was typed and the current version, and says who changed what.

    class NeedForm(VersionedForm, forms.ModelForm): ...

    @transaction.atomic
    def need_update(*, need, expected_version, actor):
        lock_unchanged(Need, need.pk, expected_version)  # StaleVersion if it changed
        need.full_clean()
        need.save()

    except StaleVersion as conflict:
        form.carry_version(conflict.version)  # a second, deliberate save applies the form
"""

from __future__ import annotations

from datetime import UTC, datetime

from django import forms
from django.db import models

VERSION_FIELD = "version"


def format_version(value: datetime) -> str:
    """The exact text of a version: ISO 8601 in UTC with microseconds (nothing is rounded)."""
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def parse_version(value: object) -> datetime | None:
    """The version written by `format_version`, or None for anything else (never raises)."""
    if isinstance(value, datetime):
        text = format_version(value) if value.tzinfo else ""
    else:
        text = str(value or "").strip()
    try:
        parsed = datetime.fromisoformat(text)
        return parsed.astimezone(UTC) if parsed.tzinfo else None
    except (ValueError, OverflowError):  # not a date, or out of range once moved to UTC
        return None


class VersionField(forms.Field):
    """The hidden version of the record being edited; a bad or absent value cleans to None.

    forms.DateTimeField would render through the input formats of the language and could
    round the value; this field keeps the exact timestamp. It never shows an error of its own:
    an unusable version is refused by `lock_unchanged` like a stale one.
    """

    widget = forms.HiddenInput

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value: object) -> object:
        return format_version(value) if isinstance(value, datetime) and value.tzinfo else value

    def to_python(self, value: object) -> datetime | None:
        return parse_version(value)


class VersionedForm:
    """Mixin of an edit form: a hidden `version` field, set to the record's `updated_at`.

    A ModelForm gets it for a saved instance only (a form that creates has nothing to lock);
    another form names its record by overriding `versioned_record`.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        record = self.versioned_record()
        if record is not None and record.pk is not None:
            self.fields[VERSION_FIELD] = VersionField()
            if not self.is_bound:
                self.initial[VERSION_FIELD] = record.updated_at

    def versioned_record(self) -> models.Model | None:
        """The record whose version the form carries."""
        return getattr(self, "instance", None)

    @property
    def expected_version(self) -> datetime | None:
        """The version the form was opened at (None if absent or malformed); after is_valid()."""
        return self.cleaned_data.get(VERSION_FIELD)

    def carry_version(self, version: datetime) -> None:
        """Keep what was typed but carry `version`, so that saving again is a deliberate choice
        to apply the form over what is saved now."""
        data = self.data.copy()
        data[self.add_prefix(VERSION_FIELD)] = format_version(version)
        self.data = data


class StaleVersion(Exception):
    """The record changed since the form was opened, or the form carried no usable version.

    `current` is the locked row as it is now; `expected` the version the form carried (None
    when absent or malformed); `changes`, for the page, what was changed since (the app that
    reads the audit log fills it in). Nothing was saved.
    """

    def __init__(self, current: models.Model, expected: datetime | None) -> None:
        super().__init__(f"stale version of {current._meta.label} {current.pk}")
        self.current = current
        self.expected = expected
        self.changes: list = []

    @property
    def version(self) -> datetime:
        """The version of the record now: what the refused form carries from now on."""
        return self.current.updated_at

    @property
    def since(self) -> datetime | None:
        """The real version the form was opened at; None if it carried none or a later one."""
        if self.expected is not None and self.expected < self.version:
            return self.expected
        return None


def lock_unchanged(
    model_or_qs: type[models.Model] | models.QuerySet, pk: object, expected: datetime | None
) -> models.Model:
    """The row `pk`, locked (SELECT … FOR UPDATE) until the transaction ends, if its
    `updated_at` is still `expected`; `StaleVersion` with the current row otherwise.

    Call it inside the transaction.atomic of the save, before validating and saving.
    """
    if isinstance(model_or_qs, models.QuerySet):
        queryset = model_or_qs
    else:
        queryset = model_or_qs._default_manager.all()
    current = queryset.select_for_update(of=("self",)).get(pk=pk)
    if expected is None or current.updated_at != expected:
        raise StaleVersion(current, expected)
    return current
