"""contrib.layers' legacy_fully_connected (legacy_linear, legacy_relu), conv2d_in_plane,
spatial_softmax and bow_encoder against TF 1.14 (tests/golden/layers/gen_contrib_legacy.py):
values, variables (name, shape, collections), every op each call builds, gradients, later
seeded numbers, and the errors."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("layers", "contrib_legacy")
WANT = load("layers", "contrib_legacy")


def _check_values(value, want_value):
    pairs = zip(value, want_value) if isinstance(want_value, list) else [(value, want_value)]
    for v, w in pairs:
        if w.dtype.kind in "OSU":
            assert v.tolist() == w.tolist()
            continue
        np.testing.assert_allclose(v, w, rtol=1e-5, atol=1e-6)
        assert v.dtype == w.dtype and v.shape == w.shape


@pytest.mark.parametrize("case", sorted(GEN.CASES))
def test_as_tf(case):
    value, variables, ops, after = GEN.run(tf, GEN.CASES[case])
    want_value, want_variables, want_ops, want_after = WANT[case]
    _check_values(value, want_value)
    assert variables == want_variables
    assert [n for n, _ in ops] == [n for n, _ in want_ops]
    # where TF's C++ shape inference knows a shape, its tf.shape / tf.size is a Const
    assert all(t == w or (w == "Const" and t in ("Shape", "Size"))
               for (_, t), (_, w) in zip(ops, want_ops))
    np.testing.assert_array_equal(after, want_after)


@pytest.mark.parametrize("name", sorted(WANT["errors"]))
def test_errors(name):
    assert GEN._errors(tf)[name] == WANT["errors"][name]
