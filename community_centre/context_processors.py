"""Template context every page needs: the Centre's profile for headers and letterheads."""

from django.utils.functional import SimpleLazyObject

from community_centre.models import CentreProfile


def centre(request):
    return {"centre": SimpleLazyObject(CentreProfile.current)}
