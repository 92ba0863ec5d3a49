"""Every model of the case file is recorded by django-auditlog."""

from community_centre.audit import register


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
        models.Rectification,
        models.LegalHoldChange,
        models.RetentionPolicy,
    ):
        register(model, exclude=("search_key", "search_terms"))
