"""Writes tests/golden/ckpt/ploopgd_lowered/<name>.pb: flowgrad's GraphDefs of loop
gradients written in TF 1.14's walk order (run with flowgrad: `python
tests/golden/ckpt/make_ploopgd_lowered.py`); TF 1.14 imports and runs them in
gen_ploopgd_lowered.py; tests/test_ploopgd.py checks flowgrad's values and bytes. The
models build under either library (no flowgrad import here)."""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FETCHES = ["g0:0", "g1:0", "g2:0", "g3:0"]


def _inputs(tf):
    return tf.constant(np.cos(np.arange(30) * 0.3).reshape(2, 5, 3).astype(np.float32))


def build(tf, name):
    """The model `name` in the default graph; its gradients named g0, g1, ..."""
    def init(shape, dtype=None, partition_info=None):   # the same weights in both
        n = int(np.prod(shape))
        return tf.constant(np.sin(np.arange(n) * 0.7).reshape(shape).astype(np.float32) * 0.5)
    x = _inputs(tf)
    cell = tf.nn.rnn_cell.GRUCell(3, kernel_initializer=init, bias_initializer=init)
    out, st = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    if name == "only_state":   # the output array's flow: a variable no gradient reaches
        loss = tf.reduce_sum(st * st)
    else:                      # both, and the input: its array's read differentiated
        loss = tf.reduce_sum(out) + tf.reduce_sum(st * st)
    xs = tf.trainable_variables()
    grads = tf.gradients(loss, xs + ([x] if name == "with_input" else []))
    for i, g in enumerate(grads[:4]):
        tf.identity(g, name="g%d" % i)


GRAPHS = ["only_state", "with_input"]


def graph_bytes(tf, name):
    with tf.Graph().as_default() as g:
        build(tf, name)
        return g.as_graph_def().SerializeToString(deterministic=True)


if __name__ == "__main__":
    import flowgrad
    for name in GRAPHS:
        with open(os.path.join(HERE, "ploopgd_lowered", name + ".pb"), "wb") as f:
            f.write(graph_bytes(flowgrad, name))
