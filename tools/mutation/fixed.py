"""The fixed set of realistic-bug mutants: each must make a test named beside it fail.

mutmut's generated mutants change one token at a time; these are the bugs a person would make
(a flag flipped on one failure path, a bound off by one, a retry that forgot what it must not
resend, an idempotent flag of the catalogue wrong) and the tests that are there to catch them.
Each mutant is applied alone to a scratch copy of the project, and only its killing tests run:

    uv run python tools/mutation/fixed.py            # all of them
    uv run python tools/mutation/fixed.py --list     # names, files and killing tests
    uv run python tools/mutation/fixed.py NAME...    # those whose name holds NAME (any case)

The killing tests first run once on the unchanged copy (they must all pass there), then once
per mutant, stopping at the first that fails: the mutant is killed when one of them fails. A
replaced text that is not found exactly once is an error, so a change to the code that moves
a decision shows up here instead of silently testing nothing.
Exit status: 0 when every mutant was killed, 1 otherwise, 2 when no name matched.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGINE = "aitems_desktop/core/engine.py"
USECASES = "aitems_desktop/core/usecases.py"
TRANSPORT = "aitems_desktop/core/transport.py"
SIGNING = "aitems_desktop/core/signing.py"
RULES = "aitems_desktop/core/rules.py"
CATALOGUE = "aitems_desktop/core/catalogue.py"
ERRORS = "aitems_desktop/core/errors.py"

T_ENGINE = "tests/core/test_engine.py"
T_DECISIONS = "tests/core/test_engine_decisions.py"
T_USECASES = "tests/core/test_usecases.py"
T_UC_DECISIONS = "tests/core/test_usecases_decisions.py"
T_TRANSPORT = "tests/core/test_transport.py"
T_HOSTILE = "tests/core/test_hostile.py"
T_SANDBOX = "tests/core/test_api_sandbox.py"
T_RULES = "tests/core/test_rules_decisions.py"
T_CATALOGUE = "tests/core/test_catalogue.py"


@dataclass(frozen=True)
class Mutant:
    name: str
    file: str
    old: str
    new: str
    #: pytest node ids (or -k expressions after "-k") that must fail with the mutant in place.
    killers: tuple[str, ...]


def _reached(message: str, indent: int) -> tuple[str, str]:
    """A NetworkError's message line and its "may have been sent" flag, then the flag flipped."""
    flag = " " * indent + "may_have_reached_server="
    return f"{message}\n{flag}True,", f"{message}\n{flag}False,"


