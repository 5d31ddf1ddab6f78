"""tf.contrib.rnn's CoupledInputForgetGateLSTMCell, NASCell, GLSTMCell, IntersectionRNNCell,
PhasedLSTMCell, TimeFreqLSTMCell, GridLSTMCell, BidirectionalGridLSTMCell,
FusedRNNCellAdaptor and TimeReversedFusedRNN against TF 1.14
(tests/golden/rnn/gen_contrib_cells_extra.py): outputs, states, gradients, variable names
and shapes, the op counter after them and graph-seeded numbers made later."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("rnn", "contrib_cells_extra")
WANT = goldens.load("rnn", "contrib_cells_extra")
_F32 = ("phased", "phased_peep", "cifg_layer_norm", "block_fused", "block_fused_peep_clip",
        "block_fused_init", "block_fused_reversed")


def _have_jax():
    try:
        import jax  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.parametrize("name", sorted(WANT))
def test_contrib_cell_equals_tf(name):
    if name.startswith("compiled") and not _have_jax():
        # CompiledWrapper marks the cell's ops for XLA: without JAX that is refused
        with pytest.raises(ImportError, match="xla"):
            GEN.run_case(tf, name)
        return
    out, states, grads, rand, names, count = GEN.run_case(tf, name)
    w_out, w_states, w_grads, w_rand, w_names, w_count = WANT[name]
    tol = dict(rtol=2e-5, atol=2e-6) if name in _F32 else dict(rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(out, w_out, **tol)
    assert len(states) == len(w_states)
    for a, b in zip(states, w_states):
        np.testing.assert_allclose(a, b, **tol)
    assert len(grads) == len(w_grads)
    for a, b in zip(grads, w_grads):
        assert (a is None) == (b is None)
        if b is not None:
            np.testing.assert_allclose(a, b, rtol=tol["rtol"] * 10, atol=tol["atol"] * 10)
    assert [list(n) for n in names] == [list(n) for n in w_names]
    assert count == w_count
    np.testing.assert_array_equal(rand, w_rand)


def test_contrib_cell_errors_are_tfs():
    rnn = tf.contrib.rnn
    with pytest.raises(ValueError, match="num_units must be divisible by number_of_groups"):
        rnn.GLSTMCell(5, number_of_groups=2)
    with pytest.raises(ValueError, match="num_proj must be divisible by number_of_groups"):
        rnn.GLSTMCell(4, num_proj=3, number_of_groups=2)
    with pytest.raises(ValueError, match=r"input size \(3\) must be divisible by "
                                         r"number_of_groups \(2\)"):
        tf.nn.dynamic_rnn(rnn.GLSTMCell(4, number_of_groups=2), tf.zeros([2, 4, 3]),
                          dtype=tf.float32)
    with pytest.raises(ValueError, match="Must have input size == output size for "
                                         "Intersection RNN"):
        tf.nn.dynamic_rnn(rnn.IntersectionRNNCell(4), tf.zeros([2, 4, 3]), dtype=tf.float32)
    with pytest.raises(ValueError, match="Must specify num_frequency_blocks"):
        rnn.GridLSTMCell(2, feature_size=2, frequency_skip=1)
    with pytest.raises(ValueError, match="Invalid num_frequency_blocks, requires 2 but gets 3"):
        tf.nn.dynamic_rnn(rnn.GridLSTMCell(2, feature_size=2, frequency_skip=2,
                                           num_frequency_blocks=[2]),
                          tf.zeros([2, 4, 6]), dtype=tf.float32)
    with pytest.raises(ValueError, match="Either initial_state or dtype needs to be "
                                         "specified"):
        GEN._block_wrapper(tf)()(tf.zeros([4, 2, 3]))
    with pytest.raises(TypeError):
        rnn.LSTMBlockWrapper()   # abstract: num_units and _call_cell


def test_contrib_cells_are_exported():
    for name in ("CoupledInputForgetGateLSTMCell", "TimeFreqLSTMCell"):
        assert getattr(tf.contrib.rnn, name).__module__.endswith("_lstm_variants")
    for name in ("GridLSTMCell", "BidirectionalGridLSTMCell"):
        assert getattr(tf.contrib.rnn, name).__module__.endswith("_grid_lstm")
    for name in ("NASCell", "GLSTMCell", "IntersectionRNNCell", "PhasedLSTMCell",
                 "CompiledWrapper"):
        assert getattr(tf.contrib.rnn, name).__module__.endswith("_more_cells")


def test_lstm_block_fused_cell_errors_are_tfs():
    cell = tf.contrib.rnn.LSTMBlockFusedCell(3)
    with pytest.raises(TypeError, match="Value passed to parameter 'x' has DataType float64 "
                                        "not in list of allowed values: float16, float32"):
        cell(tf.zeros([4, 2, 3], tf.float64), dtype=tf.float64)
    x = tf.zeros([4, 2, 3])
    with pytest.raises(ValueError, match="expects 1 inputs, but it received 4 input tensors"):
        tf.contrib.rnn.LSTMBlockFusedCell(3)(tf.unstack(x), dtype=tf.float32)
    out, state = tf.contrib.rnn.LSTMBlockFusedCell(2, name="f2")(x, dtype=tf.float32)
    assert out.shape.as_list() == [4, 2, 2] and out.op.type == "BlockLSTM"
    (g,) = tf.gradients(tf.reduce_sum(out), [x])
    assert g.op.type == "BlockLSTMGrad"
    with pytest.raises(LookupError, match="No gradient defined for operation"):
        tf.gradients(tf.reduce_sum(g), [x])
