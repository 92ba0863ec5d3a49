"""The administrator's tools: accounts and reference data. Case files are deliberately absent.

Accounts, roles and the audit trail of accounts are in `admin_accounts`; the site itself
(deletion pages that show counts, no "view on site" shortcut) is in `admin_site`.
"""

from django.contrib import admin
from django.utils.translation import gettext as _

from community_centre import admin_accounts  # noqa: F401 - registers the account admins
from community_centre.calendar import calendar_changed
from community_centre.models import CentreProfile, HolidayAdjustment, LocalHoliday, Settlement
from community_centre.two_factor import admin as _two_factor_admin  # noqa: F401 - no device admin


@admin.register(CentreProfile)
class CentreProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "phones", "opens_at", "closes_at"]


@admin.register(Settlement)
class SettlementAdmin(admin.ModelAdmin):
    list_display = ["name", "community", "municipal_unit", "population_2011", "is_urban"]
    list_filter = ["municipal_unit", "is_urban"]
    search_fields = ["name", "community"]


class CalendarAdmin(admin.ModelAdmin):
    """Holiday edits recompute the due dates of open items in the same transaction."""

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        self._recomputed(request)

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        self._recomputed(request)

    def delete_queryset(self, request, queryset) -> None:
        super().delete_queryset(request, queryset)
        self._recomputed(request)

    def _recomputed(self, request) -> None:
        count = calendar_changed()
        self.message_user(request, _("Επανυπολογίστηκαν %(count)d προθεσμίες.") % {"count": count})


@admin.register(LocalHoliday)
class LocalHolidayAdmin(CalendarAdmin):
    list_display = ["name", "day", "month", "is_active"]
    list_filter = ["is_active"]


@admin.register(HolidayAdjustment)
class HolidayAdjustmentAdmin(CalendarAdmin):
    list_display = ["date", "kind", "name", "reason"]
    list_filter = ["kind"]
    date_hierarchy = "date"
