"""How a failed command speaks: the message, the server's words, the request id, a hint."""

from __future__ import annotations

from typing import Final, TextIO

from aitems_desktop.cli.spec import PROG
from aitems_desktop.cli.terminal import one_line
from aitems_desktop.core import errors

#: The core's hints speak of the window; here they point at commands.
_HINT_REPLACEMENTS: Final = (
    (
        "Open Credentials to see the profiles, or run without --profile.",
        "See the profiles with 'aitems profiles list', or run without --profile.",
    ),
    (
        "Choose one of the profiles in Credentials, or run without --profile.",
        "See the profiles with 'aitems profiles list', or run without --profile.",
    ),
    (
        "Open Credentials and enter the secret key.",
        "Store it again with 'aitems profiles add NAME --replace'.",
    ),
    ("(Credentials…)", "('aitems profiles add NAME --replace')"),
)
_CLASS_HINTS: Final[dict[type[errors.AitemsError], str]] = {
    errors.AuthenticationError: (
        "Check the keys with 'aitems profiles test'; store new ones with 'aitems profiles add "
        "NAME --replace'. Keys come from the NCP console's API authentication key page."
    ),
    errors.TlsError: (
        "For a private endpoint or an inspecting proxy, give its CA bundle: 'aitems profiles "
        "add NAME --ca-bundle PATH --replace', or AITEMS_CA_BUNDLE with keys from the "
        "environment. Never turn verification off for the public endpoint."
    ),
}


def hint_for(error: errors.AitemsError) -> str:
    """The error's hint, in the command line's words."""
    hint = error.hint or ""
    for cls, text in _CLASS_HINTS.items():
        if type(error) is cls and hint == cls.default_hint:
            return text
    for old, new in _HINT_REPLACEMENTS:
        hint = hint.replace(old, new)
    return hint


def _describe_existing(existing: object) -> str | None:
    for attribute in ("service_id", "dataset_id", "name"):
        value = getattr(existing, attribute, None)
        if isinstance(value, str) and value:
            return value
    return None


def print_error(error: errors.AitemsError, stream: TextIO) -> None:
    """The message, the server's own words and request id, and what to do, on stderr."""
    lines = [f"{PROG}: {error.message}"]
    if error.http_status is not None:
        code = f", code {error.error_code}" if error.error_code else ""
        lines.append(f"  HTTP {error.http_status}{code}")
    if error.details:
        lines.append(f"  details: {error.details}")
    if isinstance(error, errors.InvalidResponseError) and error.body_excerpt:
        lines.append(f"  the answer began: {error.body_excerpt}")
    if isinstance(error, errors.DuplicateNameError) and error.existing is not None:
        found = _describe_existing(error.existing)
        if found:
            lines.append(f"  existing: {found} (its fields differ from the ones given)")
    if isinstance(error, errors.OutcomeUnknownError):
        lines.append(f"  the request: {error.cause.message}")
        if error.lookup_error is not None:
            lines.append(f"  looking for it: {error.lookup_error.message}")
    if isinstance(error, errors.ActionRefusedError):
        lines.append(f"  refused before sending ({error.reason}); nothing was sent")
    if error.request_id:
        lines.append(f"  request id: {error.request_id}")
    hint = hint_for(error)
    if hint:
        lines.append(f"  hint: {hint}")
    # Each line is one line, whatever the server's words hold.
    stream.write("\n".join(one_line(line) for line in lines) + "\n")
    stream.flush()
