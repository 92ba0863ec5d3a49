from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeneficiariesConfig(AppConfig):
    name = "beneficiaries"
    verbose_name = _("Ωφελούμενοι")

    def ready(self) -> None:
        from beneficiaries import audit
        from beneficiaries.subject_access import case_file, consultations
        from community_centre.encrypted_fields import register_encrypted_field

        audit.register_models()
        # A register import's file stays in the database until the import ends (or 90 days).
        register_encrypted_field("beneficiaries.ImportRun", "content")
        case_file.register()
        consultations.register()
