"""Dilated and causal convolutions (WaveNet-style) against TF 1.14
(tests/golden/nn/gen_paudio_dilated.py): values, names, op types, errors bit for bit; the
gated stack's filter gradient to float32 rounding (flowgrad's float32 Tanh is NumPy's, an
ulp from TF's Eigen tanh for many values: docs/performance.md)."""
import numpy as np

import flowgrad as tf
import goldens

dilated_cases = goldens.generator("nn", "paudio_dilated")
GOLDEN = goldens.load("nn", "paudio_dilated")


def _same(got, want, where):
    if isinstance(want, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(want), where
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, f"{where}[{i}]")
    elif want is None or isinstance(want, (str, bytes, float, int, bool)):
        assert got == want, f"{where}: {got!r} vs {want!r}"
    else:
        got = np.asarray(got)
        assert got.dtype == want.dtype and got.shape == want.shape, where
        np.testing.assert_array_equal(got, want, err_msg=where)


def test_convolutions_match_tf114():
    with tf.Graph().as_default():
        got = dilated_cases.convs(tf)
    _same(got, GOLDEN["convs"], "convs")


def test_wavenet_stack_matches_tf114():
    with tf.Graph().as_default():
        q, loss, grad, names, n_ops, types = dilated_cases.wavenet(tf)
    want = GOLDEN["wavenet"]
    _same([q, loss, names, n_ops, types], [want[0], want[1]] + list(want[3:]), "wavenet")
    np.testing.assert_allclose(grad, want[2], rtol=1e-5, atol=1e-6 * np.abs(want[2]).max())


def test_keras_strides_with_dilation_raise_after_the_weights():
    """TF 1.14's nn_ops.Convolution, made in Conv.build once the kernel and bias exist."""
    with tf.Graph().as_default():
        x = tf.zeros([1, 8, 2])
        try:
            tf.keras.layers.Conv1D(3, 2, strides=2, dilation_rate=2, name="c")(x)
        except ValueError as e:
            assert str(e) == "strides > 1 not supported in conjunction with dilation_rate > 1"
        else:
            raise AssertionError("no ValueError")
        assert [v.name for v in tf.global_variables()] == ["c/kernel:0", "c/bias:0"]


def test_nn_dir_lists_the_lazy_rnn_functions():
    """dir(tf.nn) as TF 1.14's: the RNN functions (loaded on first use) included."""
    names = {"dynamic_rnn", "bidirectional_dynamic_rnn", "static_rnn",
             "static_bidirectional_rnn", "static_state_saving_rnn", "raw_rnn", "rnn_cell"}
    assert names <= set(dir(tf.nn))
    assert all(callable(getattr(tf.nn, n)) for n in names - {"rnn_cell"})
