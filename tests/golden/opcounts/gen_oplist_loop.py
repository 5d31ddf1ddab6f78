"""Ops a tf.while_loop body builds that its results do not need (tf.hessians' loop: the
slice of the gradient vector and the second-order gradient terms of tensors that do not
depend on x; a body op left unused): TF 1.14 builds them in the loop's frame, reading
tensors from outside through Enters named after them. Per case the GraphDef's nodes
(name, op, inputs) and the values (tests/test_oplist_loop.py)."""
import numpy as np


def _hessians(tf):
    x = tf.Variable([1., 2., 3.], name="x")
    return [tf.hessians(tf.reduce_sum(x ** 3) + x[0] * x[1], x)[0]]


def _unused(tf):
    a = tf.constant(np.arange(3, dtype=np.float32), name="a")
    b = tf.constant(2.0, name="b")

    def body(i, s):
        unused = a * b + tf.cast(i, tf.float32)   # no result reads it
        del unused
        return i + 1, s + a[0] * b

    return list(tf.while_loop(lambda i, s: i < 3, body, [tf.constant(0), tf.constant(0.0)]))


def _case(tf, build):
    g = tf.Graph()
    with g.as_default():
        outs = build(tf)
        nodes = [[n.name, n.op, list(n.input)] for n in g.as_graph_def().node]
        with tf.Session(graph=g) as s:
            s.run(tf.global_variables_initializer())
            return {"nodes": nodes, "values": s.run(outs)}


def cases(tf):
    return {"hessians": _case(tf, _hessians), "unused": _case(tf, _unused)}
