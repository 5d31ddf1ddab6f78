"""Checks shared by the tests of generators written with tests/golden/array_extra/c2kit.py:
a case's value and the ops its graph holds, a misuse's error class and message (TF's
shape-function suffix " for 'Op' (op: ...) with input shapes ..." left out)."""
import pytest

import flowgrad as tf
import goldens  # noqa: F401 - puts tests/golden on sys.path
from array_extra import c2kit

# where TF's C++ shape inference folds a constant TF writes a Const where flowgrad writes
# the Shape, Size or Rank op
FOLDED_BY_TF = {("Const", "Shape"), ("Const", "Size"), ("Const", "Rank")}


def _run(fn, init):
    r = fn(tf)
    sess = tf.Session()
    if init:
        sess.run(tf.global_variables_initializer())
    return sess.run(r)


def _close(a, b, rel, abs_):
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y, rel, abs_) for x, y in zip(a, b))
    if isinstance(b, float):
        return a == pytest.approx(b, rel=rel, abs=abs_)
    return a == b


def check_case(fn, want, init=False, tol=None, folded=False):
    """fn(tf)'s value equals TF's (within tol=(rel, abs) for floats when given) and its
    graph holds TF's ops, by name and type (with folded: TF's folded constants allowed)."""
    want_value, want_ops = want
    g = tf.Graph()
    with g.as_default():
        value = c2kit.value(_run(fn, init))
    if tol is None:
        assert value == want_value
    else:
        assert _close(value, want_value, *tol)
    ops = [[o.name, o.type] for o in g.get_operations()]
    assert [n for n, _ in ops] == [n for n, _ in want_ops]
    for (_, t_fg), (name, t_tf) in zip(ops, want_ops):
        assert t_fg == t_tf or (folded and (t_tf, t_fg) in FOLDED_BY_TF), name


def check_error(fn, want, init=False, prefix=True):
    """fn(tf) raises TF's error class with TF's message (with prefix: TF's golden message
    may be cut where TF appends the node's source location)."""
    g = tf.Graph()
    with g.as_default():
        with pytest.raises(Exception) as info:
            _run(fn, init)
    got = c2kit.error(info.value)
    cls, msg = want.split(": ", 1)
    assert type(info.value).__name__ == cls, got
    mine, theirs = got.split(": ", 1)[1].split(" for '")[0], msg.split(" for '")[0]
    assert mine.startswith(theirs) if prefix else mine == theirs
