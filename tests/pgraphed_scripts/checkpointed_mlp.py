"""An MLP trained with gradient checkpointing written with tf.contrib.graph_editor, in the
manner of openai's gradient-checkpointing (memory_saving_gradients): the forward segment
between two checkpoints is copied (ge.copy_with_input_replacements, the checkpoints read
through tf.stop_gradient), the copy waits for the gradient of its output
(ge.add_control_inputs), and tf.gradients of the copy gives the gradients of the previous
checkpoint and of the weights. Seeded synthetic data; prints the graph's op counts, the
copies' names, both gradients and the training losses."""
import numpy as np
import tensorflow as tf
from tensorflow.contrib import graph_editor as ge

rng = np.random.RandomState(3)
X = rng.standard_normal((32, 8)).astype(np.float32)
Y = (X[:, :3].sum(1) > 0).astype(np.int32) + (X[:, 3] > 0.5).astype(np.int32)

x = tf.placeholder(tf.float32, [None, 8], name="x")
y = tf.placeholder(tf.int32, [None], name="y")
sizes = [8, 16, 16, 16, 3]
weights, hidden = [], []
h = x
for i in range(4):
    with tf.variable_scope("layer%d" % i):
        w = tf.get_variable("w", initializer=(rng.standard_normal(sizes[i:i + 2]) /
                                              np.sqrt(sizes[i])).astype(np.float32))
        b = tf.get_variable("b", initializer=np.full(sizes[i + 1], 0.01, np.float32))
        weights += [w, b]
        h = tf.matmul(h, w) + b
        if i < 3:
            h = tf.nn.tanh(h)
        hidden.append(h)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=h))


def checkpointed_gradients(ys, params, checkpoints):
    """d ys / d params, recomputing each segment between checkpoints in the backward pass."""
    reads = [p.value() for p in params]
    fwd = ge.get_forward_walk_ops([r.op for r in reads], inclusive=False)
    bwd = ge.get_backward_walk_ops([ys.op], inclusive=True)
    between = [op for op in fwd if op in set(bwd)]
    stopped = {c: tf.stop_gradient(c, name="ckpt%d" % i) for i, c in enumerate(checkpoints)}
    grads = [[] for _ in params]
    bounds = [None] + checkpoints + [ys]
    d_out = None
    for j in range(len(bounds) - 1, 0, -1):
        out, prev = bounds[j], bounds[j - 1]
        seg = ge.get_backward_walk_ops([out.op], inclusive=True, within_ops=between,
                                       stop_at_ts=checkpoints)
        _, info = ge.copy_with_input_replacements(
            ge.sgv(seg), {c: stopped[c] for c in checkpoints}, dst_scope="recompute%d" % j)
        copies = info.transformed(sorted(seg, key=lambda op: op.name))
        print("segment", j, [op.name for op in copies])
        if d_out is not None:
            for op in copies:
                ge.add_control_inputs(op, [d_out.op])
        wrt = ([stopped[prev]] if prev is not None else []) + reads
        ds = tf.gradients(info.transformed(out), wrt,
                          grad_ys=None if d_out is None else [d_out])
        if prev is not None:
            d_out, ds = ds[0], ds[1:]
        for k, d in enumerate(ds):
            if d is not None:
                grads[k].append(d)
    return [g[0] if len(g) == 1 else tf.add_n(g) for g in grads]


n0 = len(tf.get_default_graph().get_operations())
ck_grads = checkpointed_gradients(loss, weights, [hidden[0], hidden[2]])
n1 = len(tf.get_default_graph().get_operations())
plain = tf.gradients(loss, weights)
print("ops", n0, n1, len(tf.get_default_graph().get_operations()))
types = {}
for op in tf.get_default_graph().get_operations():
    if op.name.startswith("recompute"):
        types[op.type] = types.get(op.type, 0) + 1
print(sorted(types.items()))
print([(op.name, [c.name for c in op.control_inputs])
       for op in tf.get_default_graph().get_operations()
       if op.name.startswith("recompute1/") and op.control_inputs][:4])
opt = tf.train.GradientDescentOptimizer(0.5)
# (every gradient computed before any update: tf.gradients does not gate them)
train = opt.apply_gradients(zip(tf.tuple(ck_grads), weights))
np.set_printoptions(precision=9)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {x: X, y: Y}
    a, b = sess.run([ck_grads, plain], feed)
    for g, name in zip(a, [w.op.name for w in weights]):
        print(name, g.dtype, g.shape, repr(float(np.abs(g).sum())), g.ravel()[:3])
    print("max |ckpt - plain|", max(float(np.abs(u - v).max()) for u, v in zip(a, b)))
    for step in range(6):
        print(step, repr(float(sess.run(loss, feed))))
        sess.run(train, feed)
    print(repr(float(sess.run(loss, feed))))
    print([repr(float(v.sum())) for v in sess.run(weights)])
