#!/usr/bin/env python3
"""What of tf.estimator, tf.contrib.estimator and tf.contrib.learn fails at first use in
flowgrad: every TF 1.14 symbol of those modules (tests/golden/api/tf114_api.json, TF's own
listing) resolved as `flowgrad run` resolves it (flowgrad.check), with its status:

    present   flowgrad has it;
    partial   flowgrad has it, but some arguments or cases raise NotImplementedError
              (the messages are listed);
    absent    first use fails: the AttributeError flowgrad raises is shown.

    python tools/estimator_audit.py [--absent] [--json] [MODULE_PREFIX ...]

Default prefixes: tf.estimator, tf.contrib.estimator, tf.contrib.learn, tf.keras.estimator.
--absent lists only what fails at first use. Exit status 0 (a report, not a check).
"""
import argparse
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "src"))

from flowgrad import check  # noqa: E402
from flowgrad.compat import tf_alias  # noqa: E402

_PREFIXES = ("tf.estimator", "tf.contrib.estimator", "tf.contrib.learn", "tf.keras.estimator")
_API = os.path.join(ROOT, "tests", "golden", "api", "tf114_api.json")


def _modules(prefixes):
    with open(_API) as f:
        modules = json.load(f)["cases"]["modules"]
    return {m: entries for m, entries in sorted(modules.items())
            if any(m == p or m.startswith(p + ".") for p in prefixes)}


def _first_use_error(path):
    """The error a user meets resolving `path` (AttributeError's message), or None."""
    parts = check._canonical(path).split(".")
    obj = tf_alias._alias("tensorflow")
    for part in parts[1:]:
        try:
            obj = getattr(obj, part)
        except Exception as e:  # noqa: BLE001 - reported, whatever it is
            return "%s: %s" % (type(e).__name__, str(e).split(" (used by ")[0])
    return None


def audit(prefixes=_PREFIXES):
    """[(tf path, kind, status, notes)] for every symbol of the modules under prefixes."""
    rows = []
    with tf_alias.alias_tensorflow():
        for mod, entries in _modules(prefixes).items():
            for name, entry in sorted(entries.items()):
                path = "%s.%s" % (mod, name)
                obj, _ = check.resolve(path)
                if obj is check.MISSING:
                    rows.append((path, entry["kind"], check.ABSENT,
                                 [_first_use_error(path) or "absent"]))
                    continue
                status = check.status_of(obj)
                rows.append((path, entry["kind"], status.status, list(status.notes)))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("prefixes", nargs="*", default=list(_PREFIXES))
    parser.add_argument("--absent", action="store_true", help="only what fails at first use")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = audit(tuple(args.prefixes))
    if args.absent:
        rows = [r for r in rows if r[2] == check.ABSENT]
    if args.json:
        print(json.dumps([{"path": p, "kind": k, "status": s, "notes": n}
                          for p, k, s, n in rows], indent=1))
        return 0
    counts = {}
    for path, kind, status, notes in rows:
        counts[status] = counts.get(status, 0) + 1
        print("%-8s %-60s %s" % (status, path, "; ".join(notes)[:200]))
    print("\n" + ", ".join("%s %d" % kv for kv in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
