"""check_file: for each rule a file that breaks exactly that rule, and files that pass."""

from __future__ import annotations

import gzip
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aitems_desktop.core.csvfile import (
    CheckCancelledError,
    CheckPhase,
    CheckProgress,
    CheckReport,
    CsvCheckError,
    ProblemKind,
    check_file,
)
from aitems_desktop.core.csvfile import digests as digest_sets
from aitems_desktop.core.csvfile.values import grammar_for
from aitems_desktop.core.errors import AitemsError, CancelledError
from aitems_desktop.core.rules import SchemaField

INTERACTION = [
    SchemaField("USER_ID", ("string",)),
    SchemaField("ITEM_ID", ("string",)),
    SchemaField("TIMESTAMP", ("long",)),
    SchemaField("EVENT_TYPE", ("string", "null")),
]
USER = [
    SchemaField("USER_ID", ("string",)),
    SchemaField("AGE", ("int", "null")),
    SchemaField("VIP", ("boolean",)),
]
ITEM = [
    SchemaField("ITEM_ID", ("string",)),
    SchemaField("PRICE", ("double",)),
    SchemaField("STOCK", ("long", "null")),
]
GOOD_INTERACTIONS = (
    "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n"
    "u1,i1,1700000000,click\n"
    'u2,"i,2",1700000001,\n'
    'u3,i3,"1700000002",""\n'
    "u1,i2,-5,purchase\r\n"
)


def write(tmp_path: Path, text: str, name: str = "data.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def kinds(report: CheckReport) -> set[ProblemKind]:
    return set(report.counts)


def only(report: CheckReport, kind: ProblemKind) -> None:
    assert kinds(report) == {kind}, report.to_text()


def test_a_good_interaction_file_passes(tmp_path: Path) -> None:
    report = check_file(write(tmp_path, GOOD_INTERACTIONS), "interaction", INTERACTION)
    assert not report.counts, report.to_text()
    assert report.rows == 4
    assert report.header == ("USER_ID", "ITEM_ID", "TIMESTAMP", "EVENT_TYPE")


def test_good_user_and_item_files_pass(tmp_path: Path) -> None:
    users = write(tmp_path, "USER_ID,AGE,VIP\nu1,30,true\nu2,,FALSE\nu3,+7,False\n", "u.csv")
    items = write(tmp_path, "ITEM_ID,PRICE,STOCK\ni1,1.5,3\ni2,2,\ni3,.5e3,9223372036854775807\n")
    assert not check_file(users, "user", USER).counts
    assert not check_file(items, "item", ITEM).counts


def test_fields_may_come_as_tuples_or_api_json(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_INTERACTIONS)
    as_tuples = [(f.name, list(f.types)) for f in INTERACTION]
    as_json = [{"name": f.name, "type": list(f.types), "categorical": False} for f in INTERACTION]
    assert check_file(path, "interaction", as_tuples).ok
    assert check_file(path, "interaction", as_json).ok


def test_gzip_and_bom_are_read(tmp_path: Path) -> None:
    path = tmp_path / "data.csv.gz"
    path.write_bytes(gzip.compress(b"\xef\xbb\xbf" + GOOD_INTERACTIONS.encode()))
    report = check_file(path, "interaction", INTERACTION)
    assert not report.counts, report.to_text()
    assert report.compressed
    assert report.bom
    assert report.rows == 4


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("ITEM_ID,USER_ID,TIMESTAMP,EVENT_TYPE", ProblemKind.HEADER_ORDER),
        ("user_id,ITEM_ID,TIMESTAMP,EVENT_TYPE", ProblemKind.HEADER_CASE),
        ("USER_ID ,ITEM_ID,TIMESTAMP,EVENT_TYPE", ProblemKind.HEADER_SPACES),
    ],
)
def test_header_problems(tmp_path: Path, header: str, kind: ProblemKind) -> None:
    rows = "u1,i1,1700000000,click\n" if kind != ProblemKind.HEADER_ORDER else "i1,u1,17,x\n"
    report = check_file(write(tmp_path, header + "\n" + rows), "interaction", INTERACTION)
    only(report, kind)
    assert report.problems[0].line == 1


