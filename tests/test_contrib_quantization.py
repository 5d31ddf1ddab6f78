"""tf.contrib.quantization as TF 1.14's: the public names of gen_math_ops and gen_nn_ops
(star-imported) plus gen_array_ops' dequantize, quantize_v2 and quantized_concat, each the
generated op function. The names flowgrad has are TF's (tests/golden/api/tf114_api.json);
the ops, names and numbers below were read from the TF 1.14 oracle."""
import sys

import numpy as np
import pytest

import flowgrad as tf
import goldens
from flowgrad.contrib.framework import deprecation
from flowgrad.ops import gen_ops  # noqa: F401  (makes the gen_* modules)

Q = tf.contrib.quantization
TF_NAMES = goldens.load("api", "tf114_api")["modules"]["tf.contrib.quantization"]


def _gen(name):
    return sys.modules[f"flowgrad.ops.gen_ops.{name}"]


def test_names_are_tfs():
    math, nn, array = _gen("gen_math_ops"), _gen("gen_nn_ops"), _gen("gen_array_ops")
    have = {n for n in dir(Q) if not n.startswith("_")}
    assert have - set(TF_NAMES) == {"gen_math_ops", "gen_nn_ops", "quantized_gen_array_ops"}
    for n in TF_NAMES:   # present exactly where flowgrad's generated module has the op
        runs = (n in ("absolute_import", "division", "print_function", "deprecated_endpoints")
                or hasattr(math, n) or hasattr(nn, n)
                or n in ("dequantize", "quantize_v2", "quantized_concat"))
        assert (n in have) == runs, n
    assert len(have & set(TF_NAMES)) == 418   # of TF's 706
    assert not hasattr(Q, "_abs") and Q.Add is math.Add and Q.relu is nn.relu
    assert Q.quantize_v2 is array.quantize_v2
    with pytest.raises(AttributeError, match="tensorflow.contrib.quantization.quantized_mul"):
        Q.quantized_mul


def test_calls_make_tfs_ops_and_values():
    g = tf.Graph()
    with g.as_default():
        a = Q.add(tf.constant([1.5, 2.0]), [0.25, 1.0])
        b = Q.Relu(features=[-1.0, 2.0])
        c = Q.quantize_v2([0.0, 1.0, 2.5, 3.0], 0.0, 3.0, tf.quint8)
        d = Q.dequantize(c.output, c.output_min, c.output_max)
        e = Q.bias_add([[1.0, 2.0]], [0.5, -1.0])
        f = Q.quantized_concat(0, [c.output, c.output], [c.output_min, c.output_min],
                               [c.output_max, c.output_max])
        h = Q.mat_mul([[1.0, 2.0]], [[3.0], [4.0]], transpose_a=False)
        with tf.Session() as s:
            ra, rb, rc, rd, re, rf, rh = s.run([a, b, c, d, e, f, h])
    assert [(o.name, o.type) for o in g.get_operations()] == [
        ("Const", "Const"), ("Add/y", "Const"), ("Add", "Add"), ("Relu/features", "Const"),
        ("Relu", "Relu"), ("QuantizeV2/input", "Const"), ("QuantizeV2/min_range", "Const"),
        ("QuantizeV2/max_range", "Const"), ("QuantizeV2", "QuantizeV2"),
        ("Dequantize", "Dequantize"), ("BiasAdd/value", "Const"), ("BiasAdd/bias", "Const"),
        ("BiasAdd", "BiasAdd"), ("QuantizedConcat/concat_dim", "Const"),
        ("QuantizedConcat", "QuantizedConcat"), ("MatMul/a", "Const"), ("MatMul/b", "Const"),
        ("MatMul", "MatMul")]
    assert ra.tolist() == [1.75, 3.0] and rb.tolist() == [0.0, 2.0]
    assert rc.output.view(np.uint8).ravel().tolist() == [0, 85, 213, 255]
    assert (rc.output_min, rc.output_max) == (0.0, 3.0)
    np.testing.assert_array_equal(rd, np.array([0.0, 1.0, 2.5058825, 3.0], np.float32))
    assert re.tolist() == [[1.5, 1.0]] and rh.tolist() == [[11.0]]
    assert rf.output.view(np.uint8).ravel().tolist() == [0, 85, 213, 255] * 2
    assert (rf.output_min, rf.output_max) == (0.0, 3.0)


def test_deprecated_endpoints_is_tfs():
    assert Q.deprecated_endpoints is deprecation.deprecated_endpoints

    def f():
        pass
    assert Q.deprecated_endpoints("a", "b")(f) is f and f._tf_deprecated_api_names == ("a", "b")
    with pytest.raises(deprecation.DeprecatedNamesAlreadySet,
                       match=r"Cannot set deprecated names for f to \('c',\)\. Deprecated "
                             r"names are already set to \('a', 'b'\)\."):
        Q.deprecated_endpoints("c")(f)
