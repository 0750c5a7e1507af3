"""The job behind "Test connection": one signed ``GET /services?offset=0&limit=1``.

Runs on a worker thread; :class:`ConnectionTest` keeps the client so that the GUI thread can
cancel the request (closing the dialog) and wake a blocked read at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import SecretStr

from aitems_desktop.core.credentials import CredentialError, CredentialStore
from aitems_desktop.core.profiles import Profile, profile_connection

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
        # The client is made on the worker thread and cancelled from the GUI thread, without
        # a lock: each side writes its own flag first and then reads the other's, so at least
        # one of them sees both and cancels (twice is harmless).
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
        connection = profile_connection(profile, secret)
        # One attempt: the verdict is about these keys now, not after a round of retries.
        client = connection.client(max_attempts=1)
        self._client = client
        if self._cancelled:
            client.cancel()
        try:
            client.list_services(offset=0, limit=1)
        finally:
            client.close()
        return profile.endpoint

    def cancel(self) -> None:
        """Stop the request in flight (safe from any thread)."""
        self._cancelled = True
        client = self._client
        if client is not None:
            client.cancel()
