from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("Παραπομπές")

    def ready(self) -> None:
        from beneficiaries.rectification import register_rectification_listener
        from beneficiaries.retention.registry import register_anonymiser
        from beneficiaries.sections import register_section
        from community_centre.audit import register
        from community_centre.calendar import register_due_date_recomputer
        from referrals import (
            case_file,
            follow_up,
            models,
            rectification,
            request_panel,
            retention,
            subject_access,
            work,
        )
        from requests.panels import register_request_panel
        from requests.work import register_work_section

        register_due_date_recomputer(follow_up.recompute_follow_up_dates)
        register_request_panel(
            "referrals/includes/request_referrals.html", request_panel.request_referrals
        )
        register_section(
            "referrals/includes/case_file_referrals.html", case_file.case_file_referrals
        )
        register_work_section(
            "referrals/includes/work_overdue_referrals.html", work.overdue_referrals
        )
        register_rectification_listener(rectification.on_rectification)
        register_work_section(
            "referrals/includes/work_rectification_tasks.html", rectification.open_tasks
        )
        register(models.RectificationTask)
        subject_access.register()
        register(models.PartnerBody, exclude=("search_name",))
        register(models.PartnerService, exclude=("search_name",),
                 m2m=("required_document_types", "need_categories"))  # fmt: skip
        register(models.PartnerMembership)
        register(models.Referral, m2m=("disclosed_documents",))
        register(models.ReferralDocument)
        register(models.ReferralStatusChange)
        register_anonymiser("referrals", _("Παραπομπές"), retention.anonymise_referrals)
