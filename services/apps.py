from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Υπηρεσίες")

    def ready(self) -> None:
        from community_centre.audit import register
        from requests.work import register_work_section
        from services import models, work

        register_work_section("services/includes/work_tools.html", work.desk_tools)
        register(models.EeeRate)
        from services import event_case_file, event_work  # group activities and events

        event_case_file.register_events(register)
        event_work.register()
