"""The dated ΕΕΕ amounts, kept by administrators: a new decision is a new row."""

from django.contrib import admin

from services.models import EeeRate, Programme, ProgrammeDocument


@admin.register(EeeRate)
class EeeRateAdmin(admin.ModelAdmin):
    list_display = [
        "valid_from", "valid_to", "first_adult", "additional_adult", "minor", "deposit_cap",
        "deposit_cap_confirmed",
    ]  # fmt: skip
    date_hierarchy = "valid_from"


class ProgrammeDocumentInline(admin.StackedInline):
    model = ProgrammeDocument
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    """The programme catalogue is reference data: administrators may correct it here too."""

    list_display = ["name", "deciding_body", "centre_files", "renewal_months", "is_active"]
    list_filter = ["is_active", "centre_files"]
    search_fields = ["name", "code"]
    inlines = [ProgrammeDocumentInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # taken out of use (is_active), never deleted
