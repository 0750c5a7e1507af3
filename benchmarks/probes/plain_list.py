"""The baseline for ``aitems services list --output json``: the least a script can do.

It signs ``GET /api/v1/services?offset=0&limit=1000`` by hand (the documented HMAC), sends it
with requests, and prints the JSON. It imports nothing from the project, so it measures
Python, requests and the call alone. Keys and endpoint come from the environment, as for
the command.
"""

import base64
import hashlib
import hmac
import json
import os
import time
from urllib.parse import urlsplit

import requests

access = os.environ["NCLOUD_ACCESS_KEY"]
secret = os.environ["NCLOUD_SECRET_KEY"]
base = os.environ["AITEMS_ENDPOINT"].rstrip("/")
url = f"{base}/services?offset=0&limit=1000"
parts = urlsplit(url)
target = f"{parts.path}?{parts.query}"
timestamp = str(int(time.time() * 1000))
message = f"GET {target}\n{timestamp}\n{access}".encode()
signature = base64.b64encode(hmac.new(secret.encode(), message, hashlib.sha256).digest())
response = requests.get(
    url,
    headers={
        "x-ncp-apigw-timestamp": timestamp,
        "x-ncp-iam-access-key": access,
        "x-ncp-apigw-signature-v2": signature.decode(),
        "Content-Type": "application/json",
    },
    timeout=(10, 60),
)
response.raise_for_status()
print(json.dumps(response.json(), ensure_ascii=False, indent=2))
