"""contrib.layers.recompute_grad against TF 1.14 (tests/golden/layers/gen_recompute_grad.py):
values, input and variable gradients, every op each call builds, later seeded numbers,
and the errors."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("layers", "recompute_grad")
WANT = load("layers", "recompute_grad")


@pytest.mark.parametrize("case", sorted(GEN.CASES))
def test_as_tf(case):
    value, ops, after = GEN.run(tf, GEN.CASES[case])
    want_value, want_ops, want_after = WANT[case]
    for v, w in zip(value, want_value):
        np.testing.assert_allclose(v, w, rtol=1e-5, atol=1e-6)
        assert v.dtype == w.dtype and v.shape == w.shape
    assert [n for n, _ in ops] == [n for n, _ in want_ops]
    assert all(t == w or (w == "Const" and t in ("Shape", "Size"))
               for (_, t), (_, w) in zip(ops, want_ops))
    np.testing.assert_array_equal(after, want_after)


@pytest.mark.parametrize("name", sorted(WANT["errors"]))
def test_errors(name):
    assert GEN._errors(tf)[name] == WANT["errors"][name]
