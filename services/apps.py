from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Υπηρεσίες")

    def ready(self) -> None:
        from beneficiaries.retention.registry import register_anonymiser
        from beneficiaries.sections import register_section
        from community_centre.audit import register
        from requests.work import register_work_section
        from services import (
            case_file,
            event_case_file,
            event_work,
            models,
            retention,
            session_case_file,
            session_work,
            subject_access,
            work,
        )

        register_work_section("services/includes/work_tools.html", work.desk_tools)
        register(models.EeeRate)
        register_section(
            "services/includes/case_file_applications.html", case_file.case_file_applications
        )
        register_work_section("services/includes/work_applications.html",
                              work.applications_to_submit)  # fmt: skip
        register_work_section("services/includes/work_renewals.html", work.renewals_due)
        register(models.Programme)
        register(models.ProgrammeDocument)
        register(models.BenefitApplication, m2m=("covered_members",))
        register(models.ApplicationDocument)
        register(models.ApplicationStatusChange)
        register_section("services/sessions/case_file_section.html",
                         session_case_file.case_file_sessions)  # fmt: skip
        register_work_section("services/sessions/work_today.html", session_work.todays_sessions)
        register(models.CounsellingSession)
        register(models.SessionSeries)
        register_section("services/events/includes/case_file_events.html",
                         event_case_file.case_file_events)  # fmt: skip
        register_work_section("services/events/includes/work_todays_events.html",
                              event_work.todays_events)  # fmt: skip
        register(models.Event, m2m=("partner_bodies",))
        register(models.EventAttendance)
        register_anonymiser("services", _("Αιτήσεις και συνεδρίες"), retention.anonymise_services)
        subject_access.register()
