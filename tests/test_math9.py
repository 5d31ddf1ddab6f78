"""Issue 9 items 3-5 on the math/nn side, against TF 1.14 goldens (tests/golden/math9)."""
import importlib.util

import numpy as np
import pytest

import flowgrad as tf
import goldens


def _generator(stem):
    spec = importlib.util.spec_from_file_location(
        "gen_" + stem, goldens.path("math9", "gen_%s.py" % stem))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _first_line(msg):
    # TF's shape-function errors end in " for 'op' (op: ...) with input shapes: ... and
    # with computed input tensors: ..."; the graph adds that tail, compared up to " for '"
    return msg.split("\n")[0].split(" for '")[0]


def _same(got, want, rtol=1e-5, atol=1e-6):
    if isinstance(want, goldens.GoldenError):
        assert isinstance(got, Exception), got
        assert type(got).__name__ == want.cls, (got, want)
        assert _first_line(str(got)) == _first_line(want.message)
        return
    if isinstance(want, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(want), got
        for a, b in zip(got, want):
            _same(a, b, rtol, atol)
        return
    got, want = np.asarray(got), np.asarray(want)
    assert got.dtype == want.dtype and got.shape == want.shape, (got, want)
    np.testing.assert_allclose(got, want, rtol=rtol, atol=atol, equal_nan=True)


# -- item 3: IndexedSlices gradients into rules that need a dense input ------------------
_SLICES = goldens.load("math9", "slices")


@pytest.mark.parametrize("case", sorted(_SLICES))
def test_indexed_slices_gradients_as_tf(case):
    gen = _generator("slices")
    if case.startswith("second_order_"):
        got = gen._second_order(tf, gen._F[case[len("second_order_"):]])
    else:
        got = gen._optimizer(tf, case[len("optimizer_sub_"):])
    _same(got, _SLICES[case])

