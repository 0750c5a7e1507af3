"""Sets of ids too large for memory: 64-bit digests, partitioned into temporary files.

A user or item file may hold tens of millions of ids. Held as Python strings in a ``set``
they would take several gigabytes; here each id becomes its 64-bit digest (Python's own
``hash`` of the string: SipHash, keyed per process, which is all a single check needs), and
the digests are routed by their top bits into ``FANOUT`` files of 8 bytes an entry. At the
end each file is read back, split again if it is still larger than ``LEAF_ENTRIES``, and
compared in memory, so memory stays under about ``LEAF_ENTRIES`` Python ints (about 25 MB)
whatever the number of ids. The routing itself is C code: a sorted list is cut with
``bisect`` and each slice appended to an ``array``.

Two different ids share a digest with probability about n²/2⁶⁵ among n ids (3·10⁻⁶ for ten
million). The checker uses digests only to find candidates and confirms every duplicate on the
strings themselves, so a collision costs a second read of the file, never a wrong report. For
the cross-check a collision can hide one missing id (counted as present); the probability is
about m·n/2⁶⁴ for m missing ids, below 10⁻⁵ for ten million of each.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import operator
import os
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Final

FANOUT: Final = 16
#: Digests held in memory per partition before they are appended to its file.
BUFFER_ENTRIES: Final = 1 << 15
#: The largest partition compared in memory; larger ones are split again.
LEAF_ENTRIES: Final = 1 << 19
_LOW: Final = -(2**63)
_SPAN: Final = 2**64
_ENTRY: Final = array("q").itemsize


def digest(value: str) -> int:
    """The 64-bit digest of an id (stable within this process only)."""
    return hash(value)


def digests(values: Iterable[str]) -> list[int]:
    return list(map(hash, values))


class _Partitions:
    """Digests in the range [low, low + width), routed into FANOUT files by their next bits."""

    def __init__(self, directory: Path, low: int, width: int) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.low = low
        self.width = width
        self.step = width // FANOUT
        self.bounds = [low + i * self.step for i in range(1, FANOUT)]
        self.buffers = [array("q") for _ in range(FANOUT)]
        self.files: list[BinaryIO | None] = [None] * FANOUT
        self.sizes = [0] * FANOUT

    def path(self, index: int) -> Path:
        return self.directory / f"{index:02d}.bin"

    def add_sorted(self, ordered: list[int]) -> None:
        start = 0
        for index, bound in enumerate([*self.bounds, None]):
            end = len(ordered) if bound is None else bisect.bisect_left(ordered, bound, start)
            if end > start:
                buffer = self.buffers[index]
                buffer.extend(ordered[start:end])
                self.sizes[index] += end - start
                if len(buffer) >= BUFFER_ENTRIES:
                    self._flush(index)
            start = end

    def _flush(self, index: int) -> None:
        buffer = self.buffers[index]
        if not buffer:
            return
        handle = self.files[index]
        if handle is None:
            handle = self.files[index] = open(self.path(index), "ab")  # noqa: SIM115
        buffer.tofile(handle)
        del buffer[:]

    def finish(self) -> None:
        for index in range(FANOUT):
            self._flush(index)
            handle = self.files[index]
            if handle is not None:
                handle.close()
                self.files[index] = None

    def read_pieces(self, index: int, piece: int = LEAF_ENTRIES) -> Iterator[array[int]]:
        path = self.path(index)
        if not path.exists():
            return
        with open(path, "rb") as handle:
            while True:
                chunk = array("q")
                data = handle.read(piece * _ENTRY)
                if not data:
                    return
                chunk.frombytes(data)
                yield chunk

    def read_all(self, index: int) -> array[int]:
        whole = array("q")
        for chunk in self.read_pieces(index):
            whole.extend(chunk)
        return whole

    def remove(self) -> None:
        self.finish()
        for index in range(FANOUT):
            with contextlib.suppress(FileNotFoundError):
                os.remove(self.path(index))
        with contextlib.suppress(OSError):
            self.directory.rmdir()


class DigestSpill:
    """A multiset of 64-bit id digests kept in partition files under ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.count = 0
        self._top = _Partitions(directory, _LOW, _SPAN)
        self._finished = False

    def add(self, values: Iterable[str]) -> None:
        ordered = sorted(map(hash, values))
        self.count += len(ordered)
        self._top.add_sorted(ordered)

    def finish(self) -> None:
        if not self._finished:
            self._top.finish()
            self._finished = True

    def close(self) -> None:
        """Delete the files."""
        self._top.remove()


def _leaves(
    parts: list[_Partitions], index: int, scratch: Path, depth: int = 0
) -> Iterator[list[array[int]]]:
    """The aligned contents of partition ``index`` of each of ``parts``, split until small."""
    total = sum(p.sizes[index] for p in parts)
    if total <= LEAF_ENTRIES or parts[0].step < FANOUT:
        yield [p.read_all(index) for p in parts]
        return
    low = parts[0].low + index * parts[0].step
    children = [
        _Partitions(scratch / f"d{depth}-{n}-{index}", low, parts[0].step)
        for n in range(len(parts))
    ]
    try:
        for part, child in zip(parts, children, strict=True):
            for chunk in part.read_pieces(index):
                child.add_sorted(sorted(chunk))
            child.finish()
        for sub in range(FANOUT):
            yield from _leaves(children, sub, scratch, depth + 1)
    finally:
        for child in children:
            child.remove()


def _aligned(spills: list[DigestSpill]) -> Iterator[list[array[int]]]:
    for spill in spills:
        spill.finish()
    parts = [s._top for s in spills]
    scratch = spills[0].directory / "split"
    for index in range(FANOUT):
        yield from _leaves(parts, index, scratch)


def repeated(spill: DigestSpill) -> Counter[int]:
    """Digests that occur more than once, with how many times each occurs."""
    found: Counter[int] = Counter()
    for (leaf,) in _aligned([spill]):
        ordered = sorted(leaf)
        following = itertools.islice(ordered, 1, None)
        if not any(map(operator.eq, ordered, following)):
            continue
        previous = None
        for value in ordered:
            if value == previous:
                found[value] += 1
            previous = value
    for value in found:
        found[value] += 1
    return found


def missing(wanted: DigestSpill, present: DigestSpill, keep: int) -> tuple[int, int, set[int]]:
    """Entries of ``wanted`` whose digest is not in ``present``.

    Returns the number of entries (with repeats), of distinct digests, and up to ``keep`` of
    those digests (the first found; leaves are visited in digest order, which is unrelated
    to file order).
    """
    rows = 0
    distinct = 0
    kept: set[int] = set()
    for leaf_wanted, leaf_present in _aligned([wanted, present]):
        counts = Counter(leaf_wanted)
        absent = counts.keys() - set(leaf_present)
        distinct += len(absent)
        rows += sum(counts[d] for d in absent)
        room = keep - len(kept)
        if room > 0:
            kept.update(itertools.islice(absent, room))
    return rows, distinct, kept
