"""English uses the same dd/mm/yyyy formats as Greek: staff switch language, not date habits."""

from community_centre.formats.el.formats import *  # noqa: F403
