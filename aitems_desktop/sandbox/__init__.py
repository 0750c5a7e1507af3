"""A local AiTEMS emulator on loopback, for demo mode and tests (Qt-free).

:class:`SandboxServer` is a real HTTP server that checks requests the way the NCP API
gateway does and answers the service endpoints the way AiTEMS does; :class:`Fault` names
the failures it can inject. See docs/sandbox.md.
"""

from aitems_desktop.sandbox.backend import ReceivedRequest
from aitems_desktop.sandbox.faults import Fault
from aitems_desktop.sandbox.server import SandboxServer

__all__ = ["Fault", "ReceivedRequest", "SandboxServer"]
