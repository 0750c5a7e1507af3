"""A local AiTEMS emulator on loopback, for demo mode and tests (Qt-free)."""
