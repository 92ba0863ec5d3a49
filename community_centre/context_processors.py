"""Template context every page needs: the Centre's profile for headers and letterheads, and for
the coordinator how many account matters wait for her (roles to confirm, events to check)."""

from django.utils.functional import SimpleLazyObject

from community_centre.models import CentreProfile, RoleGrant, StaffEvent
from community_centre.role_actions import CONFIRM_PERMISSION


def _staff_alerts(user) -> int:
    """Roles waiting for confirmation plus account events not yet checked, in one query."""
    pending = RoleGrant.objects.filter(status=RoleGrant.Status.PENDING).values("pk")
    return pending.union(StaffEvent.objects.unseen().values("pk"), all=True).count()


def centre(request):
    user = getattr(request, "user", None)
    context = {"centre": SimpleLazyObject(CentreProfile.current)}
    if user is not None and user.is_authenticated and user.has_perm(CONFIRM_PERMISSION):
        context["staff_alerts"] = SimpleLazyObject(lambda: _staff_alerts(user))
    return context
