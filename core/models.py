"""Abstract models the working-copy records share: an order officers set, review dates
with an owner, and a revision number that stops two officers' edits overwriting each
other. Also the help texts every app's fields share."""

import datetime

from django.conf import settings
from django.db import models

# Officers' longer text is plain text with these two conventions (see the `prose` tag).
# Officers' text is Markdown, limited to what core/prose.py renders. Fields whose help
# ends with this are shown in the admin with the Markdown help and a preview.
PROSE_HELP = (
    "Markdown: a blank line between paragraphs; '- ' starts a bullet and '1. ' a numbered "
    "step; '# ' starts a sub-heading; **bold**; [words to select](https://...) for a link. "
    "Phone numbers and email addresses become links by themselves."
)


def is_prose(field) -> bool:
    """Whether a model field holds officers' Markdown (its help ends with PROSE_HELP)."""
    return str(getattr(field, "help_text", "")).endswith(PROSE_HELP)


SLUG_HELP = "Lower case letters, numbers and hyphens only."


class Ordered(models.Model):
    """A record officers put in order: lower numbers come first wherever it is listed."""

    order = models.PositiveIntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


class Reviewed(models.Model):
    """A record an officer owns and checks regularly (services, providers, contacts)."""

    last_reviewed_on = models.DateField(
        null=True, blank=True, help_text="When an officer last checked these details."
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"is_staff": True},
        help_text="The officer who keeps this up to date and gets its review reminders.",
    )

    class Meta:
        abstract = True

    @property
    def review_due_on(self) -> datetime.date | None:
        """When the next check is due; None if it has never been reviewed (due now)."""
        if self.last_reviewed_on is None:
            return None
        return self.last_reviewed_on + datetime.timedelta(days=settings.REVIEW_INTERVAL_DAYS)


class Revised(models.Model):
    """Counts saves, so an edit form can tell whether the record changed since it was
    opened (optimistic locking: see offer/admin/base.py)."""

    revision = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up by one every time the record is saved."
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            self.revision += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "revision"}
        super().save(*args, **kwargs)
