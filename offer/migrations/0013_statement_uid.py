"""Give the statement (the council) a permanent id for the Open Referral feed.

Added in three steps, as Django's docs advise for a unique field on existing rows, so
each row gets its own id rather than one default shared by all."""

import uuid

from django.db import migrations

import core.fields


def give_each_statement_an_id(apps, schema_editor):
    Statement = apps.get_model("offer", "Statement")
    for statement in Statement.objects.filter(uid__isnull=True):
        statement.uid = uuid.uuid4()
        statement.save(update_fields=["uid"])


class Migration(migrations.Migration):
    dependencies = [
        ("offer", "0012_accessibility_reviewed_on"),
    ]

    operations = [
        migrations.AddField(
            model_name="statement",
            name="uid",
            field=core.fields.PermanentIdField(
                default=uuid.uuid4, editable=False, null=True, unique=False
            ),
        ),
        migrations.RunPython(give_each_statement_an_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="statement",
            name="uid",
            field=core.fields.PermanentIdField(
                default=uuid.uuid4,
                editable=False,
                help_text="A permanent identifier that never changes, even if the name does.",
                unique=True,
            ),
        ),
    ]
