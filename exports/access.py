"""Staff-only pages: the site's sign-in page for anonymous visitors, 403 for users without the permission."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def staff_permission_required(perm):
    """Unlike Django's ``permission_required``, tells anonymous visitors to sign in and everyone else 403.

    Analysts need not be admin staff, so this checks the permission alone, never ``is_staff``. The 403 names
    the permission (``PermissionDenied(perm)``), so the site's 403 page can say what is missing.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                raise PermissionDenied(perm)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
