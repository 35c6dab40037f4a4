"""Who a rate limit counts: the client's address, one IPv6 /64 being one client."""

import ipaddress

from django.conf import settings

from accounts.proxy import client_ip

IPV6_CLIENT_PREFIX = 64  # what one home or one server is usually given: its addresses are one client


def client_key(request):
    """The address that ``REMOTE_ADDR`` or, behind the proxy (``DJANGO_BEHIND_PROXY``), the last
    ``X-Forwarded-For`` entry names; an IPv6 address as its /64 network."""
    raw = client_ip(request) if settings.BEHIND_PROXY else request.META.get("REMOTE_ADDR", "")
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw or "unknown"
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/{IPV6_CLIENT_PREFIX}", strict=False))
