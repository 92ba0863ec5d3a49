from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    name = "requests"
    verbose_name = _("Αιτήματα")

    def ready(self) -> None:
        from beneficiaries.retention.registry import register_anonymiser
        from beneficiaries.sections import register_section
        from community_centre.audit import register
        from community_centre.calendar import register_due_date_recomputer
        from requests import case_file, deadlines, models, retention, subject_access

        register_due_date_recomputer(deadlines.recompute_open_due_dates)
        register_section("requests/includes/case_file_requests.html", case_file.case_file_requests)
        subject_access.register()
        for model in (
            models.AssistanceRequest,
            models.RequestStatusChange,
            models.RequestCategory,
            models.InformationRequest,
            models.StatusLetter,
            models.DocumentRequest,
            models.DocumentRequestItem,
            models.Appointment,
        ):
            register(model)
        register_anonymiser("requests", _("Αιτήματα"), retention.anonymise_requests)