def test_missing_and_extra_columns(tmp_path: Path) -> None:
    text = "USER_ID,ITEM_ID,EVENT_TYPE,SCORE\nu1,i1,click,3\n"
    report = check_file(write(tmp_path, text), "interaction", INTERACTION)
    assert kinds(report) == {ProblemKind.HEADER_MISSING_COLUMN, ProblemKind.HEADER_EXTRA_COLUMN}
    missing = [p for p in report.problems if p.kind is ProblemKind.HEADER_MISSING_COLUMN]
    assert missing[0].field == "TIMESTAMP"
    assert "required" in missing[0].message


def test_a_repeated_column_is_reported(tmp_path: Path) -> None:
    text = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_TYPE\nu1,i1,1,a,b\n"
    report = check_file(write(tmp_path, text), "interaction", INTERACTION)
    assert ProblemKind.HEADER_DUPLICATE in kinds(report)


def test_a_semicolon_file_is_named_as_such(tmp_path: Path) -> None:
    text = "USER_ID;ITEM_ID;TIMESTAMP;EVENT_TYPE\nu1;i1;1;click\n"
    report = check_file(write(tmp_path, text), "interaction", INTERACTION)
    only(report, ProblemKind.WRONG_DELIMITER)
    assert report.stopped_early
    assert "semicolon" in report.problems[0].message


@pytest.mark.parametrize(
    ("row", "kind", "column"),
    [
        (",i1,1700000000,click", ProblemKind.MISSING_VALUE, 1),
        ("u1,i1,,click", ProblemKind.MISSING_VALUE, 3),
        ("u1,i1,1700000000.0,click", ProblemKind.BAD_VALUE, 3),
        ("u1,i1,2024-01-01 10:00:00,click", ProblemKind.BAD_VALUE, 3),
        ("u1,i1,9223372036854775808,click", ProblemKind.OUT_OF_RANGE, 3),
        ("u1,i1,NULL,click", ProblemKind.NULL_AS_TEXT, 3),
        ("u1,i1, 17,click", ProblemKind.BAD_VALUE, 3),
        ("u1,i1,1700000000", ProblemKind.COLUMN_COUNT, 0),
        ("u1,i1,1700000000,click,extra", ProblemKind.COLUMN_COUNT, 0),
        ('u1,"i1"x,1700000000,click', ProblemKind.BAD_QUOTE, 0),
    ],
)
def test_one_bad_row(tmp_path: Path, row: str, kind: ProblemKind, column: int) -> None:
    text = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu0,i0,1,view\n" + row + "\nu9,i9,2,view\n"
    report = check_file(write(tmp_path, text), "interaction", INTERACTION)
    only(report, kind)
    (problem,) = report.problems
    assert (problem.line, problem.column) == (3, column), problem


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("2147483648", ProblemKind.OUT_OF_RANGE),
        ("-2147483649", ProblemKind.OUT_OF_RANGE),
        ("30.5", ProblemKind.BAD_VALUE),
        ("٣", ProblemKind.BAD_VALUE),
        ("1_000", ProblemKind.BAD_VALUE),
    ],
)
def test_int_range_and_digits(tmp_path: Path, value: str, kind: ProblemKind) -> None:
    text = f"USER_ID,AGE,VIP\nu1,2147483647,true\nu2,{value},false\n"
    only(check_file(write(tmp_path, text), "user", USER), kind)


@pytest.mark.parametrize("value", ["1", "0", "yes", "t", "truee"])
def test_boolean_takes_only_true_and_false(tmp_path: Path, value: str) -> None:
    text = f"USER_ID,AGE,VIP\nu1,1,TRUE\nu2,2,{value}\n"
    only(check_file(write(tmp_path, text), "user", USER), ProblemKind.BAD_VALUE)


@pytest.mark.parametrize(("value", "kind"), [("1e309", "out_of_range"), ("NaN", "null_as_text")])
def test_double_values(tmp_path: Path, value: str, kind: str) -> None:
    text = f"ITEM_ID,PRICE,STOCK\ni1,1e308,1\ni2,{value},2\n"
    only(check_file(write(tmp_path, text), "item", ITEM), ProblemKind(kind))


def test_a_repeated_user_id_names_both_lines(tmp_path: Path) -> None:
    rows = "".join(f"u{i},{i},true\n" for i in range(2000))
    text = "USER_ID,AGE,VIP\n" + rows + "u17,1,true\nu1999,2,false\n"
    report = check_file(write(tmp_path, text), "user", USER, block_bytes=4096)
    only(report, ProblemKind.DUPLICATE_KEY)
    assert report.counts[ProblemKind.DUPLICATE_KEY] == 2
    first, second = report.problems
    assert (first.line, first.value) == (2002, "u17")
    assert "line 19" in first.message
    assert (second.line, second.value) == (2003, "u1999")


