"""Who consulted and who changed the file: every access-log row about the person and the
django-auditlog trail of the file and its records, the staff named by role (roles.py: CJEU
C-579/21 gives the person the dates and purposes of consultations, not the employees' names)."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beneficiaries.history import changes_of, describe_changes
from beneficiaries.models import Beneficiary
from beneficiaries.subject_access.registry import register_part
from beneficiaries.subject_access.values import NAMED_STAFF, Group, Record, item, staff_roles
from community_centre.models import AccessLog

ACTIONS = {
    LogEntry.Action.CREATE: "create",
    LogEntry.Action.UPDATE: "update",
    LogEntry.Action.DELETE: "delete",
    LogEntry.Action.ACCESS: "access",
}
ACTION_LABELS = {
    "create": gettext_lazy("Δημιουργία"),
    "update": gettext_lazy("Αλλαγή"),
    "delete": gettext_lazy("Διαγραφή"),
    "access": gettext_lazy("Πρόσβαση"),
}


def consultations(beneficiary: Beneficiary) -> list[Record]:
    """Every read of the person's data, oldest first: of their file, and of the lists and
    searches that showed them (what those searched for is left out: it may name others)."""
    roles = staff_roles()
    rows = AccessLog.objects.about(beneficiary.pk).order_by("at", "pk")
    records = []
    for row in rows.iterator(chunk_size=2000):
        own = row.beneficiary_id == beneficiary.pk
        detail = row.detail if own else _("Εμφανίστηκε σε λίστα ή αποτελέσματα αναζήτησης")
        items = [
            item("at", _("Πότε"), row.at),
            item("role", _("Ρόλος"), roles.role_at(row.user_id, row.at)),
            item("action", _("Ενέργεια"), row.action, row.get_action_display()),
            item("detail", _("Τι"), detail),
            item("purpose", _("Σκοπός"), row.purpose),
        ]
        items[2].coded = True
        records.append(Record(row.get_action_display(), items))
    return records


def changes(beneficiary: Beneficiary) -> list[Record]:
    """Every recorded change of the file and of its records (deleted ones too), oldest first."""
    roles = staff_roles()
    entries = list(changes_of(beneficiary).order_by("timestamp", "pk"))
    describe_changes(entries)
    return [_change(entry, roles) for entry in entries]


def _change(entry: LogEntry, roles) -> Record:
    action = ACTIONS.get(entry.action, str(entry.action))
    record_type = capfirst(str(entry.content_type.name))
    nobody = _("Το σύστημα")
    items = [
        item("at", _("Πότε"), entry.timestamp),
        item("role", _("Ρόλος"), roles.role_at(entry.actor_id, entry.timestamp, nobody=nobody)),
        item("action", _("Ενέργεια"), action, str(ACTION_LABELS.get(action, action))),
        item("record_type", _("Είδος εγγραφής"), entry.content_type.model, record_type),
        item("record", _("Εγγραφή"), entry.object_repr),
    ]
    items[2].coded = items[3].coded = True
    staff = _staff_fields(entry, roles)
    fields = []
    for label, old, new in entry.described:
        old, new = staff.get(str(label), (_plain(old), _plain(new)))
        if old == new:
            continue
        values = [item("field", _("Πεδίο"), capfirst(str(label)))]
        if entry.action != LogEntry.Action.CREATE:
            values.append(item("old", _("Πριν"), old))
        values.append(item("new", _("Μετά"), new))
        fields.append(Record(capfirst(str(label)), values))
    title = f"{ACTION_LABELS.get(action, action)}: {record_type}"
    # A creation's values are those of the record, printed in its part (and all in the JSON).
    note = "—" if entry.action == LogEntry.Action.CREATE else ""
    return Record(title, items, [Group("changes", _("Τιμές"), fields, note)])


def _staff_fields(entry: LogEntry, roles) -> dict[str, tuple]:
    """{label: (old, new)} of the entry's fields that name a member of staff who typed the
    record in: given by role, as everywhere in the export (values.NAMED_STAFF are named)."""
    model = entry.content_type.model_class()
    found = {}
    for name, change in (entry.changes_dict or {}).items():
        model_field = _field(model, name)
        if model_field is None or model_field.related_model is not _user_model():
            continue
        if name in NAMED_STAFF or not isinstance(change, list | tuple):
            continue
        old, new = (_role_of(roles, value, entry.timestamp) for value in change)
        found[str(model_field.verbose_name)] = (old, new)
    return found


def _role_of(roles, value, moment) -> str | None:
    if value in (None, "None", ""):
        return None
    try:
        return roles.role_at(int(value), moment)
    except (TypeError, ValueError):
        return None


def _field(model, name: str):
    try:
        return model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None


def _user_model():
    return get_user_model()


def _plain(value) -> str | None:
    return None if value in (None, "None", "") else str(value)


def register() -> None:
    """Called by BeneficiariesConfig.ready(): last in the export."""
    register_part(
        "consultations",
        gettext_lazy("Ποιος είδε τα στοιχεία (προβολές)"),
        consultations,
        order=900,
        layout="lines",
        merge_repeats=True,
        note=gettext_lazy(
            "Όσες φορές το ίδιο στέλεχος είδε το ίδιο την ίδια ημέρα, σε μία γραμμή με κάθε ώρα· "
            "κάθε προβολή χωριστά είναι στο JSON."
        ),
    )
    register_part(
        "changes",
        gettext_lazy("Ποιος άλλαξε τα στοιχεία (αλλαγές)"),
        changes,
        order=910,
        layout="lines",
        note=gettext_lazy(
            "Μιας νέας εγγραφής οι τιμές είναι αυτές που τυπώνονται στην ενότητά της· όλες οι "
            "τιμές κάθε αλλαγής είναι και στο JSON."
        ),
    )
