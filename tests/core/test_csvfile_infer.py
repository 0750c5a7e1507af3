"""propose_schema on realistic files: types, nullability, categorical hints, required fields."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest

from aitems_desktop.core.csvfile import (
    CsvCheckError,
    FatalProblemError,
    ProblemKind,
    check_file,
    propose_schema,
)
from aitems_desktop.core.errors import AitemsError


def test_an_item_file_from_a_shop(tmp_path: Path) -> None:
    rnd = random.Random(3)
    lines = ["ITEM_ID,CATEGORY,PRICE,STOCK,ON_SALE,CREATION_TIMESTAMP,BRAND,Brand Name"]
    for i in range(500):
        stock = "" if i % 7 == 0 else str(rnd.randrange(10_000_000_000))
        lines.append(
            f"item{i},{rnd.choice(['shoes', 'bags', 'hats'])},{rnd.randrange(100, 99999) / 100},"
            f"{stock},{rnd.choice(['true', 'false'])},{1_600_000_000 + i},b{i},x"
        )
    path = tmp_path / "items.csv"
    path.write_text("\n".join(lines) + "\n")
    proposal = propose_schema(path, "item")
    fields = {f.name: f for f in proposal.fields}
    assert [f.name for f in proposal.fields] == lines[0].split(",")
    assert fields["ITEM_ID"].types == ("string",)
    assert fields["ITEM_ID"].required
    assert fields["CATEGORY"].categorical
    assert fields["CATEGORY"].reserved
    assert fields["PRICE"].types == ("double",)
    assert fields["STOCK"].types == ("long", "null")
    assert fields["ON_SALE"].types == ("boolean",)
    assert fields["CREATION_TIMESTAMP"].types == ("long",)
    assert fields["BRAND"].types == ("string",)
    assert not fields["BRAND"].categorical
    assert all(f.reasons for f in proposal.fields)
    assert [n.kind for n in proposal.notes] == ["bad_field_name"]
    # Accepted as proposed, the schema passes the check (but for the bad column name).
    report = check_file(path, "item", proposal.schema_fields())
    assert set(report.counts) == {"schema_field_name"}, report.to_text()


def test_an_interaction_export_with_mistakes(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(
        "user_id,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n"
        "u1,i1,1700000000123,click,1.5\n"
        "u2,i2,2024-01-01,view,\n"
        "u3,i3,1700000000999,view,null\n"
    )
    proposal = propose_schema(path, "interaction")
    notes = {n.kind: n for n in proposal.notes}
    assert "rename the column 'user_id' to USER_ID" in notes["missing_required_column"].message
    assert "2024-01-01" in notes["required_type"].message
    timestamp = next(f for f in proposal.fields if f.name == "TIMESTAMP")
    assert timestamp.types == ("long",)
    assert any("milliseconds" in r for r in timestamp.reasons)
    event_value = next(f for f in proposal.fields if f.name == "EVENT_VALUE")
    assert event_value.types == ("string", "null")
    assert any("null" in r for r in event_value.reasons)


def test_a_sample_is_marked_as_such(tmp_path: Path) -> None:
    path = tmp_path / "users.csv"
    path.write_text("USER_ID,AGE\n" + "".join(f"u{i},{i % 90}\n" for i in range(300)))
    proposal = propose_schema(path, "user", sample_rows=100)
    assert proposal.rows_sampled == 100
    assert proposal.sampled
    age = proposal.fields[1]
    assert age.types == ("int",)


def test_a_file_that_is_not_csv_text_is_a_typed_error_naming_the_problem(
    tmp_path: Path,
) -> None:
    path = tmp_path / "users.csv"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("users.csv", "USER_ID\nu1\n")
    with pytest.raises(FatalProblemError) as info:
        propose_schema(path, "user")
    assert isinstance(info.value, CsvCheckError)
    assert isinstance(info.value, AitemsError)
    assert info.value.problem.kind is ProblemKind.NOT_CSV
    assert "zip archive" in info.value.message
