"""tf.gradients' options on one small graph: stop_gradients (a tensor and a list), grad_ys
(a tensor, a list with None), unconnected_gradients='zero' vs 'none' (a float, an int32 and
an unconnected variable), aggregation_method ADD_N / EXPERIMENTAL_ACCUMULATE_N /
EXPERIMENTAL_TREE on a tensor used many times, gate_gradients=True; prints the names and types
of the ops each call adds and the values at full precision (not ACCUMULATE_N's: TF 1.14's
AccumulateNV2RemovePass sums with an AssignAdd per input, in the order the executor runs
them)."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(3)
np.set_printoptions(precision=9)
g = tf.get_default_graph()

a = tf.Variable(tf.random_normal([3, 2], seed=7), name="a")
b = tf.Variable([[0.5, -1.5], [2.0, 0.25], [1.0, 1.0]], name="b")
u = tf.Variable(3.0, name="unused")
n = tf.constant([1, 2, 3], name="n")
c = a * b
d = tf.tanh(c) + c * c + tf.sin(c) + tf.exp(-c)
e = tf.reduce_sum(d * a) + tf.reduce_sum(tf.cast(n, tf.float32))


def added(fn):
    before = len(g.get_operations())
    out = fn()
    new = g.get_operations()[before:]
    print(len(new), sorted(set(op.type for op in new)))
    print([op.name for op in new][:6])
    return out


res = {}
res["stop_c"] = added(lambda: tf.gradients(e, [a, b], stop_gradients=c))
res["stop_ab"] = added(lambda: tf.gradients(d, [a, b], stop_gradients=[a, b]))
gy = tf.constant(np.arange(6, dtype=np.float32).reshape(3, 2) / 4, name="gy")
res["grad_ys"] = added(lambda: tf.gradients([d, e], [a], grad_ys=[gy, None]))
res["zero"] = added(lambda: tf.gradients(e, [a, u, n], unconnected_gradients="zero"))
nz = tf.gradients(e, [a, u], unconnected_gradients="none")
print(nz[1])
for m in ("ADD_N", "EXPERIMENTAL_ACCUMULATE_N", "EXPERIMENTAL_TREE"):
    res[m] = added(lambda: tf.gradients(
        e, [a, b], aggregation_method=getattr(tf.AggregationMethod, m)))
res["gate"] = added(lambda: tf.gradients(e, [a, b], gate_gradients=True, name="gated"))
try:
    tf.gradients(e, [a], unconnected_gradients="zeros")
except ValueError as err:
    print("ValueError", err)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for k in sorted(res):
        if k == "EXPERIMENTAL_ACCUMULATE_N":
            continue    # (TF sums with one AssignAdd per input: in the order they run)
        vals = sess.run([t for t in res[k] if t is not None])
        print(k, [v.dtype.name for v in vals])
        for v in vals:
            print(repr(v.ravel().tolist()))
