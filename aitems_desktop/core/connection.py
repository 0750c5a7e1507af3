"""What the app talks to: an endpoint and a key pair, with where they came from.

Standard library only, on purpose: the window holds one before requests or pydantic load.
Profiles (:mod:`aitems_desktop.core.profiles`), the environment and the built-in sandbox all
resolve to this one type.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from aitems_desktop.core.api import AitemsApi
    from aitems_desktop.core.client import AitemsClient
    from aitems_desktop.core.engine import Engine

#: The documented AiTEMS endpoint; a proxy, a private endpoint or the sandbox replaces it.
DEFAULT_ENDPOINT: Final = "https://aitems.apigw.ntruss.com/api/v1"
#: NCP Object Storage in the Korean region, where AiTEMS reads datasets from.
DEFAULT_OBJECT_STORAGE_ENDPOINT: Final = "https://kr.object.ncloudstorage.com"
DEFAULT_OBJECT_STORAGE_REGION: Final = "kr-standard"
DEFAULT_CONNECT_TIMEOUT_S: Final = 10.0
DEFAULT_READ_TIMEOUT_S: Final = 60.0
DEFAULT_TIMEOUT: Final = (DEFAULT_CONNECT_TIMEOUT_S, DEFAULT_READ_TIMEOUT_S)


def endpoint_problem(url: str) -> str | None:
    """What is wrong with ``url`` as an AiTEMS endpoint, in words; None when it is usable.

    An endpoint is ``https://host[:port][/path]``, or ``http://`` for a server on this machine
    only (a loopback address or ``localhost``): over plain HTTP the access key, the signature
    and every answer travel in clear. No user name or password in it (they would travel in
    clear to every proxy and log), no query and no fragment (the signed request target is
    built from the path alone).
    """
    text = url.strip()
    if not text:
        return "The endpoint URL is empty."
    if any(ord(ch) < 0x21 or ch == "\x7f" for ch in text):
        return "The endpoint URL holds a space or a control character."
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        return f"The endpoint URL cannot be read ({exc})."
    if parts.scheme not in ("https", "http"):
        return "The endpoint URL must start with https:// (or http:// for a local server)."
    if not parts.hostname:
        return "The endpoint URL has no host name."
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        return (
            "The endpoint URL must start with https://: plain http:// is only for a server on "
            "this computer (localhost, 127.0.0.1 or ::1)."
        )
    if parts.username is not None or parts.password is not None:
        return "The endpoint URL must not hold a user name or password."
    if parts.query or "?" in text:
        return "The endpoint URL must not have a query (the part after '?')."
    if parts.fragment or "#" in text:
        return "The endpoint URL must not have a fragment (the part after '#')."
    if port == 0:
        return "The endpoint URL's port must not be 0."
    if any(segment in (".", "..") for segment in parts.path.split("/")):
        return "The endpoint URL's path must not hold '.' or '..'."
    return None


def is_loopback_host(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1), by their text alone.

    No name is resolved: ``localhost.example.com`` or a name that a resolver maps to 127.0.0.1
    is not loopback here, since what it reaches is up to the network.
    """
    name = host.strip("[]").lower().rstrip(".")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def validate_base_url(url: str) -> str:
    """Return ``url`` without its trailing ``/``; raise :class:`InvalidInputError` if unusable."""
    problem = endpoint_problem(url)
    if problem is not None:
        from aitems_desktop.core.errors import InvalidInputError

        raise InvalidInputError(problem)
    return url.strip().rstrip("/")


@dataclass(frozen=True)
class Connection:
    """An endpoint and the keys to sign for it. The secret never appears in ``repr``."""

    #: The profile's name, "environment" or "sandbox": shown in the title and status bar.
    label: str
    base_url: str
    access_key: str
    secret_key: str = field(repr=False)
    #: Where the keys came from, in words for the status bar.
    source: str = ""
    is_sandbox: bool = False
    from_environment: bool = False
    #: The secret lives in memory only, because no usable keyring was found.
    session_only: bool = False
    timeout: tuple[float, float] = DEFAULT_TIMEOUT
    proxy: str | None = None
    ca_bundle: str | None = None
    #: Object Storage for the datasets' files (the same keys sign for it).
    object_storage_url: str = DEFAULT_OBJECT_STORAGE_ENDPOINT
    object_storage_region: str = DEFAULT_OBJECT_STORAGE_REGION

    def engine(self, **options: Any) -> Engine:
        """An engine for this connection; ``options`` go to :class:`Engine` as they are.

        Imported here, not at the top: holding a connection must not pull in ``requests``.
        """
        from aitems_desktop.core.engine import Engine

        options.setdefault("timeout", self.timeout)
        return Engine(
            self.base_url,
            self.access_key,
            self.secret_key,
            proxy=self.proxy,
            ca_bundle=self.ca_bundle,
            **options,
        )

    def client(self, **options: Any) -> AitemsClient:
        """The first window's service client over a new engine for this connection."""
        from aitems_desktop.core.client import AitemsClient

        options.setdefault("timeout", self.timeout)
        return AitemsClient(
            self.base_url,
            self.access_key,
            self.secret_key,
            proxy=self.proxy,
            ca_bundle=self.ca_bundle,
            **options,
        )

    def api(self, **options: Any) -> AitemsApi:
        """The typed API over a new engine for this connection."""
        from aitems_desktop.core.api import AitemsApi

        return AitemsApi(self.engine(**options))
