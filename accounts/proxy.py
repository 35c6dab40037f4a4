"""The client's address behind one reverse proxy (DJANGO_BEHIND_PROXY)."""


def client_ip(request):
    """The last X-Forwarded-For entry: the address our proxy saw and appended.

    Earlier entries come from the client and can be forged; the last one cannot.
    django-axes uses this so that a lock-out holds one client, not the proxy's
    address and with it every visitor (REMOTE_ADDR is the proxy there).
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
    return forwarded or request.META.get("REMOTE_ADDR")
