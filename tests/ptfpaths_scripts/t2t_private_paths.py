"""tensor2tensor / sonnet v1 style: TF's private modules imported directly. The eager
context's mode checks, a greedy decode loop writing each step's logits into a buffer by
inplace_ops (t2t's fast decoding cache), special_math_ops.einsum attention, check_ops
asserts, a template-shared layer, partitioned embeddings and a deprecated helper."""
import numpy as np
import tensorflow as tf
from tensorflow.python.eager import context
from tensorflow.python.ops import (check_ops, inplace_ops, partitioned_variables,
                                   special_math_ops, template)
from tensorflow.python.util import deprecation

print("eager", context.executing_eagerly(), context.in_eager_mode(),
      context.default_execution_mode == context.GRAPH_MODE, context.num_gpus())
with context.graph_mode():
    print("graph_mode", tf.constant(1.0).op.type)

tf.set_random_seed(3)
rs = np.random.RandomState(5)
B, T, V, H = 2, 4, 5, 3

# greedy decoding: logits of each step written into a [T, B, V] buffer
emb = tf.get_variable("emb", [V, H], initializer=tf.random_normal_initializer(seed=1),
                      partitioner=partitioned_variables.fixed_size_partitioner(2))
print("emb", [(p.name, p.get_shape().as_list()) for p in emb])
proj = tf.get_variable("proj", [H, V], initializer=tf.random_normal_initializer(seed=2))


def body(i, ids, buf):
    h = tf.nn.embedding_lookup(emb, ids)
    logits = tf.matmul(h, proj)
    buf = inplace_ops.alias_inplace_update(buf, i, logits)
    return i + 1, tf.argmax(logits, -1, output_type=tf.int32), buf


buf0 = inplace_ops.empty_like(tf.zeros([T, B, V]), init=True)
_, last, buf = tf.while_loop(lambda i, *_: i < T, body,
                             [tf.constant(0), tf.constant([1, 3]), buf0])
full = inplace_ops.inplace_add(tf.ones([3, 2]), None, [[1., 2.], [3., 4.], [5., 6.]])
rows = inplace_ops.inplace_sub(tf.ones([3, 2]), [2, 0], [[1., 2.], [3., 4.]])
upd = inplace_ops.inplace_update(tf.zeros([3, 2], tf.int32), 1, [7, 8])

# einsum attention
q = tf.constant(rs.randn(B, T, H).astype(np.float32))
k = tf.constant(rs.randn(B, T, H).astype(np.float32))
scores = special_math_ops.einsum("bth,bsh->bts", q, k)
att = tf.nn.softmax(scores)
ctx = special_math_ops.einsum("bts,bsh->bth", att, k)
lb = special_math_ops.lbeta(tf.constant([[1.0, 2.0, 3.0], [0.5, 0.5, 4.0]]))

# check_ops, as sonnet's modules check their inputs
with tf.control_dependencies([check_ops.assert_rank(q, 3),
                              check_ops.assert_equal(tf.shape(q), tf.shape(k))]):
    checked = tf.identity(q)
try:
    check_ops.assert_rank(q, 2, message="queries")
except ValueError as e:
    print("ValueError", e)
bad = check_ops.assert_positive(tf.constant([1.0, -1.0]), message="pos")

# a template: the second call shares the first's variables
dense = template.make_template("shared", lambda x: tf.layers.dense(x, 2, name="d"))
y1, y2 = dense(tf.ones([1, 3])), dense(tf.zeros([1, 3]))
print("template", [v.name for v in tf.global_variables() if v.name.startswith("shared")],
      y1.name, y2.name)


@deprecation.deprecated(None, "Use new_helper instead.")
def old_helper(x):
    """Doubles x."""
    return 2 * x


print("deprecated", old_helper.__doc__.splitlines()[0])
print("op types", sorted({op.type for op in tf.get_default_graph().get_operations()
                          if op.type.startswith(("Inplace", "Empty", "DeepCopy"))}))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    out = sess.run([last, buf, full, rows, upd, scores, ctx, lb, checked])
    for name, v in zip(["last", "buf", "full", "rows", "upd", "scores", "ctx", "lbeta",
                        "checked"], out):
        print(name, v.dtype, v.tolist())
    try:
        sess.run(bad)
    except tf.errors.InvalidArgumentError as e:
        print("InvalidArgumentError", e.message.splitlines()[0])
