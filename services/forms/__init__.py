"""The services app's forms, one module per screen family."""
