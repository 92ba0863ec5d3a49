from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    name = "requests"
    verbose_name = _("Αιτήματα")

    def ready(self) -> None:
        from community_centre.audit import register
        from community_centre.calendar import register_due_date_recomputer
        from requests import deadlines, models

        register_due_date_recomputer(deadlines.recompute_open_due_dates)
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
            register(
                model, exclude=("submission_token",) if hasattr(model, "submission_token") else ()
            )
