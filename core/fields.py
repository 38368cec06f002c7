"""Model fields shared by the apps."""

import uuid

from django.db import models


class PermanentIdField(models.UUIDField):
    """A UUID given once and never changed, so links, feeds and editions can refer to a
    record even after it is renamed or its slug changes."""

    def __init__(self, **kwargs):
        kwargs.setdefault("default", uuid.uuid4)
        kwargs.setdefault("unique", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault(
            "help_text", "A permanent identifier that never changes, even if the name does."
        )
        super().__init__(**kwargs)
