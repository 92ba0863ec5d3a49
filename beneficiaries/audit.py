"""Every model of the case file is recorded by django-auditlog."""

from auditlog.registry import auditlog


def register_models() -> None:
    from beneficiaries import models

    for model in (
        models.Beneficiary,
        models.HouseholdMember,
        models.Representative,
        models.Consent,
        models.Document,
        models.DocumentType,
        models.CaseNote,
        models.Need,
        models.NeedCategory,
        models.CaseStatusChange,
    ):
        auditlog.register(model, exclude_fields=["search_key", "intake_token"])
