"""The job behind "Test connection": one signed ``GET /services?offset=0&limit=1``.

Runs on a worker thread; :class:`ConnectionTest` keeps the client so that the GUI thread can
cancel the request (closing the dialog) and wake a blocked read at once.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from pydantic import SecretStr

from aitems_desktop.core.connection import Connection
from aitems_desktop.core.credentials import CredentialError, CredentialStore
from aitems_desktop.core.profiles import Profile

if TYPE_CHECKING:
    from aitems_desktop.core.client import AitemsClient


class ConnectionTest:
    """Test ``profile`` with the typed secret, or else the one stored for ``stored_name``."""

    def __init__(
        self,
        profile: Profile,
        typed_secret: SecretStr | None,
        stored_name: str | None,
        credentials: CredentialStore,
    ) -> None:
        self._profile = profile
        self._typed = typed_secret
        self._stored_name = stored_name
        self._credentials = credentials
        # The client is made on the worker thread and cancelled from the GUI thread.
        self._lock = threading.Lock()
        self._client: AitemsClient | None = None
        self._cancelled = False

    def run(self) -> str:
        """Make the call; return the endpoint that accepted the keys, or raise the error."""
        secret = self._typed
        if secret is None and self._stored_name is not None:
            store, name = self._credentials, self._stored_name
            secret = store.call(lambda: store.get(name))
        if secret is None:
            raise CredentialError(
                f"No secret key is stored for profile “{self._stored_name}”.",
                "Type the secret key, then test again.",
            )
        profile = self._profile
        connection = Connection(
            label=profile.name,
            base_url=profile.endpoint,
            access_key=profile.access_key,
            secret_key=secret.get_secret_value(),
            timeout=profile.timeout,
            proxy=profile.proxy,
            ca_bundle=None if profile.ca_bundle is None else str(profile.ca_bundle),
        )
        # One attempt: the verdict is about these keys now, not after a round of retries.
        client = connection.client(max_attempts=1)
        with self._lock:
            self._client = client
            cancelled = self._cancelled
        if cancelled:
            client.cancel()
        try:
            client.list_services(offset=0, limit=1)
        finally:
            client.close()
        return profile.endpoint

    def cancel(self) -> None:
        """Stop the request in flight (safe from any thread)."""
        with self._lock:
            self._cancelled = True
            client = self._client
        if client is not None:
            client.cancel()
