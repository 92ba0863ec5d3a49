"""Reads of the services app, one module per subject."""
