"""tf.contrib.cudnn_rnn against TF 1.14 (tests/golden/rnn/gen_cudnn_cells.py)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

CELLS = load("rnn", "cudnn_cells")
cells_gen = generator("rnn", "cudnn_cells")


@pytest.mark.parametrize("name", sorted(cells_gen.CASES))
def test_compatible_cells_match_tf114(name):
    tf.reset_default_graph()
    build, seed = cells_gen.CASES[name]
    got = cells_gen._run(tf, build, seed, "float64" if name.endswith("64") else "float32")
    want = CELLS[name]
    assert got[2] == want[2]
    assert len(got[0] + got[1]) == len(want[0] + want[1])
    for a, b in zip(got[0] + got[1], want[0] + want[1]):
        assert a.dtype == b.dtype
        np.testing.assert_allclose(a, b, rtol=2e-5, atol=2e-6)


def test_compatible_cell_errors_match_tf114():
    assert [cells_gen._error(tf, cells_gen._lstm), cells_gen._error(tf, cells_gen._gru),
            cells_gen._lstm_float64(tf)] == CELLS["errors"]


def test_gru_candidate_is_cudnns():
    """h' = tanh(x W_h + b_Wh + r * (h R_h + b_Rh)), not GRUCell's tanh([x, r*h] W + b)."""
    tf.reset_default_graph()
    rs = np.random.RandomState(0)
    x, h = rs.randn(2, 3).astype(np.float32), rs.randn(2, 4).astype(np.float32)
    cell = tf.contrib.cudnn_rnn.CudnnCompatibleGRUCell(4)
    new_h, _ = cell(tf.constant(x), tf.constant(h))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got, (wg, bg, wi, wh, bi, bh) = sess.run([new_h, cell.variables])
    sig = 1 / (1 + np.exp(-(np.concatenate([x, h], 1) @ wg + bg)))
    r, u = sig[:, :4], sig[:, 4:]
    cand = np.tanh(x @ wi + bi + r * (h @ wh + bh))
    np.testing.assert_allclose(got, (1 - u) * cand + u * h, rtol=1e-5, atol=1e-6)


LAYERS = load("rnn", "cudnn_layers")
layers_gen = generator("rnn", "cudnn_layers")


@pytest.mark.parametrize("name", sorted(layers_gen.CASES))
def test_cudnn_layers_build_and_fail_as_tf114(name):
    """The graphs are TF's; running one fails with TF's error (no CPU kernel)."""
    tf.reset_default_graph()
    got = layers_gen.CASES[name](tf)
    want = LAYERS[name]
    if isinstance(want, dict):
        assert sorted(got) == sorted(want)
        for key in sorted(want):
            assert got[key] == want[key], key
    else:
        assert got == want


def test_no_kernel_error_names_the_first_cudnn_op_on_every_run():
    tf.reset_default_graph()
    c = tf.constant(1.0)
    with tf.Session() as sess:
        assert sess.run(c) == 1.0
        tf.contrib.cudnn_rnn.CudnnRNNRelu(1, 3)(tf.zeros([2, 2, 5]))
        for _ in range(2):
            with pytest.raises(tf.errors.InvalidArgumentError,
                               match="'CudnnRNNCanonicalToParams' used by node "
                                     "cudnn_rnn_relu/cudnn_rnn_relu/CudnnRNNCanonicalToParams"):
                sess.run(c)


def test_tf_private_module_paths_resolve_under_the_alias():
    from flowgrad.compat.tf_alias import alias_tensorflow
    with alias_tensorflow():
        from tensorflow.contrib.cudnn_rnn.python.layers import cudnn_rnn
        from tensorflow.contrib.cudnn_rnn.python.ops import cudnn_rnn_ops
        assert cudnn_rnn_ops.CUDNN_RNN_BIDIRECTION == "bidirectional"
        assert cudnn_rnn_ops.CudnnCompatibleGRUCell is tf.contrib.cudnn_rnn.CudnnCompatibleGRUCell
        assert cudnn_rnn.CudnnLSTM is tf.contrib.cudnn_rnn.CudnnLSTM
