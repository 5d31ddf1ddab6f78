"""Raw TF ops on Keras tensors (TensorFlowOpLayer) against TF 1.14
(tests/golden/keras/gen_kop_op_layers.py): layers, summaries, op layers' NodeDefs and
constants, predict / fit, the ops a model called again makes, configs, clones and errors.
Values computed by training are compared within float32 rounding, the rest exactly."""
import pytest

import flowgrad as tf
import goldens

GOLDEN = goldens.load("keras", "kop_op_layers")


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_matches_tf114(key):
    got = goldens.flowgrad_cases("keras", "kop_op_layers", tf)[key]
    goldens.same_sparse(got, GOLDEN[key], key, rtol=1e-5, atol=1e-6)


def test_op_layer_remakes_its_op():
    """The layer's op is made again, with its constants, under the caller's name scope."""
    with tf.Graph().as_default():
        inp = tf.keras.layers.Input((2,))
        m = tf.keras.Model(inp, inp * 3.0)
        layer = m.layers[-1]
        assert type(layer).__name__ == "TensorFlowOpLayer"
        again = m(tf.keras.layers.Input((2,)))
        assert again.op.type == "Mul" and again.op.name == "model/tf_op_layer_mul/mul"
        assert again.op.inputs[1].op.name == "model/tf_op_layer_mul/Const"
        with tf.Session() as sess:
            assert sess.run(again, {again.op.inputs[0]: [[1.0, 2.0]]}).tolist() == [[3.0, 6.0]]
