from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Αναφορές")

    def ready(self) -> None:
        from community_centre.audit import register
        from reporting import models

        # The signed JSON text is long and never changes: the audit trail names the row only.
        register(models.SignedReport, exclude=("document",))
        register(models.Reopening)
