"""The exit codes of ``aitems``, one per kind of outcome a script may want to branch on.

Standard library only, and :mod:`aitems_desktop.core.errors` is too: ``--help`` imports this.
"""

from __future__ import annotations

from enum import IntEnum

from aitems_desktop.core import errors

#: ``core.csvfile.CsvCheckError`` and ``core.objectstorage.LocalFileError``.
_LOCAL_FILE_ERRORS = frozenset({"CsvCheckError", "LocalFileError"})


class ExitCode(IntEnum):
    """Documented in docs/cli.md and the README; never renumber one."""

    #: Done, including a create that found its resource already there ("already existed").
    OK = 0
    #: The service answered with an error, or its answer could not be read, or the command
    #: was refused before sending because the resource cannot do it now, or a training or a
    #: dataset followed with --wait ended in failure.
    API_ERROR = 1
    #: The command line or an input file is wrong; nothing was sent.
    USAGE = 2
    #: No keys, wrong keys, no permission, or the keyring could not give the secret.
    AUTH = 3
    #: The service could not be reached (connection, DNS, TLS, proxy, timeout).
    NETWORK = 4
    #: The service, dataset, schema or training does not exist (or the endpoint is wrong).
    NOT_FOUND = 5
    #: A create or a training request may or may not have happened, and looking could not
    #: tell. Do not retry blindly: look, or rerun the same command (it finds what exists).
    OUTCOME_UNKNOWN = 6
    #: ``--wait`` ran out of time; the work goes on at the service.
    STILL_RUNNING = 7
    #: ``csv check`` found errors in the file: AiTEMS would refuse or misread it (warnings
    #: alone exit 0).
    FILE_HAS_ERRORS = 8
    #: Ctrl+C (SIGINT), as shells report a process ended by it.
    INTERRUPTED = 130


def exit_code_for(error: errors.AitemsError) -> ExitCode:
    """The exit code of a command that failed with ``error``."""
    # CredentialError and ProfileError (an unknown or unreadable profile: no usable keys)
    # live in modules that import pydantic; they are recognised by name so this module
    # stays light.
    if any(cls.__name__ in ("CredentialError", "ProfileError") for cls in type(error).__mro__):
        return ExitCode.AUTH
    if isinstance(error, errors.AuthenticationError | errors.PermissionDeniedError):
        return ExitCode.AUTH
    if isinstance(error, errors.ForbiddenError):
        return ExitCode.AUTH
    if isinstance(error, errors.NotFoundError):
        return ExitCode.NOT_FOUND
    if isinstance(error, errors.NetworkError):
        return ExitCode.NETWORK
    if isinstance(error, errors.CancelledError):
        return ExitCode.INTERRUPTED
    # A local file that cannot be read (the CSV check's or the upload's own): an input of
    # the command line is wrong. By name, as above: those modules need not load for this.
    if any(cls.__name__ in _LOCAL_FILE_ERRORS for cls in type(error).__mro__):
        return ExitCode.USAGE
    if isinstance(error, errors.InvalidInputError):
        return ExitCode.USAGE
    if isinstance(error, errors.OutcomeUnknownError):
        return ExitCode.OUTCOME_UNKNOWN
    if isinstance(error, errors.StillRunningError):
        return ExitCode.STILL_RUNNING
    return ExitCode.API_ERROR
