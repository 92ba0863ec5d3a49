"""Views of the reporting app: the report screen with its sign-off, its exports, and the
coordinator's dashboard."""
