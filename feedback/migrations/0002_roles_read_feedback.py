"""Once gave the officer roles new permissions; a post_migrate receiver keeps the roles
up to date now (offer/roles.py), so this migration does nothing."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_page_feedback"),
        ("offer", "0012_accessibility_reviewed_on"),
    ]

    operations = []
