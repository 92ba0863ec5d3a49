"""Reference lists of the case file that administrators keep; no personal data here."""

from django.contrib import admin

from beneficiaries.models import DocumentType, NeedCategory


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "has_expiry", "is_active"]
    list_filter = ["is_active"]


@admin.register(NeedCategory)
class NeedCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_active"]
    list_filter = ["is_active"]
