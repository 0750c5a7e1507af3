"""The packaging tests share one build of the Linux installers from a clean clone."""

from __future__ import annotations

import sys

import pytest
from build_support import Build, build_clean_clone


@pytest.fixture(scope="session")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    if not sys.platform.startswith("linux"):
        pytest.skip("the .deb is built on Linux; other installers are built by CI on their OS")
    return build_clean_clone(tmp_path_factory.mktemp("linux-build"))
