"""tf.contrib.rnn's fused cells give TF 1.14's bits in float32 (golden
rnn/block_cells_bits): their kernels' products are Eigen's own GEBP (eigen_gebp.py, not
MatMul's MKL-DNN contraction), their gates TF's expressions (Eigen's logistic and tanh,
LSTMBlockCell's (icfo_f + forget_bias) + peephole, GRUBlockCell's u (h_prev - c) + c,
BlockLSTMGrad's dcs with (cs_grad + the next step's))."""
import numpy as np
import pytest

import flowgrad as tf

import goldens

GEN = goldens.generator("rnn", "block_cells_bits")
WANT = goldens.load("rnn", "block_cells_bits")


def _flat(x):
    if isinstance(x, (list, tuple)):
        return [z for y in x for z in _flat(y)]
    return [x]


def _check(got, want):
    got, want = _flat(got), _flat(want)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)   # bit for bit TF's


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_block_cell_tf_bits(name):
    tf.reset_default_graph()
    _check(GEN.run(tf, name), WANT[name])


@pytest.mark.parametrize("size", GEN.STEP_SIZES, ids=lambda s: "%d_%d_%d" % s)
def test_lstm_block_cell_step_tf_bits(size):
    tf.reset_default_graph()
    _check(GEN.step(tf, size), WANT["step_%d_%d_%d" % size])
