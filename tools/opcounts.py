"""Compares, API call by API call, the ops flowgrad creates with TF 1.14's.

    python tools/opcounts.py [--golden] [--graphdef] [-v] [NAME ...]

The calls are CALLS of tests/golden/opcounts/gen_opcounts.py (name, fn(tf)); each is
built in a fresh default graph under TF 1.14 (the oracle, tools/oracle/setup.sh; or
the committed tests/golden/opcounts/opcounts.json with --golden) and under flowgrad,
and every call whose [(op.name, op.type)] lists differ is printed: the op counts, then
(with -v) a unified diff of the two lists. NAME selects calls by prefix. Exit 1 if any
differ. A call with the same op count but other names still breaks GraphDefs and
checkpoint names; a different count also shifts the seed2 of every later random op
built with only a graph-level seed. With --graphdef, flowgrad's side is the nodes of its
GraphDef (`as_graph_def()`: what files, TensorBoard and imports see, where its functional
Cond/While ops are written as TF's Switch/Merge/Enter/Exit frames) instead of
`get_operations()`.
"""
import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, "tests", "golden")
GEN = os.path.join(GOLDEN, "opcounts", "gen_opcounts.py")
sys.path.insert(0, GOLDEN)
sys.path.insert(0, os.path.join(GOLDEN, "opcounts"))

import goldenio  # noqa: E402


def oracle_ops():
    """{call: ops} built now under TF 1.14."""
    py = subprocess.run([os.path.join(ROOT, "tools", "oracle", "setup.sh")], check=True,
                        capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([py, os.path.join(ROOT, "tools", "oracle", "run_generators.py"),
                        out, os.path.relpath(GEN, ROOT)], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
        return goldenio.read(os.path.join(out, "opcounts", "opcounts.json"))[1]


def _graph_def_nodes(tf, fn):
    """[[name, op], ...] of the GraphDef of a fresh default graph after fn(tf)."""
    tf.reset_default_graph()
    try:
        fn(tf)
    except Exception as e:  # as gen_opcounts.ops_of: a difference, not a crash
        return "error: %s: %s" % (type(e).__name__, str(e).split("\n")[0])
    return [[n.name, n.op] for n in tf.get_default_graph().as_graph_def().node]


def flowgrad_ops(names=None, graph_def=False):
    import flowgrad as tf
    import gen_opcounts as g
    listing = _graph_def_nodes if graph_def else g.ops_of
    return {n: listing(tf, fn) for n, fn in g.CALLS if names is None or n in names}


def describe(ops):
    return ops if isinstance(ops, str) else "%d ops" % len(ops)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("names", nargs="*", help="call name prefixes (all if none)")
    ap.add_argument("--golden", action="store_true",
                    help="compare with the committed goldens instead of running TF")
    ap.add_argument("--graphdef", action="store_true",
                    help="list flowgrad's ops from its GraphDef, not get_operations()")
    ap.add_argument("-v", "--verbose", action="store_true", help="print a diff per call")
    args = ap.parse_args(argv)
    tf_ops = (goldenio.read(os.path.join(GOLDEN, "opcounts", "opcounts.json"))[1]
              if args.golden else oracle_ops())
    names = [n for n in tf_ops if not args.names or any(n.startswith(p) for p in args.names)]
    fg_ops = flowgrad_ops(set(names), graph_def=args.graphdef)
    bad = 0
    for n in names:
        want, got = tf_ops[n], fg_ops.get(n, "missing")
        if json.dumps(want) == json.dumps(got):
            continue
        bad += 1
        print("%-45s TF %-10s flowgrad %s" % (n, describe(want), describe(got)))
        if args.verbose and not isinstance(want, str) and not isinstance(got, str):
            for line in difflib.unified_diff(["%s %s" % tuple(o) for o in want],
                                             ["%s %s" % tuple(o) for o in got],
                                             "TF", "flowgrad", n=0, lineterm=""):
                print("    " + line)
    print("%d of %d calls differ" % (bad, len(names)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
