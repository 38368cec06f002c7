"""python manage.py export_provider <slug> [-o FILE]: everything the site holds about
one provider, as JSON, when it asks for its data: its record, its services and their
places and contacts, their histories, the problems families reported about them
(without any reply address), its staff's sign-ins, invitations and proposed changes
(never a password)."""

import json

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from feedback.models import ServiceReport
from offer.models import RecordChange, Service, Venue
from proposals.models import ProposedChange, ProviderInvitation, ProviderMember
from providers.models import Provider


class Command(BaseCommand):
    help = "Write everything held about one provider (by its address, its slug) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The provider's address, as in /providers/<slug>/.")
        parser.add_argument("-o", "--output", help="A file to write (default: the screen).")

    def handle(self, *args, slug: str, output: str | None = None, **options):
        provider = Provider.objects.filter(slug=slug).first()
        if provider is None:
            raise CommandError(f"No provider has the address '{slug}'.")
        services = list(Service.objects.filter(providers=provider).order_by("pk"))
        contacts = {contact.pk: contact for s in services for contact in s.contacts.all()}
        records = [provider, *services, *Venue.objects.filter(service__in=services)]
        records += list(contacts.values())
        # Each kind by its own ids: a service's number may be another provider's.
        history = RecordChange.objects.filter(
            Q(
                content_type=ContentType.objects.get_for_model(Provider),
                object_id=str(provider.pk),
            )
            | Q(
                content_type=ContentType.objects.get_for_model(Service),
                object_id__in=[str(s.pk) for s in services],
            )
        ).order_by("changed_at")
        reports = ServiceReport.objects.filter(service__in=services).order_by("created_at")
        data = {
            "provider": provider.name,
            "records": json.loads(serializers.serialize("json", records)),
            "history": json.loads(
                serializers.serialize(
                    "json",
                    history,
                    fields=["object_repr", "action", "changed_at", "fields", "reason"],
                )  # fmt: skip
            ),
            "reports": json.loads(
                serializers.serialize(
                    "json",
                    reports,
                    fields=[
                        "service_name",
                        "topic",
                        "words",
                        "created_at",
                        "outcome",
                        "outcome_note",
                        "closed_at",
                    ],
                )  # fmt: skip
            ),
        }
        data["staff"] = [
            {
                "name": member.user.get_full_name(),
                "email": member.user.email,
                "joined_at": member.joined_at.isoformat(),
                "last_signed_in": member.user.last_login.isoformat()
                if member.user.last_login
                else None,
            }
            for member in ProviderMember.objects.filter(provider=provider).select_related("user")
        ]
        data["invitations"] = json.loads(
            serializers.serialize(
                "json",
                ProviderInvitation.objects.filter(provider=provider).order_by("sent_at"),
                fields=["email", "name", "sent_at", "expires_at", "accepted_at"],
            )
        )
        data["proposed_changes"] = json.loads(
            serializers.serialize(
                "json",
                ProposedChange.objects.filter(provider=provider).order_by("proposed_at"),
                fields=[
                    "service",
                    "proposed_at",
                    "changes",
                    "note",
                    "state",
                    "decided_at",
                    "reason",
                ],
            )  # fmt: skip
        )
        text = json.dumps(data, indent=2, ensure_ascii=False)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Wrote {provider.name}: {len(services)} services, {history.count()} "
                    f"history entries, {reports.count()} reports to {output}."
                )
            )
        else:
            self.stdout.write(text)
