"""The zeros tf.gradients gives an output of a loop body's op that no gradient reached, of
a shape not fully known (the unused outputs i, cs, f, o, ci, co of LSTMBlockCell; r, u, c
of GRUBlockCell with an unknown batch): TF 1.14's ControlFlowState.ZerosLike takes the
value's Shape in the forward frame, pushes it (gradients/f_acc ...) and fills zeros of the
popped shape in the gradient frame (gradients/zeros ...), so the forward values themselves
are pushed only for the gradient rule (under .../LSTMBlockCellGrad/); flowgrad's ZerosLike
of the pushed value gave fewer nodes. Numbers from the TF 1.14 oracle."""
import hashlib

import numpy as np
import pytest

import flowgrad as tf

# cell: (ops in the graph, the gradients scope's top-level Fill / StackV2 / ZerosLike
# nodes, md5 prefixes of the variables' gradients)
TF = {
    "LSTMBlockCell": (333, ["gradients/Fill"] + [f"gradients/f_acc{x}" for x in
                                                 ("", "_1", "_2", "_3", "_4")]
                      + [f"gradients/zeros{x}" for x in ("", "_1", "_2", "_3", "_4")]
                      + ["gradients/zeros_like", "gradients/zeros_like_1"],
                      ["fc6887462408", "fa92159eb7b0"]),
    "GRUBlockCell": (297, ["gradients/Fill", "gradients/f_acc", "gradients/f_acc_1",
                           "gradients/f_acc_2", "gradients/zeros", "gradients/zeros_1",
                           "gradients/zeros_2", "gradients/zeros_like"],
                     ["8791ecc93994", "8e9449fd5bb1", "02277ee665b7", "b88d78b7ca88"]),
}


@pytest.mark.parametrize("cellname", sorted(TF))
def test_block_cell_unused_outputs_zeros_of_pushed_shape(cellname):
    n_ops, names, hashes = TF[cellname]
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 4, 3])
        with tf.variable_scope("m", initializer=tf.glorot_uniform_initializer(seed=1)):
            out, _ = tf.nn.dynamic_rnn(getattr(tf.contrib.rnn, cellname)(5), x,
                                       dtype=tf.float32)
        grads = tf.gradients(tf.reduce_sum(out), tf.trainable_variables())
        ops = g.get_operations()
        assert len(ops) == n_ops
        assert sorted(o.name for o in ops if o.type in ("Fill", "StackV2", "ZerosLike")
                      and o.name.count("/") == 1 and o.name.startswith("gradients/")) == names
        rs = np.random.RandomState(3)
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            vals = s.run(grads, {x: rs.randn(2, 4, 3).astype(np.float32)})
    assert [hashlib.md5(v.tobytes()).hexdigest()[:12] for v in vals] == hashes
