from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityCentreConfig(AppConfig):
    name = "community_centre"
    verbose_name = _("Κέντρο Κοινότητας")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from community_centre import audit, roles

        audit.register_models()
        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="sync_roles")
