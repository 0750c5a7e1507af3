"""What the window talks to: an endpoint and a key pair, with where they came from.

Qt-free and import-light on purpose: app.py builds one before the first paint.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: The documented AiTEMS endpoint; the sandbox, a proxy or a private endpoint replaces it.
DEFAULT_BASE_URL = "https://aitems.apigw.ntruss.com/api/v1"


@dataclass(frozen=True)
class Connection:
    """An endpoint and the keys to sign for it. The secret never appears in ``repr``."""

    label: str
    base_url: str
    access_key: str
    secret_key: str = field(repr=False)
    is_sandbox: bool = False
    #: Where the keys came from, in words for the status bar ("environment", "sandbox", ...).
    source: str = ""
