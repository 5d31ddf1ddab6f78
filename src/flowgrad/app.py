"""`tf.app`: `run` (absl.app.run with TF 1.14's flag parser) and `flags`."""
from __future__ import annotations

import sys

from absl.app import run as _absl_run

from . import flags

__all__ = ["flags", "run"]


def _parse_flags_tolerate_undef(argv):
    """Parses the flags the program defined; the others stay in the argv main gets."""
    return flags.FLAGS(sys.argv if argv is None else argv, known_only=True)


def run(main=None, argv=None):
    """Runs `main(argv)` after parsing the command line's known flags (TF 1.x `tf.app.run`).

    absl.app.run's semantics with TF 1.14's parser: flags nobody defined stay in the argv
    passed to `main`; `--help` prints the script's docstring and its flags and exits 0; a
    bad flag value prints `FATAL Flags parsing error: ...` and exits 1; the process exits
    with main's return value.

    Args:
        main: the function to run; `__main__.main` if None.
        argv: the command line (argv[0] is the program); `sys.argv` if None.

    Raises:
        SystemExit: always, with main's return value as the exit status.

    Example:
        >>> def main(argv):
        ...     print(argv[1:])
        >>> try:
        ...     tf.app.run(main, ["prog", "extra"])
        ... except SystemExit as e:
        ...     print("exit", e.code)
        ['extra']
        exit None
    """
    main = main or sys.modules["__main__"].main
    _absl_run(main=main, argv=argv, flags_parser=_parse_flags_tolerate_undef)
