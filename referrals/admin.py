"""The partner directory and partner accounts in the admin (administrators keep them; staff edit
the directory in the application too). Referrals carry personal data and are never in it."""

from django.contrib import admin
from django.db import models

from referrals.models import PartnerBody, PartnerMembership, PartnerService


class PartnerServiceInline(admin.StackedInline):
    model = PartnerService
    extra = 0
    can_delete = False


@admin.register(PartnerBody)
class PartnerBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "settlement", "phones", "uses_system", "is_helpline",
                    "is_active"]  # fmt: skip
    list_filter = ["kind", "uses_system", "is_helpline", "is_active"]
    search_fields = ["name", "search_name"]
    inlines = [PartnerServiceInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(PartnerService)
class PartnerServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "body", "answer_working_days", "is_active"]
    list_filter = ["is_active", "body"]
    search_fields = ["name", "search_name", "body__name"]


@admin.register(PartnerMembership)
class PartnerMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "body", "created_at"]
    list_filter = ["body"]
