"""The address of the person at the other end, trusting `X-Forwarded-For` only from our proxy.

A client can write any `X-Forwarded-For` it likes. The header is believed only when the request
comes from a proxy listed in DJANGO_TRUSTED_PROXIES (addresses or networks), and then only up to
the first address that is not one of those proxies, read from the right: that is the address
the outermost trusted proxy saw. The access log, the audit trail and the login lockout all use
this one function.
"""

from __future__ import annotations

import ipaddress
from functools import cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def trusted_proxies() -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in settings.TRUSTED_PROXIES)


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [IPv6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # IPv4:port
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _is_trusted(address) -> bool:
    return any(address in network for network in trusted_proxies())


def client_ip(request: HttpRequest) -> str | None:
    """The client's address as far as we can trust it, or None if there is none."""
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return None
    if not _is_trusted(remote):
        return str(remote)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed(forwarded.split(",")):
        address = _address(hop)
        if address is None:
            break  # a malformed hop: nothing before it can be trusted
        if not _is_trusted(address):
            return str(address)
        remote = address
    return str(remote)
