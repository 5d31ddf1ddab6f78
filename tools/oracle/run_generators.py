"""Runs golden generators inside one TF 1.14 oracle process (Python 3.7).

    <oracle python> tools/oracle/run_generators.py OUT_DIR tests/golden/<area>/gen_<stem>.py ...

For each generator: imports it fresh (its own folder first on sys.path), resets
TensorFlow's default graph and NumPy's global seed, calls `cases(tf)`, and writes
OUT_DIR/<area>/<stem>.json with tests/golden/goldenio.py (the checkout's path is
removed from every string: goldenio.relative_paths). One line per generator
on stdout: `ok <path> <seconds> <cases>` or `FAIL <path> <seconds>` followed by
the traceback on stderr. tools/goldens.py drives this; it is not meant to be
run by hand, though it can be.
"""
from __future__ import print_function

import importlib.util
import os
import sys
import time
import traceback

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLDEN = os.path.join(ROOT, "tests", "golden")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, GOLDEN)

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

import goldenio  # noqa: E402

tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)


def _forget_golden_modules():
    """Drops modules imported from tests/golden (but goldenio), so that helper modules of
    one generator never leak into the next."""
    for name, mod in list(sys.modules.items()):
        f = getattr(mod, "__file__", None) or ""
        if name != "goldenio" and os.path.abspath(f).startswith(GOLDEN + os.sep):
            del sys.modules[name]


def run_one(rel, out_dir):
    path = os.path.join(ROOT, rel)
    area = os.path.relpath(os.path.dirname(path), GOLDEN)
    stem = os.path.basename(path)[len("gen_"):-len(".py")]
    here = os.path.dirname(path)
    sys.path.insert(0, here)
    cwd = os.getcwd()
    try:
        spec = importlib.util.spec_from_file_location("gen_" + stem, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        tf.reset_default_graph()
        np.random.seed(0)
        cases = mod.cases(tf)
        if not isinstance(cases, dict) or not cases:
            raise TypeError("cases(tf) of %s returned %r, not a non-empty dict"
                            % (rel, type(cases)))
        dest = os.path.join(out_dir, area)
        if not os.path.isdir(dest):
            os.makedirs(dest)
        goldenio.write(os.path.join(dest, stem + ".json"), goldenio.relative_paths(cases, ROOT),
                       rel.replace(os.sep, "/"))
        return len(cases)
    finally:
        os.chdir(cwd)
        tf.reset_default_graph()
        sys.path.remove(here)
        _forget_golden_modules()


def main(argv):
    out_dir = os.path.abspath(argv[1])
    failed = 0
    for rel in argv[2:]:
        t0 = time.time()
        try:
            n = run_one(rel, out_dir)
        except BaseException:  # noqa: BLE001 - reported, the other generators still run
            failed += 1
            sys.stderr.write("--- %s failed:\n%s" % (rel, traceback.format_exc()))
            print("FAIL %s %.1f" % (rel, time.time() - t0))
        else:
            print("ok %s %.1f %d" % (rel, time.time() - t0, n))
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
