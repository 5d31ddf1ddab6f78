"""Loop gradients with shapes not fully known have TF 1.14's ops (golden
control/ptut2_loop_shapes): the Shape / Size / Rank of a forward value made in the forward
frame and its value stacked (TF's WhileContext.AddOp), names, types and order as TF's;
losses after RMSProp steps bit for bit."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("control", "ptut2_loop_shapes")
GOLD = goldens.load("control", "ptut2_loop_shapes")

# (lstm: the stack of the sequence-length mask both Select gradients read is named after
# the reader TF's walk meets first, Select_2_grad)


@pytest.mark.parametrize("name", ["gru", "lstm", "while", "capture"])
def test_loop_gradient_shape_ops_as_tf(name):
    xv = np.random.RandomState(0).rand(5, 7, 6).astype(np.float32)
    with tf.Graph().as_default() as g:
        x, loss, train = GEN.build(tf, name)
        assert [[o.name, o.type] for o in g.get_operations()] == GOLD[name]["ops"]
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            losses = [s.run([train, loss], {x: xv})[1] for _ in range(3)]
    assert [float(v) for v in losses] == [float(v) for v in GOLD[name]["losses"]]
