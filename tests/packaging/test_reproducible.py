"""Two builds of one commit, from two clones in different folders, give the same bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from build_support import Build, run

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]


def _digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def test_two_builds_of_one_commit_give_identical_installers(builds: tuple[Build, Build]) -> None:
    build, again = builds
    assert again.src != build.src
    # Name the files that differ first: a bare "the bytes differ" helps nobody.
    first, second = _digests(build.root), _digests(again.root)
    differing = sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))
    assert not differing, "differ between the two builds:\n" + "\n".join(differing)
    control = [run(["dpkg-deb", "--info", b.deb]) for b in (build, again)]
    assert control[0] == control[1]
    assert build.deb.read_bytes() == again.deb.read_bytes()
    assert build.tarball.read_bytes() == again.tarball.read_bytes()
