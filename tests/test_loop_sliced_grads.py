"""A tf.while_loop capture's gradient is TF 1.14's IndexedSlices (TF's IndexedSlices
accumulator: indices and values concatenated per iteration, a zero slice first) and
optimizers apply it sparsely (tests/golden/opcounts/gen_loop_sliced_grads.py)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "loop_sliced_grads")
WANT = goldens.load("opcounts", "loop_sliced_grads")


@pytest.mark.parametrize("name", sorted(n for n in WANT if n.startswith("grad_")))
def test_loop_capture_gradient_is_tf_indexed_slices(name):
    steps, known = name.split("_")[1:]
    got = GEN._grad(tf, int(steps), known == "known")
    want = WANT[name]
    assert got["type"] == want["type"] == "IndexedSlices"
    assert got["shapes"] == want["shapes"]
    for k in ("indices", "values", "dense_shape"):
        assert got[k].dtype == want[k].dtype
        np.testing.assert_array_equal(got[k], want[k])


@pytest.mark.parametrize("name", sorted(n[6:] for n in WANT if n.startswith("train_")))
def test_optimizer_applies_loop_capture_gradient_sparsely(name):
    got, want = GEN._train(tf, name), WANT["train_" + name]
    assert got["apply"] == want["apply"]
    np.testing.assert_allclose(got["emb"], want["emb"], rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("where", ["loop", "one", "both"])
def test_cond_merges_gathered_capture_gradient_as_tf_slices(where):
    got, want = GEN._cond_grad(tf, where), WANT["cond_" + where]
    assert got["type"] == want["type"] == "IndexedSlices"
    assert len(got["runs"]) == len(want["runs"])
    for g, w in zip(got["runs"], want["runs"]):
        for a, b in zip(g, w):
            assert a.dtype == b.dtype
            np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-5)   # (float32 tanh)
