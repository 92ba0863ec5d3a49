from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeneficiariesConfig(AppConfig):
    name = "beneficiaries"
    verbose_name = _("Ωφελούμενοι")

    def ready(self) -> None:
        from beneficiaries import audit
        from beneficiaries.subject_access import case_file, consultations

        audit.register_models()
        case_file.register()
        consultations.register()
