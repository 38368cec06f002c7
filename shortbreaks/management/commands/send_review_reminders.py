"""python manage.py send_review_reminders: one email per officer listing what they own
that is due for review, and one per provider's staff member listing their services that
are due. Safe to run more than once a day (for example from cron)."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import ngettext

from core.wording import counted
from editions.selectors import statement_review_due
from offer.reviews import review_reminders_send
from proposals.services import provider_reminders_send


class Command(BaseCommand):
    help = (
        "Email each owner one digest of their services, providers and contacts that are "
        "overdue or due for review soon, and each provider's staff the services of theirs "
        "that are due. Nobody is sent two on the same day."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        result = review_reminders_send(today=today, statement_due=statement_review_due(today=today))
        for email, count in result.sent:
            self.stdout.write(f"Sent {email} a reminder of {counted(count, 'item', 'items')}.")
        for email in result.already_sent:
            self.stdout.write(f"Skipped {email}: already sent a reminder today.")
        for username in result.no_email:
            self.stderr.write(
                self.style.WARNING(f"{username} owns due items but has no email address.")
            )
        if result.unowned:
            self.stderr.write(
                self.style.WARNING(
                    ngettext(
                        "%(count)d due item has no owner",
                        "%(count)d due items have no owner",
                        result.unowned,
                    )
                    % {"count": result.unowned}
                    + ": see the 'Due for review' page in the admin."
                )
            )
        providers = provider_reminders_send(today=today)
        for email, count in providers.sent:
            self.stdout.write(
                f"Asked {email} to check {counted(count, 'service', 'services')} of theirs."
            )
        for email in providers.already_sent:
            self.stdout.write(f"Skipped {email}: already asked today.")
        sent = len(result.sent) + len(providers.sent)
        self.stdout.write(self.style.SUCCESS(f"{counted(sent, 'reminder', 'reminders')} sent."))
