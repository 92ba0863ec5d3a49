"""Every model with `ChoiceLabels` shows the same labels as Django's `get_FOO_display()`."""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.utils import translation

from community_centre.choice_labels import ChoiceLabels


def test_the_labels_are_django_s_for_every_value_and_language():
    checked = 0
    for model in apps.get_models():
        if not issubclass(model, ChoiceLabels):
            continue
        for field in model._meta.concrete_fields:
            if not field.choices:
                continue
            for value in [key for key, _ in field.flatchoices] + ["unknown", None]:
                item = model(**{field.attname: value})
                for language in ("el", "en"):
                    with translation.override(language):
                        ours = getattr(item, f"get_{field.name}_display")()
                        django = models.Model._get_FIELD_display(item, field)
                    assert ours == django and type(ours) is type(django)
                    checked += 1
    assert checked > 100
