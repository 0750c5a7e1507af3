"""What the app talks to: an endpoint and a key pair, with where they came from.

Standard library only, on purpose: the window holds one before requests or pydantic load.
Profiles (:mod:`aitems_desktop.core.profiles`), the environment and the built-in sandbox all
resolve to this one type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from aitems_desktop.core.client import AitemsClient

#: The documented AiTEMS endpoint; a proxy, a private endpoint or the sandbox replaces it.
DEFAULT_ENDPOINT: Final = "https://aitems.apigw.ntruss.com/api/v1"
DEFAULT_CONNECT_TIMEOUT_S: Final = 10.0
DEFAULT_READ_TIMEOUT_S: Final = 60.0
DEFAULT_TIMEOUT: Final = (DEFAULT_CONNECT_TIMEOUT_S, DEFAULT_READ_TIMEOUT_S)


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

    def client(self, **options: Any) -> AitemsClient:
        """A client for this connection; ``options`` go to :class:`AitemsClient` as they are.

        Imported here, not at the top: holding a connection must not pull in ``requests``.
        """
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
