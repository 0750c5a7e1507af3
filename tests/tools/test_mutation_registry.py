"""The mutation score's registry of equivalent mutants (tools/mutation/run.py).

An entry counts only while its mutant survives making exactly the change written down;
anything else (the mutant killed, the code moved under the entry) must not count.
"""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_run() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutation_run", ROOT / "tools/mutation/run.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


run = _load_run()

# How mutmut 3 writes a mutated module: the original and every mutant as functions.
MUTATED = textwrap.dedent(
    '''
    def x_sign__mutmut_orig(
        secret: str,
    ) -> bytes:
        """Doc."""
        return secret.encode("utf-8")


    def x_sign__mutmut_1(
        secret: str,
    ) -> bytes:
        """Doc."""
        return secret.encode("UTF-8")


    def x_pad__mutmut_orig(secret: str = "a") -> bytes:
        return secret.encode()


    def x_pad__mutmut_3(secret: str = "XXaXX") -> bytes:
        return secret.encode()


    class Engine:
        def xǁEngineǁcancel__mutmut_orig(self) -> None:
            self._generation += 1

        def xǁEngineǁcancel__mutmut_2(self) -> None:
            self._generation += 2


    def x_twice__mutmut_orig(a: str) -> str:
        a = a.encode("utf-8")
        return a.encode("utf-8")


    def x_twice__mutmut_1(a: str) -> str:
        a = a.encode("UTF-8")
        return a.encode("utf-8")


    def x_twice__mutmut_2(a: str) -> str:
        a = a.encode("utf-8")
        return a.encode("UTF-8")
    '''
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    module = tmp_path / "mutants" / "pkg" / "core" / "signing.py"
    module.parent.mkdir(parents=True)
    module.write_text(MUTATED, "utf-8")
    return tmp_path


def test_the_change_is_the_line_before_and_after(root: Path) -> None:
    assert run.change("pkg.core.signing.x_sign__mutmut_1", root) == (
        '@ line 5\n- return secret.encode("utf-8")\n+ return secret.encode("UTF-8")'
    )
    assert run.change("pkg.core.signing.xǁEngineǁcancel__mutmut_2", root) == (
        "@ line 2\n- self._generation += 1\n+ self._generation += 2"
    )
    assert run.change("pkg.core.signing.x_pad__mutmut_3", root) == (
        '@ line 1\n- def NAME(secret: str = "a") -> bytes:\n'
        '+ def NAME(secret: str = "XXaXX") -> bytes:'
    )
    # The same line twice in one function: the place tells the two mutants apart.
    first = run.change("pkg.core.signing.x_twice__mutmut_1", root)
    second = run.change("pkg.core.signing.x_twice__mutmut_2", root)
    assert first.splitlines()[0] == "@ line 2"
    assert second.splitlines()[0] == "@ line 3"
    with pytest.raises(KeyError):
        run.change("pkg.core.signing.x_sign__mutmut_9", root)
    with pytest.raises(KeyError):
        run.change("pkg.core.nowhere.x_sign__mutmut_1", root)


def test_an_entry_counts_only_for_a_survivor_making_the_same_change(root: Path) -> None:
    name = "pkg.core.signing.x_sign__mutmut_1"
    before_after = '@ line 5\n- return secret.encode("utf-8")\n+ return secret.encode("UTF-8")'
    entry = run.Equivalent(name, before_after, "codec names ignore case")
    registry = {name: entry}
    assert run.equivalents({name: "survived"}, registry, root) == ({name}, [])
    # Not run yet: neither explained nor stale; absent from these results: not looked at.
    assert run.equivalents({name: "not checked"}, registry, root) == (set(), [])
    assert run.equivalents({}, registry, root) == (set(), [])
    # Killed since: nothing to explain, and the entry can go.
    explained, stale = run.equivalents({name: "killed"}, registry, root)
    assert explained == set()
    assert stale == [f"{name}: killed now, so the entry can go"]
    # The code moved under the entry: the survivor is not explained, the entry is stale.
    moved = {name: run.Equivalent(name, '- x\n+ return secret.encode("ASCII")', "old")}
    explained, stale = run.equivalents({name: "survived"}, moved, root)
    assert explained == set()
    assert len(stale) == 1
    assert "ASCII" in stale[0]
    # The same change in another place of the function does not count either.
    elsewhere = {name: run.Equivalent(name, before_after.replace("line 5", "line 4"), "old")}
    assert run.equivalents({name: "survived"}, elsewhere, root)[0] == set()


def test_equivalent_mutants_leave_the_count() -> None:
    statuses = {"a": "killed", "b": "killed", "c": "survived", "d": "survived", "e": "skipped"}
    assert run.score(statuses) == pytest.approx(50.0)
    assert run.score(statuses, equivalent=1) == pytest.approx(100.0 * 2 / 3)
    assert run.score({"a": "not checked", "b": "killed"}) == pytest.approx(50.0)


def test_the_registry_names_each_mutant_once_with_its_reason(tmp_path: Path) -> None:
    registry = run.load_registry()
    assert all(entry.why.strip() and entry.change for entry in registry.values())
    twice = tmp_path / "twice.toml"
    twice.write_text("[[mutant]]\nname = 'a'\nchange = 'x'\nwhy = 'y'\n" * 2, "utf-8")
    with pytest.raises(SystemExit, match="twice"):
        run.load_registry(twice)


def test_the_report_names_an_entry_whose_mutant_is_gone(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    killed = "pkg.core.signing.x_sign__mutmut_1"
    gone = "pkg.core.signing.x_gone__mutmut_3"
    monkeypatch.setattr(run, "results", lambda: {"signing": {killed: "killed"}})
    monkeypatch.setattr(run, "load_registry", lambda: {gone: run.Equivalent(gone, "- a", "why")})
    assert run.report() is True
    assert f"{gone}: no such mutant" in capsys.readouterr().out


def test_a_report_without_results_says_how_to_make_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run, "results", dict)
    with pytest.raises(SystemExit, match=r"`uv run python tools/mutation/run\.py` makes them"):
        run.report()
