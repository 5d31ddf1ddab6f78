"""Sum/Mean over nothing to reduce copy the input as TF 1.14 (-0.0 kept; golden
math/pr_reduce_copy)."""
import numpy as np

import flowgrad as tf
from goldens import generator, load


def test_reductions_keep_negative_zero():
    got = generator("math", "pr_reduce_copy").reductions(tf)
    want = load("math", "pr_reduce_copy")["reductions"]
    assert len(got) == len(want)
    for i, ((g, gs), (w, ws)) in enumerate(zip(got, want)):
        assert g.dtype == w.dtype and g.shape == w.shape, i
        assert gs == ws, i
        np.testing.assert_array_equal(g, w)
