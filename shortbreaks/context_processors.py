from django.conf import settings


def site(request):
    """Names used by the page furniture when no edition gives them, and the council's
    branding (assets/brand/brand.json)."""
    return {"SITE_NAME": settings.SITE_NAME, "BRANDING": settings.BRANDING}
