"""Sign-in and sign-out that only ever send the visitor to a page of this site.

Django's views accept any ``next`` on this host, even one that answers nothing useful (``next=garbage`` is a
relative URL; a disallowed one sends a sign-out back to the sign-out URL, which answers 405 to a GET). Here a
``next`` counts only when it is a path of this site's URL patterns; otherwise the view's default page is used.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import Resolver404, resolve
from django.utils import translation


def is_site_page(url):
    """True for an absolute path (query string allowed) that one of the site's views answers with a GET."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return False
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return False
    # /ja/... resolves only while Japanese is active (i18n_patterns).
    with translation.override(translation.get_language_from_path(parts.path) or settings.LANGUAGE_CODE):
        try:
            match = resolve(parts.path)
        except Resolver404:
            return False
    view_class = getattr(match.func, "view_class", None)
    return view_class is None or "get" in view_class.http_method_names


class SitePagesOnlyMixin:
    def get_redirect_url(self):
        url = super().get_redirect_url()
        return url if is_site_page(url) else ""


class LoginView(SitePagesOnlyMixin, auth_views.LoginView):
    pass


class LogoutView(SitePagesOnlyMixin, auth_views.LogoutView):
    """Redirects to ``next`` when it is a page of the site, else to ``next_page``: never to itself (405 to a GET)."""

    next_page = "home"
