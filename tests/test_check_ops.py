"""tf.assert_* / tf.debugging / tf.Assert against TF 1.14 (golden/checks/gen_check_ops.py):
the ops built, their run-time verdicts and messages, build-time errors, and the op count
(a graph-seeded random op made after the checks prints TF's numbers)."""
import re

import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("checks", "check_ops")
G = load("checks", "check_ops")

# flowgrad's tf.cond is one Cond op standing for TF's Switch/Merge frame (same op count,
# checked by the random numbers): compare ops outside the guard's cond, and the guard's
# Assert itself
_COND_PARTS = ("/Switch", "/switch_t", "/switch_f", "/pred_id", "/control_dependency",
               "/Merge", "/Cond")


def _outside_cond(ops):
    return [o for o in ops if not any(p in o[0] for p in _COND_PARTS) and
            o[1] not in ("Switch", "Merge", "Cond")]


@pytest.mark.parametrize("key", sorted(GEN.BUILDS))
def test_check_as_tf(key):
    got, want = GEN._build(tf, GEN.BUILDS[key]), G[key]
    assert got["random"] == want["random"]          # TF's op count
    assert got["runs"] == want["runs"]
    assert _outside_cond(got["ops"]) == _outside_cond(want["ops"])
    assert got["check"][1] == want["check"][1]    # the guard's cond: flowgrad's op `Merge`


def _class_names(v):
    """`<class 'tensorflow.python.framework.ops.Tensor'>` -> `<class 'Tensor'>`."""
    return re.sub(r"<class '[\w.]*\.(\w+)'>", r"<class '\1'>", v) if isinstance(v, str) else v


@pytest.mark.parametrize("key", sorted(G["static"]))
def test_static_checks_as_tf(key):
    got, want = GEN._static_errors(tf)[key], G["static"][key]
    assert [_class_names(v) for v in got] == [_class_names(v) for v in want]
