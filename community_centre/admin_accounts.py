"""Staff accounts in the administrators' admin: no roles to tick, no permissions to grant.

An administrator creates accounts, sets passwords and proposes roles; a role that reads case
files comes into force only when a coordinator confirms it in the application. Setting someone's
password is recorded for the coordinator, and that person must choose their own password before
they can open case files again.
"""

from __future__ import annotations

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community_centre import role_actions
from community_centre.client_ip import client_ip
from community_centre.models import Role, RoleGrant, StaffEvent, User
from community_centre.permissions import REFERENCE_MODELS


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "last_name", "first_name", "roles", "is_active", "last_login"]
    list_filter = ["is_active", "is_staff"]
    readonly_fields = ["roles", "must_change_password", "last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (gettext_lazy("Στοιχεία"), {"fields": ["first_name", "last_name", "title", "email"]}),
        (
            gettext_lazy("Κατάσταση"),
            {"fields": ["is_active", "roles", "must_change_password", "last_login", "date_joined"]},
        ),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "username",
                    "first_name",
                    "last_name",
                    "title",
                    "email",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]
    filter_horizontal = []

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("role_grants")

    @admin.display(description=gettext_lazy("ρόλοι"))
    def roles(self, obj: User) -> str:
        grants = [g for g in obj.role_grants.all() if g.status in RoleGrant.OPEN_STATUSES]
        return (
            format_html_join(
                ", ", "{} ({})", ((g.get_role_display(), g.get_status_display()) for g in grants)
            )
            or "—"
        )

    def save_model(self, request, obj, form, change) -> None:
        if not change:  # the administrator knows this password: its holder must choose one
            obj.must_change_password = True
        super().save_model(request, obj, form, change)
        if not change:
            role_actions.account_mark_created(
                user=obj, actor=request.user, ip_address=client_ip(request)
            )

    def user_change_password(self, request, id, form_url=""):
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            user = User.objects.filter(pk=id).first()
            done = request.method == "POST" and response.status_code == 302
            if done and user is not None and user.pk != request.user.pk:
                role_actions.password_set(
                    user=user, actor=request.user, ip_address=client_ip(request)
                )
        return response


class RoleProposalForm(forms.ModelForm):
    """Who gets which role; the rules of `role_actions` are checked before anything is saved."""

    actor = None  # set per request by RoleGrantAdmin.get_form

    class Meta:
        model = RoleGrant
        fields = ["user", "role"]

    def clean(self):
        cleaned = super().clean()
        user, role = cleaned.get("user"), cleaned.get("role")
        if user is not None and role:
            try:
                role_actions.role_check_proposal(user=user, role=role, actor=self.actor)
            except role_actions.RoleError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return cleaned


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    form = RoleProposalForm
    list_display = ["user", "role", "status", "requested_by", "requested_at", "decided_by"]
    list_filter = ["status", "role"]
    list_select_related = ["user", "requested_by", "decided_by"]
    search_fields = ["user__username", "user__last_name"]
    actions = ["revoke"]
    readonly_fields = [
        "user", "role", "status", "requested_by", "requested_at", "decided_by", "decided_at",
        "ended_by", "ended_at", "note",
    ]  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # a grant is never edited: it is confirmed, refused or revoked

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_revoke_permission(self, request) -> bool:
        return request.user.has_perm("community_centre.change_rolegrant")

    def save_model(self, request, obj, form, change) -> None:
        grant = role_actions.role_propose(
            user=obj.user, role=obj.role, actor=request.user, ip_address=client_ip(request)
        )
        obj.pk, obj.status = grant.pk, grant.status

    @admin.action(
        description=gettext_lazy("Ανάκληση των επιλεγμένων ρόλων"), permissions=["revoke"]
    )
    def revoke(self, request, queryset) -> None:
        for grant in queryset.filter(status=RoleGrant.Status.ACTIVE).select_related("user"):
            try:
                role_actions.role_revoke(
                    grant=grant,
                    actor=request.user,
                    note=_("από τη διαχείριση"),
                    ip_address=client_ip(request),
                )
            except role_actions.RoleError as exc:
                self.message_user(request, f"{grant}: {exc}", messages.ERROR)
            else:
                self.message_user(request, _("Ανακλήθηκε: %(grant)s") % {"grant": grant})


@admin.register(StaffEvent)
class StaffEventAdmin(admin.ModelAdmin):
    list_display = ["at", "kind", "subject", "actor", "ip_address", "detail", "seen_at"]
    list_filter = ["kind"]
    list_select_related = ["subject", "actor"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


admin.site.unregister(Group)


def role_label(code: str) -> str:
    """The Greek name of the role whose group is named `code` (the group names are codes)."""
    return Role(code).label if code in Role.values else code


# Django names the model permissions "Can add …", "Can view …" in English, in the database.
PERMISSION_ACTIONS = {
    "add": gettext_lazy("προσθήκη"),
    "change": gettext_lazy("αλλαγή"),
    "delete": gettext_lazy("διαγραφή"),
    "view": gettext_lazy("προβολή"),
}


def permission_label(permission) -> str:
    """«Ωφελούμενος: προβολή» for a model permission; a custom one by its own (Greek) name."""
    action, _sep, model = permission.codename.partition("_")
    model_class = permission.content_type.model_class()
    if action in PERMISSION_ACTIONS and model_class and model == model_class._meta.model_name:
        return f"{capfirst(model_class._meta.verbose_name)}: {PERMISSION_ACTIONS[action]}"
    return _(permission.name)


@admin.register(Group)
class RoleGroupAdmin(DjangoGroupAdmin):
    """The roles' permissions, to read: they are defined in code (community_centre.permissions).
    A group is named by its role's code; the admin shows the role's Greek name beside it."""

    list_display = ["role", "name"]
    fields = ["role", "name", "permission_list"]
    readonly_fields = ["role", "permission_list"]

    @admin.display(description=gettext_lazy("ρόλος"), ordering="name")
    def role(self, obj: Group) -> str:
        return role_label(obj.name)

    @admin.display(description=gettext_lazy("δικαιώματα"))
    def permission_list(self, obj: Group) -> str:
        permissions = obj.permissions.select_related("content_type")
        labels = sorted(permission_label(p) for p in permissions)
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((x,) for x in labels))
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        group = self.get_object(request, object_id)
        label = role_label(group.name) if group else None
        extra = {"subtitle": label, "role_label": label, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra)

    def history_view(self, request, object_id, extra_context=None):
        group = self.get_object(request, object_id)
        extra = extra_context or {}
        if group is not None:
            label = role_label(group.name)
            extra = {"title": _("Ιστορικό αλλαγών: %s") % label, "role_label": label, **extra}
        return super().history_view(request, object_id, extra)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


admin.site.unregister(LogEntry)


def _system_content_types() -> list[int]:
    labels = [*REFERENCE_MODELS, "community_centre.user", "community_centre.rolegrant"]
    labels.append("auth.group")
    pairs = [label.split(".") for label in labels]
    condition = Q(pk__in=[])
    for app_label, model in pairs:
        condition |= Q(app_label=app_label, model=model)
    return list(ContentType.objects.filter(condition).values_list("pk", flat=True))


@admin.register(LogEntry)
class SystemLogEntryAdmin(LogEntryAdmin):
    """The audit trail of accounts and reference data only. Changes to case files are read by
    the coordinator in the application, where reading them is itself logged."""

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(content_type__in=_system_content_types())
            .exclude(additional_data__has_key="beneficiary_id")
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
