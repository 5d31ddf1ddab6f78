"""SoftmaxCrossEntropyWithLogits broadcasts its labels as TF 1.14 (golden
nn/book_xent_broadcast): static shapes and shape errors, values and run-time errors."""
import numpy as np

import flowgrad
import goldens

GEN = goldens.generator("nn", "book_xent_broadcast")
WANT = goldens.load("nn", "book_xent_broadcast")


def test_static_shapes_and_errors_as_tf():
    assert GEN.static_shapes(flowgrad) == WANT["static_shapes"]


def test_broadcast_runs_as_tf():
    got, want = GEN.runs(flowgrad), WANT["runs"]
    assert len(got) == len(want)
    for g, w in zip(got, want):
        if isinstance(w, str):
            assert g == w
        else:
            for gv, wv in zip(g, w):
                assert gv.shape == wv.shape
                np.testing.assert_allclose(gv, wv, rtol=1e-6)
