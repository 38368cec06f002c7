from django.conf import settings


def site(request):
    """Names used by the page furniture when no edition gives them."""
    return {"SITE_NAME": settings.SITE_NAME}
