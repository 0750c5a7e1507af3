"""load_core: the first import of the core happens once, however many threads ask at once."""

from __future__ import annotations

import subprocess
import sys

_DRIVER = """
import sys, threading
from aitems_desktop.core.loading import load_core

errors = []
start = threading.Barrier(8)

def ask():
    start.wait()
    try:
        load_core()
        from aitems_desktop.core.models import CreateServiceRequest
        from aitems_desktop.core.profiles import resolve_credentials
        CreateServiceRequest(name="abc")
        assert resolve_credentials is not None
    except BaseException as exc:
        errors.append(repr(exc))

threads = [threading.Thread(target=ask) for _ in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
loaded = [m for m in ("aitems_desktop.core.client", "aitems_desktop.core.credentials",
                      "aitems_desktop.core.profiles", "keyring") if m in sys.modules]
print(errors, loaded)
sys.exit(1 if errors or len(loaded) != 4 else 0)
"""


def test_concurrent_first_loads_all_succeed() -> None:
    result = subprocess.run([sys.executable, "-c", _DRIVER], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
