"""Give the Editor and Publisher roles the permissions for places where services happen."""

from django.db import migrations

from offer.roles import roles_sync


class Migration(migrations.Migration):
    dependencies = [("offer", "0014_venues"), ("feedback", "0002_roles_read_feedback")]

    operations = [
        migrations.RunPython(lambda apps, editor: roles_sync(apps), migrations.RunPython.noop)
    ]
