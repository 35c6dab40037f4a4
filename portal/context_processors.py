from django.conf import settings


def data_license(request):
    """``DATA_LICENSE`` for the footer: every page says under which licence its data may be reused."""
    return {"data_license": settings.DATA_LICENSE}
