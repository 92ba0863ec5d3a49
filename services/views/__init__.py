"""The services app's views, one module per screen family."""
