"""The dated ΕΕΕ amounts, kept by administrators: a new decision is a new row."""

from django.contrib import admin

from services.models import EeeRate


@admin.register(EeeRate)
class EeeRateAdmin(admin.ModelAdmin):
    list_display = [
        "valid_from", "valid_to", "first_adult", "additional_adult", "minor", "deposit_cap",
        "deposit_cap_confirmed",
    ]  # fmt: skip
    date_hierarchy = "valid_from"
