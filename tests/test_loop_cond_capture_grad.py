"""tf.gradients of a tf.while_loop whose condition (and a body Less) reads a float tensor that
depends on the xs (tf.linalg.expm's max_squarings / squarings): only the non-differentiable
Less reads it, so TF 1.14's Enter of it gets no gradient: no accumulator
(Enter_grad/b_acc...) and no zeros for it; flowgrad made both (7 + 1 ops). Numbers from the
TF 1.14 oracle (ops in the graph and GraphDef, the Enter_grad / zeros_like names, the
gradient)."""
import pytest

import flowgrad as tf

_ACC = [f"gradients/while/mul/Enter_grad/{s}" for s in (
    "Add", "NextIteration", "Switch", "b_acc", "b_acc_1", "b_acc_2", "b_acc_3")]
# body reads the bound too: (ops, GraphDef nodes, names)
TF = {False: (74, 74, _ACC),
      True: (86, 86, ["gradients/while/Select_grad/zeros_like"] + _ACC)}


@pytest.mark.parametrize("body_reads", [False, True])
def test_capture_read_only_by_less_gets_no_accumulator(body_reads):
    n_ops, n_nodes, names = TF[body_reads]
    g = tf.Graph()
    with g.as_default():
        x = tf.Variable(2.0, name="x")
        lim = tf.floor(x * 1.5)

        def body(i, r):
            nr = r * x
            if body_reads:
                nr = tf.where(tf.less(i, lim), nr, r)
            return i + 1, nr
        _, out = tf.while_loop(lambda i, r: tf.less(i, lim), body, [tf.constant(0.0), x])
        gr = tf.gradients(out, x)
        init = tf.global_variables_initializer()
        assert len(g.get_operations()) == n_ops
        assert len(g.as_graph_def().node) == n_nodes
        assert sorted(o.name for o in g.get_operations()
                      if "Enter_grad" in o.name or "zeros_like" in o.name) == names
        with tf.Session() as s:
            s.run(init)
            assert s.run(gr)[0] == 32.0
