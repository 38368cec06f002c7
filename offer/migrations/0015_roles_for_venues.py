"""Once gave the officer roles new permissions; a post_migrate receiver keeps the roles
up to date now (offer/roles.py), so this migration does nothing."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("offer", "0014_venues"), ("feedback", "0002_roles_read_feedback")]

    operations = []
