"""The .deb on a fresh Debian 12: apt installs it with what it depends on, both programs run
(the app's self-test on a real X server, Xvfb), and removing it leaves the system as it was.

The system is made with debootstrap from the mirror this machine's apt uses (cached between
runs: see debian_chroot.py) and run as a chroot, so this needs root.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from build_support import CLI, FIGURES, NAME, Build, need
from debian_chroot import apt_mirror, base_tarball_exists, file_list, fresh_system, in_chroot

pytestmark = [pytest.mark.slow, pytest.mark.timeout(2400)]


def _ok(root: Path, command: str, timeout: float = 600) -> str:
    result = in_chroot(root, command, timeout=timeout)
    assert result.returncode == 0, (
        f"{command!r} exited {result.returncode}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    return result.stdout


def test_deb_installs_runs_and_removes_cleanly_on_fresh_debian_12(
    build: Build, tmp_path: Path
) -> None:
    need(shutil.which("debootstrap"), "the debootstrap command (.ci/run installs it)")
    need(os.geteuid() == 0, "root, to make and enter a chroot")
    started = time.monotonic()
    cached = base_tarball_exists(apt_mirror())
    with fresh_system(tmp_path, apt_mirror()) as root:
        assert _ok(root, "cat /etc/debian_version").startswith("12.")
        _ok(root, "apt-get update -qq", timeout=900)
        before = file_list(root)
        assert "/usr/lib/x86_64-linux-gnu" in before or "/usr/lib" in before

        shutil.copyfile(build.deb, root / "tmp" / build.deb.name)
        _ok(
            root,
            f"apt-get install -y -qq --no-install-recommends /tmp/{build.deb.name}",
            timeout=1200,
        )
        assert _ok(root, f"{NAME} --version").strip() == f"{NAME} {build.version}"
        assert _ok(root, f"{CLI} --version").strip() == f"{CLI} {build.version}"
        for program in (NAME, CLI):
            assert _ok(root, f"command -v {program}").strip() == f"/usr/bin/{program}"
        # The real window on an X server through the xcb plugin: the libraries apt installed
        # from Depends are all it has (no display, no session bus, a throwaway home).
        out = _ok(
            root,
            "mkdir -p /tmp/home && HOME=/tmp/home XDG_RUNTIME_DIR= "
            f"xvfb-run -a -s '-screen 0 1280x800x24' {NAME} --self-test",
            timeout=300,
        )
        report = json.loads([line for line in out.splitlines() if line.strip()][-1])
        assert report["ok"] is True, report
        assert _ok(root, "man -w aitems 2>/dev/null || ls /usr/share/man/man1/aitems.1.gz")

        _ok(root, f"apt-get remove -y -qq {NAME}")
        _ok(root, "apt-get autoremove -y -qq --purge")
        after = file_list(root)
        assert (
            _ok(root, "dpkg-query -W -f='${Status}' aitems-desktop 2>&1 || true").find(
                "install ok installed"
            )
            == -1
        )
        assert sorted(after - before) == [], "left behind"
        assert sorted(before - after) == [], "removed though not the package's"
        assert ("/opt" in before) == ("/opt" in after)
    base = "cached" if cached else "made by debootstrap"
    FIGURES[f"install test (base {base})"] = f"{time.monotonic() - started:.0f} s"
