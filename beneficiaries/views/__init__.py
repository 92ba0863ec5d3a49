"""Views of the case file, one module per part of it."""
