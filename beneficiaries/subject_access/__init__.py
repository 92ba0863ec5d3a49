"""The subject-access export (GDPR art. 15; CJEU C-579/21): for one person, a Greek PDF and a
machine-readable JSON of everything held, with every consultation and change of the file, and
the stored files, in one ZIP. Apps add their records through `registry.register_part`."""
