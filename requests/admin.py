"""Reference lists of the requests app that administrators keep."""

from django.contrib import admin

from requests.models import RequestCategory


@admin.register(RequestCategory)
class RequestCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "due_working_days", "order", "is_active"]
    list_filter = ["is_active"]
    list_editable = ["order", "is_active"]
