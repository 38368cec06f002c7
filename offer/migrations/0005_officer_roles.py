"""Create the Editor and Publisher groups (see offer/roles.py)."""

from django.db import migrations

from offer.roles import EDITOR, PUBLISHER, roles_sync


def create_roles(apps, schema_editor):
    roles_sync(apps)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITOR, PUBLISHER]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("contacts", "0001_initial"),
        ("providers", "0001_initial"),
        ("offer", "0004_preview_permission"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
