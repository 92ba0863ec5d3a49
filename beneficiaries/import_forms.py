"""The forms of the register import screen: the file to upload, and the mapping of its columns
(one select per column, one per settlement name the system does not know)."""

from __future__ import annotations

import hashlib
import json

from django import forms
from django.utils.translation import gettext_lazy as _

from beneficiaries.importing.columns import (
    COLUMNS,
    IGNORE,
    REMARKS,
    UNDECIDED,
    ColumnMapping,
    field_label,
)
from community_centre.models import Settlement
from community_centre.submissions import OnceForm

MAX_UPLOAD_MB = 10
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
# The choice of a settlement select that leaves the people's settlement empty; "" is undecided.
NO_SETTLEMENT = "-"


class UploadForm(OnceForm, forms.Form):
    """The register file: CSV or XLSX, at most MAX_UPLOAD_MB."""

    file = forms.FileField(
        label=_("Αρχείο μητρώου"),
        help_text=_(
            "CSV ή XLSX, έως %(mb)d MB. Η πρώτη γραμμή με επικεφαλίδες είναι ο τίτλος των στηλών."
        )
        % {"mb": MAX_UPLOAD_MB},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            message = _("Το αρχείο είναι μεγαλύτερο από %(mb)d MB.")
            raise forms.ValidationError(message, code="too_big", params={"mb": MAX_UPLOAD_MB})
        return upload


def mapping_fingerprint(document: object) -> str:
    """A short fingerprint of a run's saved mapping (JSON), to tell a stale form."""
    text = json.dumps(document or {}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def target_choices() -> list[tuple[str, str]]:
    """Undecided first, then every case-file field by its Greek label, remarks, ignore."""
    fields = sorted(((name, field_label(name)) for name in COLUMNS), key=lambda c: c[1].lower())
    return [
        (UNDECIDED, str(_("— επιλέξτε —"))),
        *fields,
        (REMARKS, field_label(REMARKS)),
        (IGNORE, field_label(IGNORE)),
    ]


def settlement_choices(candidates) -> list[tuple[str, object]]:
    """Undecided, the candidates, «χωρίς οικισμό», then every settlement."""
    everything = [
        (s.code, f"{s.name} ({s.community})" if s.community else s.name)
        for s in Settlement.objects.order_by("name", "community")
    ]
    offered = [(c.code, c.label) for c in candidates]
    choices: list[tuple[str, object]] = [(UNDECIDED, str(_("— επιλέξτε —")))]
    if offered:
        choices.append((str(_("Πλησιέστεροι")), offered))
    choices.append((NO_SETTLEMENT, str(_("χωρίς οικισμό (να μείνει κενό)"))))
    choices.append((str(_("Όλοι οι οικισμοί")), everything))
    return choices


class MappingForm(forms.Form):
    """The target of each column of the run's file, and a settlement for each unknown name.

    Carries the mapping it was opened at (`seen`, a fingerprint): a second tab saving an older
    mapping is refused. (ImportRun has no updated_at, so community_centre.versions cannot
    serve; once it has, this becomes a VersionedForm.)"""

    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *, run, mapping: ColumnMapping, unknown=()) -> None:
        self.run = run
        self.column_mapping = mapping
        self.unknown = list(unknown)
        super().__init__(data, initial={"seen": mapping_fingerprint(run.mapping)})
        targets = target_choices()
        for index, title in enumerate(mapping.titles):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=title or _("(στήλη χωρίς τίτλο)"),
                choices=targets,
                required=False,
                initial=mapping.targets[index],
            )
        for number, place in enumerate(self.unknown):
            chosen = mapping.settlements.get(place.key)
            self.fields[f"place_{number}"] = forms.ChoiceField(
                label=place.text,
                choices=settlement_choices(place.candidates),
                required=False,
                widget=forms.Select(attrs={"class": "form-select"}),
                initial=UNDECIDED if chosen is None else (chosen or NO_SETTLEMENT),
            )

    @property
    def expected_version(self) -> str:
        return self.cleaned_data.get("seen") or ""

    def column_fields(self) -> list[tuple[int, forms.BoundField]]:
        return [(i, self[f"col_{i}"]) for i in range(len(self.column_mapping.titles))]

    def settlement_fields(self) -> list[tuple[object, forms.BoundField]]:
        return [(place, self[f"place_{n}"]) for n, place in enumerate(self.unknown)]

    def mapping(self) -> ColumnMapping:
        """The mapping as chosen (after is_valid())."""
        titles = self.column_mapping.titles
        targets = [self.cleaned_data.get(f"col_{i}") or UNDECIDED for i in range(len(titles))]
        settlements = dict(self.column_mapping.settlements)
        for number, place in enumerate(self.unknown):
            chosen = self.cleaned_data.get(f"place_{number}") or UNDECIDED
            if chosen == UNDECIDED:
                settlements.pop(place.key, None)
            else:
                settlements[place.key] = "" if chosen == NO_SETTLEMENT else chosen
        return ColumnMapping(titles=list(titles), targets=targets, settlements=settlements)


class RunForm(OnceForm, forms.Form):
    """The buttons of the preview: check every row, import, or import the valid rows only."""

    ACTIONS = ("check", "import", "valid_only")
    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
