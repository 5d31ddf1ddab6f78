"""The `flowgrad` command."""
from __future__ import annotations

import argparse
import os
import runpy
import sys


def _examples_dir():
    here = os.path.dirname(os.path.abspath(__file__))
    for cand in (os.path.join(here, "..", "..", "examples"), os.path.join(here, "examples")):
        if os.path.isdir(cand):
            return os.path.abspath(cand)
    raise FileNotFoundError("examples/ not found next to the flowgrad package")


def cmd_seed(args):
    """Runs the design note's three examples, printing what TF 1.14 prints."""
    d = os.path.join(_examples_dir(), "seed")
    for i in (1, 2, 3):
        path = os.path.join(d, f"example{i}.py")
        print(f"== example {i}: {os.path.relpath(path)}")
        import flowgrad
        flowgrad.reset_default_graph()
        runpy.run_path(path, run_name="__main__")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="flowgrad", description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("seed", help="run the design note's three examples")
    p.set_defaults(fn=cmd_seed)
    args = parser.parse_args(argv)
    return args.fn(args)


if __name__ == "__main__":
    sys.exit(main())
