from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityCentreConfig(AppConfig):
    name = "community_centre"
    verbose_name = _("Κέντρο Κοινότητας")

    def ready(self) -> None:
        from community_centre import audit

        audit.register_models()
