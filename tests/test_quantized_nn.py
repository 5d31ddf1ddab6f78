"""tf.nn.quantized_max_pool / quantized_avg_pool / quantized_relu_x against TF 1.14
(tests/golden/core/gen_quantized_nn.py): quint8 values bit for bit, ranges, op names and
static shapes, TF's errors (QuantizedReluX has no kernel in TF 1.14)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

qn_cases = goldens.generator("core", "quantized_nn")
GOLDEN = goldens.load("core", "quantized_nn")


def _same(got, want, where):
    if isinstance(want, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(want), where
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, f"{where}[{i}]")
    elif want is None or isinstance(want, (str, float, int, bool)):
        assert got == want, f"{where}: {got!r} vs {want!r}"
    else:
        got = np.asarray(got)
        assert got.dtype == np.asarray(want).dtype, where
        np.testing.assert_array_equal(got, want, err_msg=where)


@pytest.mark.parametrize("fn", [qn_cases.pools, qn_cases.conv, qn_cases.relu_x,
                                qn_cases.errors],
                         ids=lambda f: f.__name__)
def test_matches_tf114(fn):
    with tf.Graph().as_default():
        got = fn(tf)
    _same(got, GOLDEN[fn.__name__], fn.__name__)


def _graph_with(kind):
    a = tf.constant(2.0, name="a")
    dt = tf.quint8 if kind in ("relu_x", "quint8_pool") else tf.qint8
    q = tf.quantize_v2(tf.ones([1, 2, 2, 1]), 0.0, 1.0, dt)
    pool = [1, 1, 1, 1]
    if kind == "relu_x":
        tf.nn.quantized_relu_x(q.output, 1.5, q.output_min, q.output_max)
    elif kind == "conv":
        f = tf.quantize_v2(tf.ones([1, 1, 1, 1]), 0.0, 1.0, dt)
        tf.nn.quantized_conv2d(q.output, f.output, q.output_min, q.output_max, f.output_min,
                               f.output_max, pool, "VALID")
    elif kind == "avg_pool":
        tf.nn.quantized_avg_pool(q.output, q.output_min, q.output_max, pool, pool, "VALID")
    else:
        tf.nn.quantized_max_pool(q.output, q.output_min, q.output_max, pool, pool, "VALID")
    return a


@pytest.mark.parametrize("kind,kernels", [
    ("relu_x", "  <no registered kernels>\n"),
    ("max_pool", "  device='CPU'; T in [DT_QUINT8]\n"),
    ("avg_pool", "  device='CPU'; T in [DT_QUINT8]\n"),
    ("conv", "  device='CPU'; Tinput in [DT_QUINT8]; Tfilter in [DT_QUINT8]; "
             "out_type in [DT_QINT32]\n")])
def test_no_kernel_fails_every_run_of_the_graph(kind, kernels):
    # TF 1.14's placer places the whole graph when the session first runs it: an op no
    # device has a kernel for (QuantizedReluX; the others with qint8) fails a run that does
    # not fetch it, and every later run (checked with TF 1.14)
    with tf.Graph().as_default():
        a = _graph_with(kind)
        with tf.Session() as s:
            for _ in range(2):
                with pytest.raises(tf.errors.InvalidArgumentError,
                                   match="No OpKernel was registered to support Op 'Q") as e:
                    s.run(a)
                assert "Registered kernels:\n" + kernels in str(e.value)


def test_quint8_pool_graph_runs():
    with tf.Graph().as_default():
        a = _graph_with("quint8_pool")
        assert tf.Session().run(a) == 2.0
