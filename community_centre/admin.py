"""The administrator's tools: accounts and reference data. Case files are deliberately absent."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from community_centre.models import CentreProfile, Settlement, User


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