def test_duplicates_are_found_when_partitions_are_split(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(digest_sets, "LEAF_ENTRIES", 64)
    rows = "".join(f"ITEM{i},1.0,\n" for i in range(5000))
    text = "ITEM_ID,PRICE,STOCK\n" + rows + "ITEM4321,2.0,1\n"
    report = check_file(write(tmp_path, text), "item", ITEM, block_bytes=8192)
    only(report, ProblemKind.DUPLICATE_KEY)
    assert report.problems[0].line == 5002


def test_ids_repeated_in_an_interaction_file_are_fine(tmp_path: Path) -> None:
    text = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu1,i1,1,a\nu1,i1,1,a\n"
    assert not check_file(write(tmp_path, text), "interaction", INTERACTION).counts


def test_unknown_users_and_items_are_warnings_with_counts(tmp_path: Path) -> None:
    users = write(tmp_path, "USER_ID,AGE,VIP\nu1,1,true\nu2,2,true\n", "users.csv")
    items = write(tmp_path, 'ITEM_ID,PRICE,STOCK\n"i1",1,1\ni2,1,1\n', "items.csv")
    text = (
        "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n"
        "u1,i1,1,a\nu9,i2,2,a\nu9,i1,3,a\nu8,i7,4,a\nu1,i2,5,a\n"
    )
    report = check_file(
        write(tmp_path, text), "interaction", INTERACTION, user_file=users, item_file=items
    )
    assert report.ok
    assert kinds(report) == {ProblemKind.UNKNOWN_USER, ProblemKind.UNKNOWN_ITEM}
    by_kind = {c.kind: c for c in report.cross_checks}
    user_check = by_kind[ProblemKind.UNKNOWN_USER]
    assert (user_check.rows, user_check.distinct) == (3, 2)
    assert user_check.examples == ((3, "u9"), (5, "u8"))
    item_check = by_kind[ProblemKind.UNKNOWN_ITEM]
    assert (item_check.rows, item_check.distinct, item_check.examples) == (1, 1, ((5, "i7"),))


def test_a_user_file_without_user_id_skips_the_cross_check(tmp_path: Path) -> None:
    users = write(tmp_path, "ID,AGE\nu1,1\n", "users.csv")
    report = check_file(
        write(tmp_path, GOOD_INTERACTIONS), "interaction", INTERACTION, user_file=users
    )
    only(report, ProblemKind.CROSS_CHECK_SKIPPED)


@pytest.mark.parametrize("which", ["missing", "directory", "binary", "empty"])
@pytest.mark.parametrize("role", ["user", "item"])
def test_a_user_or_item_file_that_cannot_be_read_fails_the_check(
    which: str, role: str, tmp_path: Path
) -> None:
    # The comparison asked for cannot run at all: an error, not a warning that passes.
    other = tmp_path / f"{role}s.csv"
    if which == "directory":
        other.mkdir()
    elif which == "binary":
        other.write_bytes(bytes(range(256)) * 8)
    elif which == "empty":
        other.write_bytes(b"")
    data = write(tmp_path, GOOD_INTERACTIONS)
    with pytest.raises(CsvCheckError) as info:
        check_file(data, "interaction", INTERACTION, **{f"{role}_file": other})
    assert info.value.message.startswith(f"the {role} file")
    assert str(other) in info.value.message
    assert info.value.path == str(other)


def test_a_blank_line_is_a_warning(tmp_path: Path) -> None:
    text = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu1,i1,1,a\n\nu2,i2,2,b\n"
    report = check_file(write(tmp_path, text), "interaction", INTERACTION)
    only(report, ProblemKind.BLANK_LINE)
    assert report.ok
    assert report.problems[0].line == 3
    assert report.rows == 2


def test_a_quoted_line_break_across_blocks_is_one_record(tmp_path: Path) -> None:
    filler = "".join(f"u{i},i{i},{i},view\n" for i in range(300))
    text = f'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n{filler}u1,i1,5,"two\nlines"\nu2,i2,x,a\n'
    report = check_file(write(tmp_path, text), "interaction", INTERACTION, block_bytes=512)
    only(report, ProblemKind.BAD_VALUE)
    assert report.problems[0].line == 304  # after the record that spans lines 302-303
    assert report.rows == 302


def test_an_unterminated_quote_names_its_line(tmp_path: Path) -> None:
    text = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu1,i1,1,a\nu2,"i2,2,b\nu3,i3,3,c\n'
    report = check_file(write(tmp_path, text), "interaction", INTERACTION, block_bytes=16)
    only(report, ProblemKind.UNTERMINATED_QUOTE)
    assert report.problems[0].line == 3
    assert report.stopped_early


def test_no_rows_is_a_warning(tmp_path: Path) -> None:
    report = check_file(write(tmp_path, "USER_ID,AGE,VIP\n"), "user", USER)
    only(report, ProblemKind.NO_ROWS)


@pytest.mark.parametrize(
    ("make", "kind", "words"),
    [
        (lambda p: p.write_bytes(b""), ProblemKind.EMPTY_FILE, "empty"),
        (
            lambda p: p.write_bytes("USER_ID,AGE,VIP\n김철수,1,true\n".encode("cp949")),
            ProblemKind.ENCODING,
            "CP949",
        ),
        (
            lambda p: p.write_bytes("USER_ID,AGE,VIP\nu1,1,true\n".encode("utf-16")),
            ProblemKind.ENCODING,
            "UTF-16",
        ),
        (
            lambda p: p.write_bytes("USER_ID,AGE,VIP\nu1,1,true\n".encode("utf-16-le")),
            ProblemKind.ENCODING,
            "UTF-16",
        ),
        (lambda p: p.write_bytes(b"USER_ID,AGE,VIP\nu1,1\x00,true\n"), ProblemKind.BINARY, "NUL"),
        (lambda p: p.write_bytes(b"USER_ID,AGE,VIP\ru1,1,true\r"), ProblemKind.LINE_ENDINGS, "CR"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n rest"), ProblemKind.NOT_CSV, "PNG"),
    ],
)
def test_files_that_are_not_utf8_csv(
    tmp_path: Path, make: Callable[[Path], object], kind: ProblemKind, words: str
) -> None:
    path = tmp_path / "users.csv"
    make(path)
    report = check_file(path, "user", USER)
    only(report, kind)
    assert words in report.problems[0].message
    assert report.stopped_early


def test_a_decoding_error_names_line_and_column(tmp_path: Path) -> None:
    text = b"USER_ID,AGE,VIP\nu1,1,true\nu2,2,true\n" + "ü3,3,true\n".encode("latin-1")
    report = check_file(write_bytes(tmp_path, text), "user", USER)
    only(report, ProblemKind.ENCODING)
    assert (report.problems[0].line, report.problems[0].column) == (4, 1)


def write_bytes(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "raw.csv"
    path.write_bytes(data)
    return path


def test_an_xlsx_is_named(tmp_path: Path) -> None:
    path = tmp_path / "users.csv"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    report = check_file(path, "user", USER)
    only(report, ProblemKind.NOT_CSV)
    assert "xlsx" in report.problems[0].message


def test_a_cut_gzip_is_reported(tmp_path: Path) -> None:
    data = gzip.compress(("USER_ID,AGE,VIP\n" + "u1,1,true\n" * 5000).encode())
    path = tmp_path / "users.csv.gz"
    path.write_bytes(data[: len(data) // 2])
    only(check_file(path, "user", USER), ProblemKind.GZIP_CORRUPT)


def test_a_name_that_is_not_csv_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "users.txt"
    path.write_text("USER_ID,AGE,VIP\nu1,1,true\n")
    only(check_file(path, "user", USER), ProblemKind.FILE_NAME)
    gz_named = tmp_path / "users.csv.gz"
    gz_named.write_text("USER_ID,AGE,VIP\nu1,1,true\n")
    only(check_file(gz_named, "user", USER), ProblemKind.FILE_NAME)


def test_schema_problems_are_reported(tmp_path: Path) -> None:
    fields = [("ITEM_ID", ["string"]), ("TIMESTAMP", ["string"]), ("USER_ID", ["string"])]
    text = "ITEM_ID,TIMESTAMP,USER_ID\ni1,yesterday,u1\n"
    report = check_file(write(tmp_path, text), "interaction", fields)
    assert kinds(report) == {ProblemKind.SCHEMA_REQUIRED_TYPE, ProblemKind.BAD_VALUE}


def test_a_missing_file_is_a_typed_error_of_the_core_family(tmp_path: Path) -> None:
    with pytest.raises(CsvCheckError) as info:
        check_file(tmp_path / "nope.csv", "user", USER)
    assert isinstance(info.value, AitemsError)
    assert info.value.path == str(tmp_path / "nope.csv")
    assert "No such file" in info.value.message
    assert info.value.hint == CsvCheckError.default_hint


def test_scratch_space_that_cannot_be_written_is_a_typed_error(tmp_path: Path) -> None:
    path = write(tmp_path, "USER_ID,AGE,VIP\nu1,3,true\n")
    with pytest.raises(CsvCheckError) as info:
        check_file(path, "user", USER, temp_dir=tmp_path / "no-such-dir")
    assert "temporary files" in info.value.message
    assert str(tmp_path / "no-such-dir") in info.value.message


def test_the_first_problems_are_kept_and_every_one_counted(tmp_path: Path) -> None:
    rows = "".join(f"u{i},x,true\n" for i in range(3000))
    report = check_file(write(tmp_path, "USER_ID,AGE,VIP\n" + rows), "user", USER, limit=100)
    assert len(report.problems) == 100
    assert report.counts[ProblemKind.BAD_VALUE] == 3000
    assert [p.line for p in report.problems] == list(range(2, 102))
    assert report.truncated
    assert "the first 100 of 3,000" in report.to_text()


def big_file(tmp_path: Path, rows: int = 60_000) -> Path:
    body = "".join(f"u{i % 977},i{i % 131},{1_700_000_000 + i},view\n" for i in range(rows))
    return write(tmp_path, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n" + body)


def test_progress_is_monotonic_and_reaches_the_end(tmp_path: Path) -> None:
    path = big_file(tmp_path)
    seen: list[CheckProgress] = []
    check_file(path, "interaction", INTERACTION, progress=seen.append, block_bytes=65536)
    assert len(seen) > 10
    assert all(p.phase is CheckPhase.CHECK for p in seen)
    done = [p.done for p in seen]
    assert done == sorted(done)
    assert done[-1] == seen[-1].total == path.stat().st_size
    assert seen[-1].rows == 60_000


def test_gzip_progress_is_the_compressed_position(tmp_path: Path) -> None:
    plain = big_file(tmp_path)
    packed = tmp_path / "data.csv.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    seen: list[CheckProgress] = []
    check_file(packed, "interaction", INTERACTION, progress=seen.append, block_bytes=65536)
    done = [p.done for p in seen]
    assert done == sorted(done)
    assert done[-1] == packed.stat().st_size == seen[-1].total


def test_cancel_mid_file_stops_with_a_typed_error(tmp_path: Path) -> None:
    path = big_file(tmp_path)
    cancel = threading.Event()
    seen: list[CheckProgress] = []

    def on_progress(progress: CheckProgress) -> None:
        seen.append(progress)
        if len(seen) == 3:
            cancel.set()

    with pytest.raises(CheckCancelledError) as info:
        check_file(
            path, "interaction", INTERACTION, progress=on_progress, cancel=cancel, block_bytes=8192
        )
    assert isinstance(info.value, CancelledError)
    assert isinstance(info.value, CsvCheckError)
    assert info.value.may_have_reached_server is False
    assert info.value.path == str(path)
    assert len(seen) == 3
    assert seen[-1].done < path.stat().st_size


_values = st.one_of(
    st.integers(min_value=-(2**64), max_value=2**64).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["", "true", "FALSE", "null", "1.0", "+1", "-0", "007", "1e5", ".5"]),
    st.text(max_size=12),
)


@given(value=_values)
def test_the_fast_path_never_accepts_what_the_exact_check_refuses(value: str) -> None:
    import re

    for types in (["int"], ["long", "null"], ["boolean"], ["double"], ["float", "null"]):
        grammar = grammar_for("X", types)
        fast = re.fullmatch(grammar.fast_pattern(), value) is not None
        if fast:
            unquoted = value[1:-1].replace('""', '"') if value.startswith('"') else value
            assert grammar.problem(unquoted) is None, (types, value)
        if types[0] in ("int", "long", "boolean") and "," not in value and '"' not in value:
            assert fast == (grammar.problem(value) is None), (types, value)
