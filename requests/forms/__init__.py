"""Forms of the requests app, one module per kind of record."""
