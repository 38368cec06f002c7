"""Let the Editor and Publisher roles read feedback."""

from django.db import migrations

from offer.roles import roles_sync


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_page_feedback"),
        ("offer", "0012_accessibility_reviewed_on"),
    ]

    operations = [
        migrations.RunPython(lambda apps, editor: roles_sync(apps), migrations.RunPython.noop)
    ]
