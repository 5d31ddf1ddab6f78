"""A tf.while_loop whose body builds an op its results do not need, reading a capture
(`c`) nothing else reads, differentiated w.r.t. another capture (`a`): TF 1.14 builds the
unneeded op in the forward frame with its Enter of `c`, and `c` gets no gradient (no
accumulator in the gradient frame). Per case the ops get_operations lists (name, type),
the GraphDef's nodes (name, op, inputs) and the values (tests/test_oplist_loop_grad.py).
Made on the host "host" records (the values are exact small products on any host)."""
import numpy as np

from goldenio import host_vendor


def _dead_capture(tf):
    a = tf.Variable(np.float32(2.0), name="a")
    c = tf.Variable(np.float32(3.0), name="c")

    def body(i, v):
        unused = v * c   # no result reads it: c gets no gradient
        del unused
        return i + 1, v * a

    _, r = tf.while_loop(lambda i, v: i < 3, body, [tf.constant(0), tf.constant(1.0)])
    return [r] + tf.gradients(r, [a])


def _dead_capture_two(tf):
    # two captures the gradient reaches and one only the unneeded op reads, between them
    a = tf.Variable(np.float32(2.0), name="a")
    c = tf.Variable(np.float32(3.0), name="c")
    b = tf.Variable(np.float32(0.5), name="b")

    def body(i, v):
        w = v * a
        unused = tf.matmul(tf.reshape(v, [1, 1]), tf.reshape(c, [1, 1]))
        del unused
        return i + 1, w + b

    _, r = tf.while_loop(lambda i, v: i < 3, body, [tf.constant(0), tf.constant(1.0)])
    return [r] + tf.gradients(r * r, [a, b])


def _case(tf, build):
    g = tf.Graph()
    with g.as_default():
        outs = build(tf)
        ops = [[o.name, o.type] for o in g.get_operations()]
        nodes = [[n.name, n.op, list(n.input)] for n in g.as_graph_def().node]
        with tf.Session(graph=g) as s:
            s.run(tf.global_variables_initializer())
            return {"ops": ops, "nodes": nodes, "values": s.run(outs)}


CASES = {"dead_capture": _dead_capture, "dead_capture_two": _dead_capture_two}


def cases(tf):
    out = {k: _case(tf, f) for k, f in CASES.items()}
    out["host"] = host_vendor()
    return out
