"""`tf.app`: `run` (parse flags, call main, exit with its result) and `flags`."""
from __future__ import annotations

import sys

from . import flags

__all__ = ["flags", "run"]

_HELP = ("--help", "-help", "--helpfull", "-helpfull", "--helpshort", "-helpshort", "-?")


def _usage(argv):
    main_mod = sys.modules.get("__main__")
    doc = (getattr(main_mod, "__doc__", None) or "").strip()
    out = [doc or f"USAGE: {argv[0]} [flags]", "", "flags:", flags.FLAGS.get_help()]
    return "\n".join(out).rstrip() + "\n"


def run(main=None, argv=None):
    """Parses the command line's known flags into `tf.app.flags.FLAGS`, then exits
    with `main(remaining_argv)` (TF 1.x `tf.app.run`).

    Flags nobody defined stay in the argv passed to `main`, as in TF 1.x.
    `--help` prints the script's docstring and its flags and exits 0; a bad
    flag value prints `FATAL Flags parsing error: ...` and exits 1.

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
    argv = list(sys.argv if argv is None else argv)
    if any(a in _HELP for a in argv[1:]):
        sys.stdout.write(_usage(argv))
        sys.exit(0)
    try:
        rest = flags.FLAGS(argv, known_only=True)
    except (flags.Error, ValueError) as e:
        sys.stderr.write(f"FATAL Flags parsing error: {e}\n")
        sys.stderr.write("Pass --helpshort or --helpfull to see help on flags.\n")
        sys.exit(1)
    sys.exit(main(rest))
