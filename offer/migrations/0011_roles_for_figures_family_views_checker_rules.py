"""Give the Editor and Publisher roles the new working-copy models' permissions."""

from django.db import migrations

from offer.roles import roles_sync


class Migration(migrations.Migration):
    dependencies = [("offer", "0010_figures_family_views_checker_rules")]

    operations = [
        migrations.RunPython(lambda apps, editor: roles_sync(apps), migrations.RunPython.noop)
    ]
