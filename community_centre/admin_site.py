"""The Django admin of the administrators: accounts and reference data, never case files.

Every admin class of the site gets two mixins. Two things Django's admin does by default would
show case-file data to whoever runs it:
- its delete-confirmation pages list every related record that would be deleted or that
  protects the object (deleting a settlement names the people living there, deleting a document
  type names the uploaded files); here they say only how many records of each kind;
- its "view on site" shortcut (`/admin/r/<type>/<id>/`) answers differently for ids that exist;
  here it answers 404 for everything.
And the inputs of its editable changelist columns (`list_editable`) have no label: here each one
is named by its column and its row (`LabelledListEditable`).
"""

from __future__ import annotations

from collections import Counter

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.http import Http404
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


def _no_shortcut(request, content_type_id, object_id):
    raise Http404


class CentreAdminSite(admin.AdminSite):
    site_header = _("Κέντρο Κοινότητας – διαχείριση")
    site_title = _("Κέντρο Κοινότητας – διαχείριση")
    index_title = _("Λογαριασμοί και δεδομένα αναφοράς")

    def register(self, model_or_iterable, admin_class=None, **options):
        """Register as Django does, with `SummarisedDeletion` and `LabelledListEditable` mixed
        into every admin class, the project's and third-party apps' alike."""
        admin_class = admin_class or admin.ModelAdmin
        mixins = tuple(m for m in SITE_MIXINS if not issubclass(admin_class, m))
        if mixins:
            admin_class = type(admin_class.__name__, (*mixins, admin_class), {})
        super().register(model_or_iterable, admin_class, **options)

    def get_urls(self):
        urls = [u for u in super().get_urls() if getattr(u, "name", None) != "view_on_site"]
        shortcut = path("r/<path:content_type_id>/<path:object_id>/", _no_shortcut)
        shortcut.name = "view_on_site"
        return [*urls, shortcut]


class CentreAdminConfig(AdminConfig):
    default_site = "community_centre.admin_site.CentreAdminSite"

    def ready(self) -> None:
        from django.contrib.admin.templatetags import admin_list

        super().ready()
        # Django draws a yes/no field as an icon whose alt text is the Python value, "True" or
        # "False", in English whatever the language; every caller (changelists, read-only
        # fields) imports the function from this module when it draws, so replacing it here
        # gives the icons a translated alt text everywhere.
        admin_list._boolean_icon = boolean_icon


def boolean_icon(value: bool | None) -> str:
    """Django's yes/no/unknown icon, with an alt text in the user's language."""
    name, alt = {True: ("yes", _("Ναι")), False: ("no", _("Όχι"))}.get(
        value, ("unknown", _("Άγνωστο"))
    )
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{name}.svg"), alt)


def _counts(instances) -> list[str]:
    counts = Counter(capfirst(obj._meta.verbose_name_plural) for obj in instances)
    return [f"{name}: {count}" for name, count in sorted(counts.items())]


def summarised_deleted_objects(objs, request, admin_site):
    """What deleting `objs` would remove or is protected by, as counts per kind of record.

    Same contract as `django.contrib.admin.utils.get_deleted_objects`, but only the chosen
    objects themselves (accounts or reference data) are named.
    """
    objs = list(objs)
    if not objs:
        return [], {}, set(), []
    collector = NestedObjects(using=router.db_for_write(objs[0]._meta.model), origin=objs)
    collector.collect(objs)
    perms_needed = set()
    for model, instances in collector.model_objs.items():
        if admin_site.is_registered(model):
            model_admin = admin_site.get_model_admin(model)
            if not all(model_admin.has_delete_permission(request, obj) for obj in instances):
                perms_needed.add(model._meta.verbose_name)
    chosen = {(type(obj), obj.pk) for obj in objs}
    related = [
        obj
        for instances in collector.model_objs.values()
        for obj in instances
        if (type(obj), obj.pk) not in chosen
    ]
    to_delete = [f"{capfirst(obj._meta.verbose_name)}: {obj}" for obj in objs]
    if related:
        to_delete += [_("Σχετικές εγγραφές"), _counts(related)]
    model_count = {
        model._meta.verbose_name_plural: len(instances)
        for model, instances in collector.model_objs.items()
    }
    return to_delete, model_count, perms_needed, _counts(collector.protected)


class SummarisedDeletion:
    """Mixed into every ModelAdmin of the site: deletion pages show counts, not records."""

    def get_deleted_objects(self, objs, request):
        return summarised_deleted_objects(objs, request, self.admin_site)


class _LabelledRow:
    """Mixed into a changelist form: each visible input gets an aria-label that names its
    column and its row («σειρά: Στέγαση»), since the changelist gives it no <label>."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        row = str(self.instance) if self.instance.pk else ""
        for field in self.fields.values():
            if not field.widget.is_hidden:
                column = capfirst(field.label or "")
                field.widget.attrs.setdefault("aria-label", f"{column}: {row}" if row else column)


class LabelledListEditable:
    """Mixed into every ModelAdmin of the site: labelled inputs in `list_editable` columns."""

    def get_changelist_form(self, request, **kwargs):
        form = super().get_changelist_form(request, **kwargs)
        return type(form.__name__, (_LabelledRow, form), {})


SITE_MIXINS = (SummarisedDeletion, LabelledListEditable)
