"""Once created the Editor and Publisher groups; a post_migrate receiver keeps them up to
date now (offer/roles.py), so this migration does nothing."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("contacts", "0001_initial"),
        ("providers", "0001_initial"),
        ("offer", "0004_preview_permission"),
    ]

    operations = []
