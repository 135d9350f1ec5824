"""The visitor's network address, for rate limits: one rule for the whole site.

``settings.RATELIMIT_IP_META_KEY`` names :func:`client_ip`, so every django-ratelimit
limit keyed on ``"ip"`` (the feedback form, the public APIs) counts visitors the same
way without importing this module. Behind reverse proxies the address the proxy saw is
in ``X-Forwarded-For``; ``LOCALOFFER_TRUSTED_PROXY_COUNT`` says how many proxies append
to it, so a visitor cannot choose their own address by sending the header themselves.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

# When no address can be found at all (a misconfigured Unix socket), every such request
# shares this one bucket: limited together rather than not at all.
UNKNOWN_ADDRESS = "0.0.0.0"


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The address of the visitor who sent ``request``, as the outermost trusted proxy saw it.

    With no trusted proxies (the default) this is ``REMOTE_ADDR``. With ``n`` of them, it
    is the ``n``-th address from the right of ``X-Forwarded-For`` (each proxy appends the
    address it received the request from). A missing, short or malformed header falls
    back to ``REMOTE_ADDR``.
    """
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or UNKNOWN_ADDRESS
    proxies = getattr(settings, "LOCALOFFER_TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < proxies:
        return remote
    return _valid(hops[-proxies]) or remote