MUTANTS: tuple[Mutant, ...] = (
    # --- may the request have reached the server? One flag per failure path. ---------------
    Mutant(
        "mid-body break marked 'nothing was sent'",
        ENGINE,
        *_reached(
            'QT_TRANSLATE_NOOP("aitems", "The connection broke while the answer was arriving."),',
            16,
        ),
        (
            f"{T_DECISIONS}::test_a_create_whose_answer_breaks_mid_body_is_sent_once",
            f"{T_UC_DECISIONS}::"
            "test_a_create_whose_answer_breaks_mid_body_is_found_and_was_sent_once",
        ),
    ),
    Mutant(
        "deadline after sending marked 'nothing was sent'",
        ENGINE,
        *_reached(
            '"aitems", "No complete answer arrived in time, so the call was abandoned."\n'
            "                ),",
            16,
        ),
        (
            f"{T_DECISIONS}::test_a_create_whose_answer_misses_the_deadline_is_sent_once",
            f"{T_UC_DECISIONS}::"
            "test_a_create_whose_answer_misses_the_deadline_is_found_and_was_sent_once",
        ),
    ),
    Mutant(
        "a stop counts as sent only once the request is written: the check dropped",
        ENGINE,
        "reached = guard.sending and not _never_connected(exc)",
        "reached = not _never_connected(exc)",
        (f"{T_DECISIONS}::test_a_tunnel_the_proxy_never_opens_is_a_connect_that_failed",),
    ),
    Mutant(
        "read timeout marked 'nothing was sent'",
        ENGINE,
        *_reached('f"The server did not answer within {timeout[1]:g} seconds.",', 12),
        (f"{T_ENGINE}::test_a_read_timeout_on_a_create_may_have_reached_the_server",),
    ),
    Mutant(
        "dropped connection marked 'nothing was sent'",
        ENGINE,
        *_reached(
            'QT_TRANSLATE_NOOP("aitems", "The connection dropped before an answer arrived."),', 8
        ),
        (
            f"{T_ENGINE}::test_a_create_or_a_training_is_never_sent_twice",
            f"{T_DECISIONS}::test_every_request_that_is_not_idempotent_is_sent_once",
        ),
    ),
    Mutant(
        "connect timeout marked 'may have been sent'",
        ENGINE,
        'seconds; nothing was sent.",\n            may_have_reached_server=False,\n        )\n'
        "        error.timed_out = True\n        return error\n"
        "    if isinstance(exc, requests.exceptions.ReadTimeout):",
        'seconds; nothing was sent.",\n            may_have_reached_server=True,\n        )\n'
        "        error.timed_out = True\n        return error\n"
        "    if isinstance(exc, requests.exceptions.ReadTimeout):",
        (f"{T_ENGINE}::test_connect_timeout_when_the_server_never_accepts",),
    ),
    Mutant(
        "refused connection marked 'may have been sent'",
        ENGINE,
        "return errors.NetworkError(message, may_have_reached_server=False, details=_short(exc))",
        "return errors.NetworkError(message, may_have_reached_server=True, details=_short(exc))",
        (f"{T_ENGINE}::test_a_create_whose_connection_never_opened_is_sent_again",),
    ),
    Mutant(
        "an unreachable proxy marked 'may have been sent'",
        ENGINE,
        "may_have_reached_server=not isinstance(reason, ConnectTimeoutError),",
        "may_have_reached_server=True,",
        (f"{T_DECISIONS}::test_a_create_through_a_proxy_that_is_not_there_is_tried_again",),
    ),
    Mutant(
        "a proxy that does not answer in time marked 'may have been sent'",
        ENGINE,
        "may_have_reached_server=not isinstance(reason, ConnectTimeoutError),",
        "may_have_reached_server=not isinstance(reason, NewConnectionError),",
        (f"{T_TRANSPORT}::test_a_connect_to_the_proxy_that_times_out_sent_nothing_and_says_why",),
    ),
    # --- what is sent again -------------------------------------------------------------------
    Mutant(
        "a TLS failure retried",
        ENGINE,
        "retry = not isinstance(exc, errors.TlsError) and (",
        "retry = (",
        (f"{T_DECISIONS}::test_a_certificate_failure_is_tried_once",),
    ),
    Mutant(
        "a create retried after a connection that may have reached the server",
        ENGINE,
        "operation.idempotent or not exc.may_have_reached_server",
        "True",
        (f"{T_ENGINE}::test_a_create_or_a_training_is_never_sent_twice",),
    ),
    Mutant(
        "a create retried after 503/504/429",
        ENGINE,
        "if not (operation.idempotent and exc.http_status in RETRYABLE_STATUSES):",
        "if exc.http_status not in RETRYABLE_STATUSES:",
        (f"{T_ENGINE}::test_a_create_or_a_training_is_never_sent_twice",),
    ),
    Mutant(
        "one network retry too many",
        ENGINE,
        "if not retry or attempt >= self.max_attempts:",
        "if not retry or attempt > self.max_attempts:",
        (f"{T_ENGINE}::test_a_create_whose_connection_never_opened_is_sent_again",),
    ),
    Mutant(
        "one status retry too many",
        ENGINE,
        "                if attempt >= self.max_attempts:\n                    raise\n"
        '                retry_after = getattr(exc, "retry_after", None)',
        "                if attempt > self.max_attempts:\n                    raise\n"
        '                retry_after = getattr(exc, "retry_after", None)',
        (f"{T_ENGINE}::test_retries_stop_after_max_attempts",),
    ),
    Mutant(
        "500 retried",
        ENGINE,
        "RETRYABLE_STATUSES: Final = frozenset({429, 503, 504})",
        "RETRYABLE_STATUSES: Final = frozenset({429, 500, 503, 504})",
        (f"{T_ENGINE}::test_other_statuses_are_not_retried",),
    ),
    Mutant(
        "redirects followed",
        ENGINE,
        "    def get_redirect_target(self, resp: requests.Response) -> None:\n"
        "        return None\n",
        "    def get_redirect_target(self, resp: requests.Response) -> str | None:\n"
        "        return super().get_redirect_target(resp)\n",
        (f"{T_ENGINE}::test_a_redirect_is_not_followed",),
    ),
    Mutant(
        "a Retry-After over the longest wait waited anyway",
        ENGINE,
        "                if delay > self.max_retry_wait:\n                    raise\n",
        "",
        (f"{T_DECISIONS}::test_a_retry_after_over_the_longest_wait_is_not_waited",),
    ),
    # --- size bounds --------------------------------------------------------------------------
    Mutant(
        "the error-body cap grown to 16 MB",
        ENGINE,
        "MAX_ERROR_BODY_BYTES: Final = 64 * 1024",
        "MAX_ERROR_BODY_BYTES: Final = 16 * 1024 * 1024",
        (
            f"{T_DECISIONS}::test_the_error_body_cap_is_64_kib",
            f"{T_DECISIONS}::test_an_error_body_of_64_kib_is_whole_and_one_byte_more_is_cut",
        ),
    ),
    Mutant(
        "error bodies read under the success bound",
        ENGINE,
        "limit = self.max_response_bytes if ok else MAX_ERROR_BODY_BYTES",
        "limit = self.max_response_bytes",
        (f"{T_DECISIONS}::test_an_error_body_of_64_kib_is_whole_and_one_byte_more_is_cut",),
    ),
    Mutant(
        "the Content-Length pre-check removed",
        ENGINE,
        "            fail_when_over\n            and declared_digits\n",
        "            False\n            and declared_digits\n",
        (f"{T_DECISIONS}::test_a_declared_length_over_the_bound_is_refused_before_a_byte_of_body",),
    ),
    Mutant(
        "the Content-Length pre-check off by one",
        ENGINE,
        'int(significant or "0") > limit',
        'int(significant or "0") >= limit',
        (f"{T_DECISIONS}::test_a_declared_length_of_the_bound_is_not_refused",),
    ),
    Mutant(
        "a Content-Length's leading zeros counted as digits",
        ENGINE,
        'significant = declared.lstrip("0")',
        "significant = declared",
        (f"{T_DECISIONS}::test_a_declared_length_padded_with_zeros_is_read_by_its_value",),
    ),
    Mutant(
        "a plain requests session, which reads a redirect's whole body",
        ENGINE,
        "            session = _Session()\n",
        "            session = requests.Session()\n",
        (f"{T_DECISIONS}::test_a_redirect_with_an_endless_body_is_read_only_to_the_error_cap",),
    ),
    Mutant(
        "the streaming count removed",
        ENGINE,
        "                if size > limit:\n",
        "                if False:\n",
        (f"{T_DECISIONS}::test_an_answer_of_the_bound_is_read_and_one_byte_more_is_refused",),
    ),
    Mutant(
        "the streaming count off by one",
        ENGINE,
        "                if size > limit:\n",
        "                if size >= limit:\n",
        (f"{T_DECISIONS}::test_an_answer_of_the_bound_is_read_and_one_byte_more_is_refused",),
    ),
    # --- Retry-After and backoff --------------------------------------------------------------
    Mutant(
        "the date form of Retry-After ignored",
        ENGINE,
        "    try:\n        when = parsedate_to_datetime(value)",
        "    try:\n        return None\n        when = parsedate_to_datetime(value)",
        (f"{T_DECISIONS}::test_retry_after_is_read_to_the_second",),
    ),
    Mutant(
        "a zone-less Retry-After date read as local time",
        ENGINE,
        "    if when.tzinfo is None:\n        when = when.replace(tzinfo=UTC)\n"
        "    return max(0.0, when.timestamp() - clock())",
        "    return max(0.0, when.timestamp() - clock())",
        (f"{T_DECISIONS}::test_retry_after_is_read_to_the_second",),
    ),
    Mutant(
        "Retry-After in the past read as a negative wait's absolute value",
        ENGINE,
        "return max(0.0, when.timestamp() - clock())",
        "return abs(when.timestamp() - clock())",
        (f"{T_DECISIONS}::test_a_retry_after_now_or_past_retries_at_once",),
    ),
    Mutant(
        "the backoff doubles from the second attempt on",
        ENGINE,
        "self.backoff_base * (2 ** (attempt - 1))",
        "self.backoff_base * (2**attempt)",
        (f"{T_ENGINE}::test_the_backoff_grows_and_is_capped",),
    ),
    Mutant(
        "the backoff without jitter",
        ENGINE,
        "return random.uniform(ceiling / 2, ceiling)",
        "return ceiling",
        (f"{T_ENGINE}::test_the_backoff_grows_and_is_capped",),
    ),
    Mutant(
        "the backoff not capped",
        ENGINE,
        "ceiling = min(self.backoff_max, self.backoff_base * (2 ** (attempt - 1)))",
        "ceiling = self.backoff_base * (2 ** (attempt - 1))",
        (
            f"{T_ENGINE}::test_the_backoff_grows_and_is_capped",
            f"{T_DECISIONS}::test_network_retries_wait_the_growing_backoff",
        ),
    ),
    # --- error mapping ------------------------------------------------------------------------
    Mutant(
        "a known status without a known body becomes an unreadable answer",
        ENGINE,
        "    if cls is not errors.RequestRejectedError:",
        "    if False:",
        (f"{T_ENGINE}::test_a_status_without_a_known_body_still_means_its_status",),
    ),
    Mutant(
        "a status-only 429 loses its Retry-After",
        ENGINE,
        '            f"Too many requests (HTTP 429, with {what}).",\n'
        "            retry_after=retry_after,",
        '            f"Too many requests (HTTP 429, with {what}).",\n            retry_after=None,',
        (f"{T_DECISIONS}::test_a_status_only_429_keeps_its_retry_after",),
    ),
    # --- cancel ---------------------------------------------------------------------------------
    Mutant(
        "cancel during a retry wait ignored",
        ENGINE,
        "            self._waiters.add(waiter)\n",
        "",
        (
            f"{T_ENGINE}::test_cancel_during_a_retry_wait_ends_the_wait",
            f"{T_DECISIONS}::test_cancel_during_a_network_retry_wait_ends_it",
        ),
    ),
    Mutant(
        "the token of a deadline that fired kept for ever",
        TRANSPORT,
        "                if token in self._pending:\n",
        "                if True:\n",
        (f"{T_TRANSPORT}::test_a_deadline_that_fired_leaves_nothing_behind",),
    ),
    Mutant(
        "a pending connect not cancelled",
        TRANSPORT,
        "        while True:\n            if guard is not None and guard.reason is not None:\n"
        '                raise OSError(errno.ECANCELED, "connection cancelled")\n',
        "        while True:\n",
        (
            f"{T_TRANSPORT}::test_a_pending_connect_stops_with_its_guard",
            f"{T_DECISIONS}::test_cancel_stops_a_pending_connect",
        ),
    ),
    Mutant(
        "a reused keep-alive connection not watched",
        TRANSPORT,
        "                guard.watch(sock)\n            guard.sending = True",
        "                pass\n            guard.sending = True",
        (f"{T_TRANSPORT}::test_cancel_stops_a_call_on_a_reused_keep_alive_connection",),
    ),
    Mutant(
        "a request never marked as being sent",
        TRANSPORT,
        "            guard.sending = True\n",
        "",
        (f"{T_ENGINE}::test_cancel_stops_a_waiting_call_and_the_api_still_works",),
    ),
    Mutant(
        "proxied connections not watched",
        TRANSPORT,
        "        manager: PoolManager = super().proxy_manager_for(proxy, **proxy_kwargs)\n"
        "        manager.pool_classes_by_scheme = dict(_POOL_CLASSES)\n",
        "        manager: PoolManager = super().proxy_manager_for(proxy, **proxy_kwargs)\n",
        (f"{T_TRANSPORT}::test_cancel_stops_a_call_through_a_proxy",),
    ),
    Mutant(
        "the deadline read as milliseconds",
        TRANSPORT,
        "when = time.monotonic() + seconds",
        "when = time.monotonic() + seconds * 1000",
        (f"{T_TRANSPORT}::test_a_deadline_stops_its_guard_and_only_after_its_time",),
    ),
    # --- signing, caught by the sandbox's own check ------------------------------------------
    Mutant(
        "the signature without the query string",
        ENGINE,
        "                wire.path_url,\n                self.access_key,",
        '                wire.path_url.split("?")[0],\n                self.access_key,',
        (f"{T_SANDBOX}::test_list_paging",),
    ),
    Mutant(
        "the timestamp in seconds",
        SIGNING,
        "return str(int(clock() * 1000))",
        "return str(int(clock()))",
        (f"{T_SANDBOX}::test_services_create_list_get_update_delete",),
    ),
    Mutant(
        "the signed message without its newline before the access key",
        SIGNING,
        'message = f"{method.upper()} {uri}\\n{timestamp_ms}\\n{access_key}"',
        'message = f"{method.upper()} {uri}\\n{timestamp_ms}{access_key}"',
        (f"{T_SANDBOX}::test_services_create_list_get_update_delete",),
    ),
    # --- the use cases --------------------------------------------------------------------------
    Mutant(
        "the settle time for 503/504 dropped",
        USECASES,
        "settle = policy.settle_seconds if _backend_may_finish(error) else "
        "policy.quick_settle_seconds",
        "settle = policy.quick_settle_seconds",
        (
            f"{T_UC_DECISIONS}::test_after_a_503_or_504_it_looks_for_the_whole_settle_time",
            f"{T_USECASES}::test_a_504_whose_backend_finishes_later_is_found",
        ),
    ),
    Mutant(
        "504 forgotten among the statuses the backend may still finish",
        USECASES,
        "return error.http_status in (503, 504)",
        "return error.http_status == 503",
        (f"{T_USECASES}::test_a_504_whose_backend_finishes_later_is_found",),
    ),
    Mutant(
        "every network failure taken as unclear",
        ERRORS,
        "        return error.may_have_reached_server\n",
        "        return True\n",
        (f"{T_UC_DECISIONS}::test_a_create_that_never_left_is_not_looked_for",),
    ),
    Mutant(
        "a found service matched by its name only",
        USECASES,
        "        and _same_text(request.description, service.description)\n"
        "        and found_type == request.type\n",
        "",
        (f"{T_USECASES}::test_someone_elses_service_with_the_name_is_never_taken_for_ours",),
    ),
    Mutant(
        "a found dataset's file not compared",
        USECASES,
        "        and os_info is not None\n"
        "        and (os_info.region, os_info.bucket, os_info.key)\n"
        "        == (request.os_info.region, request.os_info.bucket, request.os_info.key)\n",
        "",
        (f"{T_UC_DECISIONS}::test_a_dataset_differing_in_any_field_is_not_ours",),
    ),
    Mutant(
        "a found schema's fields compared in any order",
        USECASES,
        "        and sent == found\n",
        "        and sorted(sent) == sorted(found)\n",
        (f"{T_UC_DECISIONS}::test_a_schema_differing_in_any_field_is_not_ours",),
    ),
    Mutant(
        "paging never stops on a page with nothing new",
        USECASES,
        "if len(page) < page_size or not new:",
        "if len(page) < page_size:",
        (f"{T_USECASES}::test_looking_up_pages_with_a_cap_when_the_server_ignores_offset",),
    ),
    Mutant(
        "a look that failed once makes the outcome unknown for good",
        USECASES,
        "                lookup_error = exc\n                continue\n"
        "            lookup_error = None\n            if found is not None",
        "                lookup_error = exc\n                continue\n"
        "            if found is not None",
        (f"{T_UC_DECISIONS}::test_a_look_that_fails_and_a_later_one_that_works_is_not_unknown",),
    ),
    Mutant(
        "a training requested while one is already running",
        USECASES,
        "    if service.status in SERVICE_PASSING_STATES or service.status in "
        "(ServiceStatus.SCHEDULED,):",
        "    if service.status in (ServiceStatus.SCHEDULED,):",
        (f"{T_USECASES}::test_a_training_is_refused_before_sending_when_it_cannot_start",),
    ),
    Mutant(
        "a wait reports that something may have been sent",
        USECASES,
        "api.engine.pause(pause, generation, sent=False)",
        "api.engine.pause(pause, generation, sent=True)",
        (f"{T_UC_DECISIONS}::test_cancel_ends_a_wait_at_once_and_nothing_was_sent",),
    ),
    # --- the catalogue's idempotent flags -------------------------------------------------------
    Mutant(
        "services.create marked idempotent",
        CATALOGUE,
        '    body="CreateServiceRequest",\n    idempotent=False,',
        '    body="CreateServiceRequest",\n    idempotent=True,',
        (f"{T_ENGINE}::test_a_create_or_a_training_is_never_sent_twice",),
    ),
    Mutant(
        "services.train marked idempotent",
        CATALOGUE,
        '    body="TrainRequest",\n    idempotent=False,',
        '    body="TrainRequest",\n    idempotent=True,',
        (f"{T_ENGINE}::test_a_create_or_a_training_is_never_sent_twice",),
    ),
    Mutant(
        "services.upload_rows marked idempotent",
        CATALOGUE,
        '    body="UploadRowsRequest",\n'
        "    # Rows are appended: sent twice, they are there twice.\n"
        "    idempotent=False,",
        '    body="UploadRowsRequest",\n    idempotent=True,',
        (f"{T_DECISIONS}::test_every_request_that_is_not_idempotent_is_sent_once",),
    ),
    Mutant(
        "datasets.create marked idempotent",
        CATALOGUE,
        '    body="CreateDatasetRequest",\n    idempotent=False,',
        '    body="CreateDatasetRequest",\n    idempotent=True,',
        (f"{T_DECISIONS}::test_every_request_that_is_not_idempotent_is_sent_once",),
    ),
    Mutant(
        "schemas.create marked idempotent",
        CATALOGUE,
        '    body="CreateSchemaRequest",\n    idempotent=False,',
        '    body="CreateSchemaRequest",\n    idempotent=True,',
        (f"{T_DECISIONS}::test_every_request_that_is_not_idempotent_is_sent_once",),
    ),
    Mutant(
        "services.get marked not idempotent",
        CATALOGUE,
        '"S3", "services.get", "GET", "/services/{serviceId}", "Service", title="Get service"',
        '"S3", "services.get", "GET", "/services/{serviceId}", "Service", title="Get service",\n'
        "    idempotent=False",
        (f"{T_ENGINE}::test_gets_ride_out_503_504_and_dropped_connections",),
    ),
    # --- the rules --------------------------------------------------------------------------------
    Mutant(
        "a dataset name may start with an underscore",
        RULES,
        'DATASET_NAME_PATTERN: Final = (\n    rf"[A-Za-z][',
        'DATASET_NAME_PATTERN: Final = (\n    rf"[A-Za-z_][',
        (f"{T_RULES}::test_dataset_and_schema_names_follow_the_documented_rule",),
    ),
    Mutant(
        "dataset names checked with the service name's first character",
        RULES,
        "    return _name_problems(name, _DATASET_FIRST_RE)\n\n\ndef schema_name_problems",
        "    return _name_problems(name, _SERVICE_FIRST_RE)\n\n\ndef schema_name_problems",
        (f"{T_RULES}::test_dataset_name_problems_name_what_is_wrong",),
    ),
    Mutant(
        "a name of 20 characters called too long",
        RULES,
        "    elif len(name) > NAME_MAX_LENGTH:",
        "    elif len(name) >= NAME_MAX_LENGTH:",
        (f"{T_RULES}::test_dataset_name_problems_name_what_is_wrong",),
    ),
    Mutant(
        "descriptions counted in code points",
        RULES,
        "return sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)",
        "return len(text)",
        (f"{T_RULES}::test_description_problems",),
    ),
)


