"""``aitems csv check``, ``aitems csv infer`` and ``aitems upload``: a dataset's file, before
AiTEMS reads it.

The check and the proposal are :mod:`aitems_desktop.core.csvfile` (standard library only);
the upload is :mod:`aitems_desktop.core.objectstorage`, imported when an upload starts, so
the S3 library never loads for the other commands. Both run on a worker thread: Ctrl+C sets
their cancel flag, and what they leave behind is said on stderr (exit 130).
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from aitems_desktop.cli.context import CommandError, Context, UsageError
from aitems_desktop.cli.exitcodes import ExitCode
from aitems_desktop.cli.inputs import read_json
from aitems_desktop.core import catalogue as c
from aitems_desktop.core.csvfile import (
    CheckPhase,
    CheckProgress,
    CheckReport,
    FatalProblemError,
    SchemaProposal,
    check_file,
    propose_schema,
)
from aitems_desktop.core.rules import (
    NAME_MAX_LENGTH,
    NAME_MIN_LENGTH,
    DatasetType,
    schema_name_problems,
)

if TYPE_CHECKING:
    from aitems_desktop.cli.progress import Meter
    from aitems_desktop.core.objectstorage import UploadProgress, UploadResult

#: How long a check may take to notice its cancel flag (it looks after each block of about
#: 1 MB) and remove its temporary files.
_CHECK_GRACE_S: Final = 10.0
#: The upload's abort is bounded by ABORT_SECONDS; this adds the time to stop the request
#: in flight and unwind.
_UPLOAD_GRACE_EXTRA_S: Final = 5.0
_PHASES: Final = {
    CheckPhase.READ_USER_IDS: "reading user ids",
    CheckPhase.READ_ITEM_IDS: "reading item ids",
    CheckPhase.CHECK: "checking",
    CheckPhase.FIND_DUPLICATES: "finding duplicates",
    CheckPhase.FIND_UNKNOWN_IDS: "finding unknown ids",
}
_S3_URL: Final = re.compile(r"s3://([^/]*)/?(.*)", re.DOTALL)


def _meter(ctx: Context, label: str) -> Meter:
    from aitems_desktop.cli.progress import Meter

    return Meter(label, ctx.stderr, enabled=not ctx.quiet)


# --- csv check ----------------------------------------------------------------------------


def csv_check(ctx: Context) -> None:
    a = ctx.args
    schema = _schema(ctx)
    if schema is None:  # --dry-run with --schema: the read was printed, nothing checked
        return
    dataset_type, fields, source = schema
    if dataset_type != DatasetType.INTERACTION and (a.users or a.items):
        raise UsageError(
            f"--users and --items are for an interaction file; {source} is a {dataset_type} schema."
        )
    meter = _meter(ctx, f"Checking {Path(a.file).name}")

    def on_progress(progress: CheckProgress) -> None:
        meter.update(progress.done, progress.total, _PHASES.get(progress.phase, ""))

    def work(cancel: threading.Event) -> CheckReport:
        return check_file(
            a.file,
            dataset_type,
            fields,
            user_file=a.users,
            item_file=a.items,
            progress=on_progress,
            cancel=cancel,
        )

    try:
        report = ctx.run_local(work, grace=_CHECK_GRACE_S)
    finally:
        meter.finish()
    _show_report(ctx, report, source)
    if not report.ok:
        raise CommandError(
            ExitCode.FILE_HAS_ERRORS,
            f"{a.file}: {report.errors:,} errors; AiTEMS would refuse or misread this file.",
            "Fix the lines listed and check again (warnings alone do not fail the check).",
        )
    ctx.note(
        f"{a.file}: no errors in {report.rows:,} rows"
        + (f" ({report.warnings:,} warnings)" if report.warnings else "")
    )


def _schema(ctx: Context) -> tuple[DatasetType, list[Any], str] | None:
    """The dataset type, the fields and where they came from (--schema or --schema-file)."""
    a = ctx.args
    if a.schema_file is not None:
        data = read_json(ctx, a.schema_file)
        source = a.schema_file
    else:
        data = ctx.call_json(c.SCHEMAS_GET, path={"schemaName": a.schema})
        if ctx.dry_run:
            return None
        source = f"the schema {a.schema}"
    if not isinstance(data, dict) or not isinstance(data.get("fields"), list):
        raise UsageError(f"{source} is not a schema: a JSON object with a list of fields.")
    fields = data["fields"]
    for number, entry in enumerate(fields, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise UsageError(f"{source}: field {number} is not an object with a name.")
        types = entry.get("type", entry.get("types"))
        if not isinstance(types, str | list) or (
            isinstance(types, list) and not all(isinstance(t, str) for t in types)
        ):
            raise UsageError(f"{source}: the type of {entry['name']} is not a list of names.")
    declared = data.get("datasetType")
    if a.type is not None:
        if isinstance(declared, str) and declared and declared != a.type:
            raise UsageError(f"--type {a.type}, but {source} is a {declared} schema.")
        return DatasetType(a.type), fields, source
    try:
        return DatasetType(declared if isinstance(declared, str) else ""), fields, source
    except ValueError:
        raise UsageError(
            f"{source} names no dataset type (datasetType is {declared!r}).",
            "Give it with --type user, item or interaction.",
        ) from None


def _report_json(report: CheckReport) -> dict[str, Any]:
    return {
        "file": report.path,
        "datasetType": report.dataset_type,
        "ok": report.ok,
        "rows": report.rows,
        "size": report.size,
        "compressed": report.compressed,
        "bom": report.bom,
        "header": list(report.header),
        "errors": report.errors,
        "warnings": report.warnings,
        "problemCount": sum(report.counts.values()),
        "truncated": report.truncated,
        "stoppedEarly": report.stopped_early,
        "counts": {kind.value: n for kind, n in report.counts.items()},
        "problems": [
            {
                "severity": p.severity.value,
                "kind": p.kind.value,
                # The core's 0 means "not one line / not one column": null here, so that
                # no one reads it as a place (people count lines and columns from 1).
                "line": p.line or None,
                "column": p.column or None,
                "field": p.field,
                "value": p.value,
                "message": p.message,
            }
            for p in report.problems
        ],
        "crossChecks": [
            {
                "kind": x.kind.value,
                "field": x.field,
                "rows": x.rows,
                "distinct": x.distinct,
                "examples": [{"line": line, "value": value} for line, value in x.examples],
            }
            for x in report.cross_checks
        ],
        "seconds": round(report.seconds, 3),
    }


def _show_report(ctx: Context, report: CheckReport, source: str) -> None:
    data = _report_json(report)
    if ctx.output in ("json", "jsonl", "csv"):
        # jsonl and csv: one problem a row (the counts are in the json form).
        ctx.show(data, kind="problems")
        return
    out = ctx.stdout
    verdict = "OK" if report.ok else "NOT OK"
    extras = ", gzip" if report.compressed else ""
    extras += ", UTF-8 with BOM" if report.bom else ""
    out.write(
        f"{report.path}: {verdict}, {report.rows:,} rows, {report.errors:,} errors, "
        f"{report.warnings:,} warnings ({report.dataset_type} file{extras}; "
        f"{source}; {report.seconds:.1f} s)\n"
    )
    if report.stopped_early:
        out.write("The check stopped at the first problem that makes the rest unreadable.\n")
    if report.counts:
        out.write("By kind: " + ", ".join(f"{k} {n:,}" for k, n in data["counts"].items()))
        out.write("\n")
    if report.problems:
        out.write("\n")
        ctx.show(data, kind="problems")
    if report.truncated:
        out.write(
            f"(the first {len(report.problems):,} of {data['problemCount']:,} are listed; "
            "-o json has them with the counts)\n"
        )
    for cross in report.cross_checks:
        shown = ", ".join(f"{v!r} (line {n})" for n, v in cross.examples)
        out.write(
            f"{cross.kind.value}: {cross.rows:,} rows, {cross.distinct:,} distinct "
            f"{cross.field} values not in the other file; first: {shown}\n"
        )
    out.flush()


# --- csv infer ----------------------------------------------------------------------------


def csv_infer(ctx: Context) -> None:
    a = ctx.args
    name = a.name or _name_from_file(a.file)
    problems = schema_name_problems(name)
    if problems:
        raise UsageError(
            f"{name!r} cannot be a schema name ({', '.join(p.value for p in problems)}).",
            f"Give --name: {NAME_MIN_LENGTH} to {NAME_MAX_LENGTH} letters, digits, _ and -, "
            "the first a letter.",
        )
    try:
        proposal = propose_schema(a.file, a.type or DatasetType.INTERACTION)
        if a.type is None:
            guessed = _guess_type(proposal)
            if guessed != proposal.dataset_type:
                proposal = propose_schema(a.file, guessed)
            ctx.note(f"a {guessed} file, from its columns (--type to choose another)")
    except FatalProblemError as exc:
        problem = exc.problem
        ctx.warn(problem.to_text())
        raise CommandError(
            ExitCode.FILE_HAS_ERRORS,
            f"{a.file} is not a CSV file a schema can be proposed for.",
            exc.hint,
        ) from None
    schema: dict[str, Any] = {
        "datasetType": proposal.dataset_type,
        "name": name,
        "fields": [
            {"name": f.name, "type": list(f.types), "categorical": f.categorical}
            for f in proposal.fields
        ],
    }
    if a.description:
        schema["description"] = a.description
    if ctx.output_given and ctx.output == "table":
        ctx.stdout.write(proposal.to_text() + "\n")
        ctx.stdout.flush()
    else:
        # The schema JSON whatever the terminal: what 'schemas create --file' takes.
        from aitems_desktop.cli.output import render

        render(schema, "json", ctx.stdout)
        if not ctx.quiet:
            ctx.stderr.write(_reasons(proposal))
    for note in proposal.notes:
        ctx.warn(f"{note.kind} ({note.column}): {note.message}")
    if proposal.notes:
        raise CommandError(
            ExitCode.FILE_HAS_ERRORS,
            f"{len(proposal.notes)} problems of the file that no schema can cover; fix the "
            "file before it is uploaded.",
        )


def _reasons(proposal: SchemaProposal) -> str:
    lines = [
        f"aitems: proposed from {proposal.rows_sampled:,} rows"
        + (" (the first rows: the file has more)" if proposal.sampled else "")
    ]
    lines.extend(f"  {f.name}: {'; '.join(f.reasons)}" for f in proposal.fields)
    return "\n".join(lines) + "\n"


def _guess_type(proposal: SchemaProposal) -> DatasetType:
    columns = {f.name for f in proposal.fields}
    if {"USER_ID", "ITEM_ID"} <= columns:
        return DatasetType.INTERACTION
    if "ITEM_ID" in columns:
        return DatasetType.ITEM
    if "USER_ID" in columns:
        return DatasetType.USER
    raise UsageError(
        "The file has neither a USER_ID nor an ITEM_ID column: its dataset type is unclear.",
        "Give it with --type user, item or interaction.",
    )


def _name_from_file(path: str) -> str:
    """A schema name from the file's name: ``users-2024.csv.gz`` gives ``users-2024``."""
    stem = Path(path).name
    for suffix in (".gz", ".csv"):
        stem = stem.removesuffix(suffix)
    name = re.sub(r"[^A-Za-z0-9_-]", "_", stem)
    if not name[:1].isalpha() or not name[:1].isascii():
        name = "s_" + name
    return name[:NAME_MAX_LENGTH].ljust(NAME_MIN_LENGTH, "_")


