"""Issue 9 items 5-7: TF 1.14's errors where TF errs, and the names TF accepts.

Each golden test runs the case functions of tests/golden/errors9/gen_<stem>.py with
flowgrad and compares with what TF 1.14 returned (errors as class name + message).
"""
import numpy as np
import pytest

import flowgrad as tf
import goldens


def _norm(v):
    if isinstance(v, BaseException):
        return goldens.GoldenError.of(v)
    if isinstance(v, dict):
        return {k: _norm(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return type(v)(_norm(x) for x in v)
    return v


def _equal(ours, theirs):
    if isinstance(theirs, np.ndarray) or isinstance(ours, np.ndarray):
        ours = np.asarray(ours)
        return ours.dtype == np.asarray(theirs).dtype and np.array_equal(ours, theirs)
    if isinstance(theirs, dict):
        return isinstance(ours, dict) and ours.keys() == theirs.keys() and all(
            _equal(ours[k], theirs[k]) for k in theirs)
    if isinstance(theirs, (list, tuple)):
        return len(ours) == len(theirs) and all(_equal(a, b) for a, b in zip(ours, theirs))
    return ours == theirs


def _golden_params(stem):
    gen = goldens.generator("errors9", stem)
    expected = goldens.load("errors9", stem)
    return [pytest.param(gen, name, expected[name], id=f"{stem}-{name}")
            for name in sorted(expected)]


def _run_case(gen, name):
    tf.reset_default_graph()
    return _norm(getattr(gen, "case_" + name)(tf))


# every generator in tests/golden/errors9 whose cases are run as they are
STEMS = ["dtype_names", "cond_pred", "aggregation_method", "assign_dtype"]


@pytest.mark.parametrize("gen,name,expected",
                         [p for stem in STEMS for p in _golden_params(stem)])
def test_matches_tf114(gen, name, expected):
    ours = _run_case(gen, name)
    assert _equal(ours, expected), (ours, expected)
