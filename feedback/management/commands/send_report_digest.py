"""python manage.py send_report_digest: once a day (cron), each officer one email of
the problems families reported with the services they own."""

from django.core.management.base import BaseCommand

from core.wording import counted
from feedback.digest import report_digests_send


class Command(BaseCommand):
    help = (
        "Email each service's owner (the Publishers for services nobody owns) the problems "
        "families reported since the last digest. Each report is sent once."
    )

    def handle(self, *args, **options):
        result = report_digests_send()
        for email, count in result.sent:
            self.stdout.write(f"Sent {email} {counted(count, 'report', 'reports')}.")
        for username in result.no_email:
            self.stderr.write(self.style.WARNING(f"{username} has reports but no email address."))
        if result.nobody:
            self.stderr.write(
                self.style.WARNING(
                    f"{counted(result.nobody, 'report', 'reports')} with no owner and no "
                    "Publisher to send to: see the reports in the admin."
                )
            )
        self.stdout.write(
            self.style.SUCCESS(f"{counted(len(result.sent), 'digest', 'digests')} sent.")
        )
