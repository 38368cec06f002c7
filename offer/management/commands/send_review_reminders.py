"""python manage.py send_review_reminders: one email per officer listing what they own
that is due for review. Safe to run more than once a day (for example from cron)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from offer.services import review_reminders_send


class Command(BaseCommand):
    help = (
        "Email each owner one digest of their services, providers and contacts that are "
        "overdue or due for review soon. Nobody is sent two digests on the same day."
    )

    def handle(self, *args, **options):
        result = review_reminders_send(today=timezone.localdate())
        for email, count in result.sent:
            self.stdout.write(
                f"Sent {email} a reminder of {count} item{'s' if count != 1 else ''}."
            )
        for email in result.already_sent:
            self.stdout.write(f"Skipped {email}: already sent a reminder today.")
        for username in result.no_email:
            self.stderr.write(
                self.style.WARNING(f"{username} owns due items but has no email address.")
            )
        if result.unowned:
            self.stderr.write(
                self.style.WARNING(
                    f"{result.unowned} due item{'s have' if result.unowned != 1 else ' has'} "
                    "no owner: see the 'Due for review' page in the admin."
                )
            )
        self.stdout.write(self.style.SUCCESS(f"{len(result.sent)} reminder(s) sent."))
