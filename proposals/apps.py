from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    """Providers' staff keep their own services' entries true: invited by an officer,
    they propose changes on pages of their own, and officers approve each one into the
    working copy (or send it back with a reason)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "proposals"
    verbose_name = "Providers' proposed changes"