def _copy_project(target: Path) -> None:
    ignore = shutil.ignore_patterns(
        ".git", ".venv", "mutants", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"
    )
    for name in ("aitems_desktop", "tests", "resources", "tools"):
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    (target / "docs").mkdir()
    shutil.copytree(ROOT / "docs" / "api", target / "docs" / "api")
    shutil.copy2(ROOT / "pyproject.toml", target / "pyproject.toml")


def _pytest(copy: Path, killers: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    # A mutant that makes a call hang fails on a 60 s test timeout rather than the suite's 120.
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
    command += ["-o", "timeout=60", *killers]
    return subprocess.run(command, cwd=copy, capture_output=True, text=True, check=False)


def _apply(copy: Path, mutant: Mutant) -> str:
    """Write the mutant into the copy; return the original text to restore."""
    path = copy / mutant.file
    original = path.read_text(encoding="utf-8")
    count = original.count(mutant.old)
    if count != 1:
        raise SystemExit(
            f"{mutant.name}: the text to replace occurs {count} times in {mutant.file}"
        )
    path.write_text(original.replace(mutant.old, mutant.new), encoding="utf-8")
    return original


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="run only the mutants whose name contains these")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    args = parser.parse_args(argv)
    wanted = [name.casefold() for name in args.names]
    chosen = [m for m in MUTANTS if not wanted or any(n in m.name.casefold() for n in wanted)]
    if not chosen:
        print(f"no fixed mutant's name holds {' or '.join(map(repr, args.names))}", file=sys.stderr)
        return 2
    if args.list:
        for mutant in chosen:
            print(f"{mutant.name}  [{mutant.file}]")
            for killer in mutant.killers:
                print(f"    killed by {killer}")
        return 0
    with tempfile.TemporaryDirectory(prefix="aitems-mutants-") as scratch:
        copy = Path(scratch)
        _copy_project(copy)
        where = subprocess.run(
            [sys.executable, "-c", "import aitems_desktop; print(aitems_desktop.__file__)"],
            cwd=copy,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if not Path(where).is_relative_to(copy):
            raise SystemExit(f"the scratch copy would test {where}, not the mutated copy")
        killers = tuple(dict.fromkeys(k for m in chosen for k in m.killers))
        clean = _pytest(copy, killers)
        if clean.returncode != 0:
            print(clean.stdout[-3000:], clean.stderr[-2000:])
            raise SystemExit("the killing tests fail without any mutant: fix them first")
        survivors: list[Mutant] = []
        for number, mutant in enumerate(chosen, 1):
            original = _apply(copy, mutant)
            started = time.monotonic()
            try:
                result = _pytest(copy, mutant.killers)
            finally:
                (copy / mutant.file).write_text(original, encoding="utf-8")
            seconds = time.monotonic() - started
            if result.returncode == 1:
                failed = [
                    line.split(" ")[1]
                    for line in result.stdout.splitlines()
                    if line.startswith("FAILED ")
                ]
                by = failed[0] if failed else "?"
                by = by if len(by) < 140 else by[:137] + "..."
                print(f"[{number}/{len(chosen)}] killed   {mutant.name} ({seconds:.1f} s) by {by}")
            elif result.returncode == 0:
                survivors.append(mutant)
                print(f"[{number}/{len(chosen)}] SURVIVED {mutant.name} ({seconds:.1f} s)")
            else:
                print(result.stdout[-3000:], result.stderr[-2000:])
                raise SystemExit(f"{mutant.name}: pytest ended with {result.returncode}")
    print(f"{len(chosen) - len(survivors)} of {len(chosen)} fixed mutants killed")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
