"""Incompatible shapes a user writes into a TF1 conv net, caught at graph construction:
matmul of mismatched inner dimensions (static and through a placeholder's partial shape),
add of two unbroadcastable shapes, concat of different ranks and of mismatched non-axis
dimensions, reshape to a size that does not divide, conv2d of a filter whose in-channels
differ from the input's, a 3-D input to conv2d, dense of an input with an unknown last
dimension, a stride of the wrong length, tf.stack of differing shapes and of a nested
list, a gather axis and an expand_dims dim out of range, inputs of the wrong dtype (an int
added to a float, a float64 matmul, a mean of strings, float indices and labels),
softmax_cross_entropy_with_logits called positionally; each error's class
and message and how many ops it left in the graph; then the right net is built and run
(seeded), values at full precision, op counts."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(31)
rng = np.random.RandomState(31)
g = tf.get_default_graph()
img = tf.placeholder(tf.float32, [None, 6, 6, 2], name="img")
vec = tf.placeholder(tf.float32, [None, 5], name="vec")
unk = tf.placeholder(tf.float32, [None, None], name="unk")
a = tf.constant(rng.randn(2, 3).astype(np.float32), name="a")
c = tf.constant(rng.randn(4, 2).astype(np.float32), name="c")
k_bad = tf.constant(rng.randn(3, 3, 3, 4).astype(np.float32), name="k_bad")


def build(what, f):
    n = len(g.get_operations())
    try:
        r = f()
        print(what, "built", r.shape, len(g.get_operations()) - n)
    except (ValueError, TypeError) as e:
        print(what, type(e).__name__, repr(str(e)), len(g.get_operations()) - n)


build("matmul", lambda: tf.matmul(a, c))
build("matmul_ph", lambda: tf.matmul(vec, a))
build("matmul_tb", lambda: tf.matmul(a, c, transpose_b=True))
build("matmul_rank", lambda: tf.matmul(a, tf.constant([1.0, 2.0, 3.0])))
build("add", lambda: tf.add(a, c))
build("add_op", lambda: a + tf.ones([3, 2]))
build("sub_ph", lambda: vec - tf.ones([4]))
build("concat_rank", lambda: tf.concat([a, tf.ones([2])], 0))
build("concat_dim", lambda: tf.concat([a, c], 0))
build("concat_axis", lambda: tf.concat([a, a], 2))
build("reshape", lambda: tf.reshape(a, [4, -1]))
build("reshape2", lambda: tf.reshape(a, [5]))
build("reshape_2neg", lambda: tf.reshape(a, [-1, -1]))
build("conv_in", lambda: tf.nn.conv2d(img, k_bad, [1, 1, 1, 1], "SAME"))
build("conv_rank", lambda: tf.nn.conv2d(tf.ones([6, 6, 2]), tf.ones([3, 3, 2, 4]),
                                        [1, 1, 1, 1], "SAME"))
build("conv_strides", lambda: tf.nn.conv2d(img, tf.ones([3, 3, 2, 4]), [1, 1, 1], "SAME"))
build("conv_pad", lambda: tf.nn.conv2d(img, tf.ones([3, 3, 2, 4]), [1, 1, 1, 1], "same"))
build("layers_conv", lambda: tf.layers.conv2d(tf.ones([6, 6, 2]), 4, 3))
build("dense_unk", lambda: tf.layers.dense(unk, 3))
build("stack", lambda: tf.stack([a, c]))
build("stack_list", lambda: tf.stack([a, [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]]))
build("stack_list_bad", lambda: tf.stack([a, [[1.0, 2.0]]]))
build("gather_axis", lambda: tf.gather(a, [0], axis=3))
build("expand_list", lambda: tf.expand_dims([1, 2], 3))
build("squeeze", lambda: tf.squeeze(a, [0]))
build("split", lambda: tf.split(a, 2, axis=1))
build("tile", lambda: tf.tile(a, [2]))
build("transpose", lambda: tf.transpose(a, [1, 0, 2]))
build("reduce_axis", lambda: tf.reduce_sum(a, axis=2))
build("xent", lambda: tf.nn.softmax_cross_entropy_with_logits_v2(labels=a, logits=c))
build("sxent", lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(
    labels=tf.constant([0, 1, 1]), logits=a))
build("add_int", lambda: a + tf.constant(1))
build("matmul_f64", lambda: tf.matmul(a, tf.ones([3, 2], tf.float64)))
build("mean_str", lambda: tf.reduce_mean(tf.constant(["p", "q"])))
build("all_float", lambda: tf.reduce_all(a))
build("one_hot_float", lambda: tf.one_hot(vec[0], 3))
build("gather_float", lambda: tf.gather(a, [0.0]))
build("sxent_float", lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(
    labels=tf.constant([0.0, 1.0]), logits=a))
build("xent_positional", lambda: tf.nn.softmax_cross_entropy_with_logits(a, a))
print(len(g.get_operations()))

h = tf.layers.conv2d(img, 4, 3, padding="same", activation=tf.nn.relu,
                     kernel_initializer=tf.glorot_uniform_initializer(seed=2), name="conv")
h = tf.layers.max_pooling2d(h, 2, 2)
flat = tf.reshape(h, [-1, 3 * 3 * 4])
out = tf.layers.dense(tf.concat([flat, vec], 1), 2,
                      kernel_initializer=tf.glorot_uniform_initializer(seed=3), name="out")
print(out.shape, len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    r = s.run(out, {img: rng.randn(3, 6, 6, 2).astype(np.float32),
                    vec: rng.randn(3, 5).astype(np.float32)})
    print(r.ravel().tolist())
