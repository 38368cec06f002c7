"""Once added the six standard times of a short break; a post_migrate receiver does that
now (offer/standard_times.py), so this migration does nothing."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("offer", "0001_initial")]

    operations = []
