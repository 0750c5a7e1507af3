"""A CSV or csv.gz file read as blocks of whole lines of UTF-8 text, with where each starts.

Reading bytes and decoding them here (rather than through ``TextIOWrapper``) is what lets a
decoding error name its line and column, and what gives progress as a byte position: of the
file for a csv, of the compressed file for a csv.gz. Every way a file can fail to be UTF-8 CSV
text ends in :class:`FatalProblemError` carrying a problem for the report.
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Final

from aitems_desktop.core.csvfile.problems import CsvCheckError, Problem, ProblemKind, excerpt
from aitems_desktop.core.i18n import QT_TRANSLATE_NOOP

BLOCK_BYTES: Final = 1 << 20
#: A line longer than this is not a dataset row: the file is not line-based text.
MAX_LINE_BYTES: Final = 16 << 20
_SNIFF_BYTES: Final = 8192
_BOM: Final = b"\xef\xbb\xbf"

#: Leading bytes of formats people send instead of a CSV.
_MAGIC: Final = (
    (b"PK\x03\x04", "a zip archive"),
    (b"PK\x05\x06", "a zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Excel 97-2003 workbook (xls)"),
    (b"BZh", "a bzip2 file (only gzip is accepted)"),
    (b"\xfd7zXZ\x00", "an xz file (only gzip is accepted)"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard file (only gzip is accepted)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"PAR1", "a Parquet file"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)
_UTF16_32: Final = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


class FatalProblemError(CsvCheckError):
    """The file cannot be read further as CSV text; ``problem`` says why and where.

    :func:`~.check.check_file` reports it as the last problem of its report;
    :func:`~.infer.propose_schema` raises it.
    """

    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "Save the file as comma-separated UTF-8 text (in Excel: CSV UTF-8)."
    )

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass(frozen=True)
class Block:
    """Whole lines of text, each ending in ``\\n``, and the number of the first one (from 1)."""

    text: str
    first_line: int
    #: Bytes of the file on disk read so far (for csv.gz, compressed bytes).
    position: int


def _what_it_is(head: bytes) -> str | None:
    for magic, name in _MAGIC:
        if head.startswith(magic):
            if name == "a zip archive" and (b"[Content_Types].xml" in head or b"xl/" in head):
                return "an Excel workbook (xlsx)"
            return name
    return None


def _encoding_hint(line: bytes) -> str:
    """A guess at the encoding a non-UTF-8 line is in, for the message."""
    for codec, script, label in (
        ("cp949", (0xAC00, 0xD7A3), "CP949 (EUC-KR), what Excel on Korean Windows saves"),
        ("cp932", (0x3040, 0x30FF), "Shift_JIS (CP932), what Excel on Japanese Windows saves"),
    ):
        try:
            text = line.decode(codec)
        except UnicodeDecodeError:
            continue
        if any(script[0] <= ord(ch) <= script[1] for ch in text):
            return f" It looks like {label}."
    return ""


class CsvSource:
    """Opens ``path`` (csv or csv.gz, told apart by content) and yields :class:`Block` s."""

    def __init__(self, path: str | os.PathLike[str], block_bytes: int = BLOCK_BYTES) -> None:
        self.path = Path(path)
        self.block_bytes = block_bytes
        try:
            self.size = self.path.stat().st_size
            self._raw: BinaryIO = open(self.path, "rb")  # noqa: SIM115 (closed by close())
        except OSError as exc:
            raise CsvCheckError(
                f"cannot open {self.path}: {exc.strerror or exc}", path=str(path)
            ) from exc
        self.compressed = False
        self.bom = False
        self._stream: BinaryIO = self._raw
        self._head = b""

    def __enter__(self) -> CsvSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._stream is not self._raw:
            self._stream.close()
        self._raw.close()

    @property
    def position(self) -> int:
        return self._raw.tell()

    def _read(self, size: int, line: int) -> bytes:
        try:
            return self._stream.read(size)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            raise FatalProblemError(
                Problem(
                    ProblemKind.GZIP_CORRUPT,
                    f"the gzip data is damaged or cut short after line {line - 1:,} ({exc})",
                    line=line,
                )
            ) from exc
        except OSError as exc:
            raise CsvCheckError(f"cannot read {self.path}: {exc.strerror or exc}") from exc

    def sniff(self) -> None:
        """Look at the first bytes: refuse what is not CSV text, open gzip, note a BOM."""
        try:
            head = self._raw.read(_SNIFF_BYTES)
            if head.startswith(b"\x1f\x8b"):
                self._raw.seek(0)
        except OSError as exc:
            raise CsvCheckError(f"cannot read {self.path}: {exc.strerror or exc}") from exc
        if not head:
            raise FatalProblemError(Problem(ProblemKind.EMPTY_FILE, "the file is empty"))
        if head.startswith(b"\x1f\x8b"):
            self.compressed = True
            self._stream = gzip.GzipFile(fileobj=self._raw, mode="rb")  # type: ignore[assignment]
            head = self._read(_SNIFF_BYTES, 1)
            if not head:
                raise FatalProblemError(
                    Problem(ProblemKind.EMPTY_FILE, "the gzip file holds no data")
                )
        kind = _what_it_is(head)
        if kind:
            inside = " inside the gzip file" if self.compressed else ""
            raise FatalProblemError(
                Problem(ProblemKind.NOT_CSV, f"this is {kind}{inside}, not a CSV text file")
            )
        for bom, name in _UTF16_32:
            if head.startswith(bom):
                raise FatalProblemError(
                    Problem(
                        ProblemKind.ENCODING,
                        f"the file is {name} text; AiTEMS reads UTF-8: save it as UTF-8",
                        line=1,
                    )
                )
        if b"\x00" in head:
            odd_nuls = head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4
            message = (
                "the file looks like UTF-16 text without a byte order mark; save it as UTF-8"
                if odd_nuls
                else "the file holds NUL bytes: it is binary data, not CSV text"
            )
            kind_ = ProblemKind.ENCODING if odd_nuls else ProblemKind.BINARY
            raise FatalProblemError(Problem(kind_, message, line=1))
        if head.startswith(_BOM):
            self.bom = True
            head = head[len(_BOM) :]
        self._head = head

    def _decode(self, data: bytes, first_line: int) -> str:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = first_line + data.count(b"\n", 0, exc.start)
            start = data.rfind(b"\n", 0, exc.start) + 1
            end = data.find(b"\n", exc.start)
            whole = data[start : end if end >= 0 else len(data)]
            column = len(data[start : exc.start].decode("utf-8", "replace")) + 1
            bad = data[exc.start : min(exc.end + 2, exc.start + 4)].hex(" ")
            raise FatalProblemError(
                Problem(
                    ProblemKind.ENCODING,
                    f"the bytes {bad} are not UTF-8; AiTEMS reads UTF-8 files."
                    f"{_encoding_hint(whole)} Save the file as UTF-8 (in Excel: CSV UTF-8).",
                    line=line,
                    column=column,
                    value=excerpt(whole.decode("utf-8", "replace")),
                )
            ) from exc

    def blocks(self) -> Iterator[Block]:
        """The file's text, block by block; call :meth:`sniff` first."""
        pending = self._head
        line = 1
        eof = False
        while not eof:
            chunk = self._read(self.block_bytes, line)
            eof = not chunk
            data = pending + chunk if pending else chunk
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                self._no_line_break(data, line)
            if eof:
                cut = len(data)
            elif cut == 0:
                pending = data
                continue
            block, pending = data[:cut], data[cut:]
            if not block:
                break
            text = self._decode(block, line)
            if not text.endswith("\n"):
                text += "\n"
            if "\x00" in text:
                at = text.index("\x00")
                raise FatalProblemError(
                    Problem(
                        ProblemKind.BINARY,
                        "a NUL character: the file holds binary data, not CSV text",
                        line=line + text.count("\n", 0, at),
                    )
                )
            yield Block(text, line, self.position)
            line += text.count("\n")

    def _no_line_break(self, data: bytes, line: int) -> None:
        if b"\r" in data:
            raise FatalProblemError(
                Problem(
                    ProblemKind.LINE_ENDINGS,
                    "lines end with a bare carriage return (CR), as on classic Mac OS; save "
                    "the file with LF or CRLF line endings",
                    line=line,
                )
            )
        if len(data) > MAX_LINE_BYTES:
            raise FatalProblemError(
                Problem(
                    ProblemKind.LINE_TOO_LONG,
                    f"line {line:,} is longer than {MAX_LINE_BYTES >> 20} MB: this is not a "
                    "line-based CSV file",
                    line=line,
                    value=excerpt(data[:200].decode("utf-8", "replace")),
                )
            )
