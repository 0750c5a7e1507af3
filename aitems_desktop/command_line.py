"""The app's command line: its own options, Qt's, and the exit codes.

Unknown options are errors ("unrecognized arguments", exit 2), so a typo such as
``--sandbx`` never starts the app in a mode nobody asked for. Qt's own documented options
(:data:`QT_OPTIONS`) pass through to QApplication; nothing else does. No Qt import here:
``--help`` and a wrong option answer before Qt loads.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Mapping
from typing import Final

from aitems_desktop import __version__

EXIT_USAGE: Final = 2  # argparse's own
#: No display to open a window on (sysexits' EX_UNAVAILABLE).
EXIT_NO_DISPLAY: Final = 69
#: Stopped by Ctrl+C (128 + SIGINT), or by SIGTERM (128 + 15), as shells report it.
EXIT_INTERRUPTED: Final = 130

#: The QGuiApplication and QApplication options from Qt's documentation that pass through,
#: and whether each takes a value (given as the next argument or after "=").
QT_OPTIONS: Final[Mapping[str, bool]] = {
    "-platform": True,
    "-platformpluginpath": True,
    "-platformtheme": True,
    "-plugin": True,
    "-qwindowgeometry": True,
    "-qwindowicon": True,
    "-qwindowtitle": True,
    "-reverse": False,
    "-session": True,
    "-style": True,
    "-stylesheet": True,
    "-widgetcount": False,
    "-display": True,  # X11
    "-geometry": True,  # X11
}

_EPILOG = f"""\
Qt's own options pass through to Qt (for example -platform offscreen, -style fusion,
-reverse): {textwrap.fill(" ".join(sorted(QT_OPTIONS)), 76, subsequent_indent="  ")}.
Any other option is an error.

exit codes: 0 done, 1 failed (or --self-test found a problem), {EXIT_USAGE} wrong usage,
{EXIT_NO_DISPLAY} no display, {EXIT_INTERRUPTED} stopped by Ctrl+C ({128 + 15} by SIGTERM).
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aitems-desktop",
        description="Create NAVER Cloud AiTEMS services and read what the service answered.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        # "--sand" must not quietly mean --sandbox either.
        allow_abbrev=False,
    )
    parser.add_argument(
        "--version", "-V", action="version", version=f"aitems-desktop {__version__}"
    )
    parser.add_argument(
        "--sandbox", action="store_true", help="use the built-in local sandbox and its demo data"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="drive the window against the sandbox, print one JSON line, exit 0 or 1",
    )
    parser.add_argument("--profile", metavar="NAME", help="use the credentials profile NAME")
    parser.add_argument(
        "--log-level",
        default="INFO",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="how much the log file records (default: INFO; warnings also go to stderr)",
    )
    return parser


def split_qt_arguments(
    argv: list[str], parser: argparse.ArgumentParser
) -> tuple[list[str], list[str]]:
    """``argv`` split into the app's arguments and Qt's (see :data:`QT_OPTIONS`)."""
    ours: list[str] = []
    qt: list[str] = []
    arguments = iter(argv)
    for argument in arguments:
        if argument == "--":
            ours.append(argument)
            ours.extend(arguments)
            break
        name, has_value, _ = argument.partition("=")
        if name not in QT_OPTIONS:
            ours.append(argument)
            continue
        qt.append(argument)
        if QT_OPTIONS[name] and not has_value:
            value = next(arguments, None)
            if value is None:
                parser.error(f"Qt's option {name} needs a value")
            qt.append(value)
    return ours, qt


def parse_command_line(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """Parse ``argv`` (without the program name) into the app's options and the arguments
    for QApplication; exits 2 with a message when it is wrong."""
    parser = build_parser()
    ours, qt = split_qt_arguments(argv, parser)
    return parser.parse_args(ours), qt


def no_display_message(qt_arguments: list[str], env: Mapping[str, str] | None = None) -> str:
    """Why no window can open, or "" when one can (or when Qt is told not to need one).

    Qt's X11 plugin, started without a display, aborts with a misleading message about a
    missing library (xcb-cursor0), so the app looks first. Only on the systems where X11 or
    Wayland is the display; a platform other than those (offscreen, vnc, eglfs...) needs none.
    """
    env = os.environ if env is None else env
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return ""
    platform = env.get("QT_QPA_PLATFORM", "")
    for i, argument in enumerate(qt_arguments):
        name, _, value = argument.partition("=")
        if name == "-platform":
            platform = value or (qt_arguments[i + 1] if i + 1 < len(qt_arguments) else "")
    names = [p.split(":")[0].strip() for p in platform.split(";") if p.strip()]
    if names and not any(n in ("xcb", "wayland", "wayland-egl") for n in names):
        return ""
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return ""
    return (
        "aitems-desktop: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so no "
        "window can open.\n"
        "To run without a screen, set QT_QPA_PLATFORM=offscreen, or start it under a virtual "
        "display: xvfb-run -a aitems-desktop\n"
    )
