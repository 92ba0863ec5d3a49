"""The fixtures of the S3 storage tests: the server, and the restore drill's scratch database."""

from tests.community_centre.test_backup_restore import scratch_database  # noqa: F401
from tests.s3.server import s3_endpoint  # noqa: F401
