"""A loop gradient's accumulator of a weight that MatMuls read, under Grappler's
AddOpsRewrite (TF 1.14): the leaves are `MatMul(StackPopV2, g, transpose_a)` and the like.
A popped value has unknown rank in the gradient frame; each MatMul reading it sees dims
of its own ([?, ?] from WithRank, not shared with its other readers), so two such leaves
stay [?, n] and TF sums `acc + AddN(...)` as written (`two`), while an AddN with a leaf
of known shape makes them known and regroups them with the accumulator (`tile`). In a
second-order MAML step through tf.map_fn (`maml_*`), the leaf `MatMul(ReluGrad(AddN(Tile,
Tile), StackPopV2), StackPopV2, transpose_a)` takes its first dim from the ReluGrad's
second, which another MatMul merges with w3's 8 (the Tiles' multiples are of unknown value
but known length: [?, ?]), so the w3 accumulator is one AddN of all its leaves. Values
chosen so the orders round apart; the gradients' float32 bits."""
import numpy as np
from goldenio import host_vendor

XS = [[[1e8, 1.0]], [[1.0, 3.0]], [[-1e8, 1e-3]], [[7.0, 1e8]]]
KINDS = ("two", "tile", "maml_7", "maml_3", "maml_11")


def _loop(tf, kind):
    w = tf.Variable([[1.0], [2.0]])
    xs = tf.constant(XS)

    def body(t, h):
        x = xs[t]
        if kind == "two":
            more = tf.reduce_sum(tf.matmul(x * 1e-8 + 3.0, w))
        else:
            more = tf.reduce_sum(w)
        return t + 1, h + tf.reduce_sum(tf.matmul(x, w)) + more
    _, h = tf.while_loop(lambda t, h: t < 4, body, [tf.constant(0), tf.constant(0.0)])
    return [tf.gradients(h, w)[0]]


def _maml(tf, seed):
    rs = np.random.RandomState(seed)
    k, n = 5, 8
    w = {"w1": tf.Variable(rs.randn(1, n).astype(np.float32) * 0.5, name="w1"),
         "b1": tf.Variable(rs.randn(n).astype(np.float32) * 0.1, name="b1"),
         "w3": tf.Variable(rs.randn(n, 1).astype(np.float32) * 0.5, name="w3"),
         "b3": tf.Variable(np.zeros(1, np.float32), name="b3")}
    xa = np.round(rs.uniform(-5, 5, [3, k, 1]), 3).astype(np.float32)
    ya = (xa * 0.5 + 0.25).astype(np.float32)

    def forward(x, weights):
        hid = tf.nn.relu(tf.matmul(x, weights["w1"]) + weights["b1"])
        return tf.matmul(hid, weights["w3"]) + weights["b3"]

    def task(inp):
        ia, la = inp
        loss = tf.reduce_mean(tf.square(forward(ia, w) - la))
        grads = tf.gradients(loss, list(w.values()))
        fast = {key: w[key] - 0.01 * g for key, g in zip(w.keys(), grads)}
        return tf.reduce_mean(tf.square(forward(ia, fast) - la))

    total = tf.reduce_sum(tf.map_fn(task, elems=(tf.constant(xa), tf.constant(ya)),
                                    dtype=tf.float32, parallel_iterations=3))
    return tf.gradients(total, list(w.values()))


def _run(tf, kind):
    grads = _maml(tf, int(kind.split("_")[1])) if kind.startswith("maml") else _loop(tf, kind)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [np.asarray(g).ravel().view(np.uint32).tolist() for g in sess.run(grads)]


def cases(tf):
    out = {"host": host_vendor()}
    for kind in KINDS:
        with tf.Graph().as_default():
            out[kind] = _run(tf, kind)
    return out
