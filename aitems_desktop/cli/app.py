"""The command-line tool's entry: arguments, then one command."""

from __future__ import annotations

import argparse

from aitems_desktop import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aitems",
        description="NAVER Cloud Platform AiTEMS from the command line.",
    )
    parser.add_argument("--version", "-V", action="version", version=f"aitems {__version__}")
    return parser


def run(argv: list[str]) -> int:
    build_parser().parse_args(argv)
    return 0