# --- upload -------------------------------------------------------------------------------


def _target(url: str, file: str) -> tuple[str, str]:
    """Bucket and key of ``s3://BUCKET/KEY``; a key ending in ``/`` gets the file's name."""
    match = _S3_URL.fullmatch(url)
    if match is None or not match.group(1):
        raise UsageError(
            f"{url!r} is not an Object Storage address.", "Write it as s3://BUCKET/KEY."
        )
    bucket, key = match.groups()
    if not key or key.endswith("/"):
        key += Path(file).name
    return bucket, key


def upload(ctx: Context) -> None:
    from aitems_desktop.core import objectstorage as storage

    a = ctx.args
    bucket, key = _target(a.destination, a.file)
    storage.check_names(bucket, key)
    path = Path(a.file)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UsageError(f"Cannot read {a.file}: {exc.strerror or exc}.") from None
    if not path.is_file():
        raise UsageError(f"{a.file} is not a file.")
    connection = ctx.connection()
    settings = storage.ObjectStorageSettings(
        access_key=connection.access_key,
        secret_key=connection.secret_key,
        endpoint=connection.object_storage_url,
        region=connection.object_storage_region,
        ca_bundle=connection.ca_bundle,
        proxy=connection.proxy,
    )
    part = storage.part_size_for(size)
    parts = 1 if size <= part else -(-size // part)
    url = f"s3://{bucket}/{key}"
    if ctx.dry_run:
        ctx.show(
            {
                "dryRun": True,
                "file": str(path),
                "size": size,
                "url": url,
                "endpoint": settings.endpoint,
                "region": settings.region,
                "parts": parts,
                "partSize": part if parts > 1 else size,
            }
        )
        ctx.note(f"would upload {a.file} to {url}; nothing was sent")
        return
    meter = _meter(ctx, f"Uploading {path.name}")

    def on_progress(progress: UploadProgress) -> None:
        meter.update(progress.sent, progress.total)

    def work(cancel: threading.Event) -> UploadResult:
        with storage.ObjectStorageClient(settings) as client:
            return client.upload_file(
                path, bucket, key, progress=on_progress, cancel=cancel, part_size=part
            )

    try:
        result = ctx.run_local(work, grace=storage.ABORT_SECONDS + _UPLOAD_GRACE_EXTRA_S)
    except storage.UploadCancelledError as exc:
        raise CommandError(ExitCode.INTERRUPTED, _cancelled(exc, url, parts)) from None
    finally:
        meter.finish()
    ctx.show(
        {
            "url": f"s3://{result.bucket}/{result.key}",
            "bucket": result.bucket,
            "key": result.key,
            "size": result.size,
            "etag": result.etag,
            "parts": result.parts,
        }
    )


def _cancelled(error: Any, url: str, parts: int) -> str:
    """What an interrupted upload left behind, in one message."""
    if not error.aborted:
        return (
            f"Interrupted. The unfinished multipart upload {error.upload_id} of {url} could "
            "NOT be removed (Object Storage did not confirm the abort): its parts may stay "
            "in the bucket, billed. Upload the file again under the same key, or remove "
            "unfinished uploads with a lifecycle rule in the NCP console."
        )
    if parts > 1 and error.may_have_reached_server:
        return (
            f"Interrupted. The unfinished multipart upload of {url} was aborted: its parts "
            "were removed, and nothing is left in the bucket."
        )
    return f"Interrupted. {url} was not stored; nothing is left in the bucket."
