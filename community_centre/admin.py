"""The administrator's tools: accounts and reference data. Case files are deliberately absent."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext as _

from community_centre.calendar import calendar_changed
from community_centre.models import (
    CentreProfile,
    HolidayAdjustment,
    LocalHoliday,
    Settlement,
    User,
)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "last_name", "first_name", "email", "is_active", "last_login"]
    list_filter = ["is_active", "groups"]


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
