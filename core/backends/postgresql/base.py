"""Django's PostgreSQL backend, with a time limit on the check that a connection kept
open between requests still answers (CONN_HEALTH_CHECKS). Django runs that check on the
driver's own connection, outside the query wrappers a request installs, so against a
hung database it would wait for ever; here it gives up after HEALTH_CHECK_SECONDS and
Django opens a new connection, which DATABASES' connect_timeout bounds in turn."""

from django.db.backends.postgresql import base

from core.database import QueryDeadline

HEALTH_CHECK_SECONDS = 2.0


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        with QueryDeadline(self, HEALTH_CHECK_SECONDS).armed():
            return super().is_usable()
