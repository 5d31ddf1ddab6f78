"""A small pre-activation ResNet on 8x8 images: tf.layers.conv2d, two residual blocks
(one with a strided 1x1 projection shortcut), tf.layers.batch_normalization in training
mode with momentum 0.9 and the UPDATE_OPS collection run under
tf.control_dependencies around Momentum's minimize (with an L2 weight decay over the
kernels), global average pooling and a dense head; then inference with training=False
reusing the variables; the moving statistics, losses and the collection's op names."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(1431)
rs = np.random.RandomState(1432)
xs = rs.normal(size=(16, 8, 8, 3)).astype(np.float32)
ys = rs.randint(0, 4, size=16).astype(np.int64)

x = tf.placeholder(tf.float32, [None, 8, 8, 3])
y = tf.placeholder(tf.int64, [None])
is_training = tf.placeholder_with_default(False, [], name="is_training")


def block(inp, filters, stride, training, name):
    with tf.variable_scope(name):
        pre = tf.nn.relu(tf.layers.batch_normalization(inp, momentum=0.9, training=training,
                                                       name="bn1"))
        if stride != 1 or inp.shape[-1] != filters:
            shortcut = tf.layers.conv2d(pre, filters, 1, stride, use_bias=False, name="proj",
                                        kernel_initializer=tf.variance_scaling_initializer(seed=3))
        else:
            shortcut = inp
        h = tf.layers.conv2d(pre, filters, 3, stride, padding="same", use_bias=False,
                             name="conv1",
                             kernel_initializer=tf.variance_scaling_initializer(seed=4))
        h = tf.nn.relu(tf.layers.batch_normalization(h, momentum=0.9, training=training,
                                                     name="bn2"))
        h = tf.layers.conv2d(h, filters, 3, 1, padding="same", use_bias=False, name="conv2",
                             kernel_initializer=tf.variance_scaling_initializer(seed=5))
        return h + shortcut


def net(inp, training, reuse):
    with tf.variable_scope("resnet", reuse=reuse):
        h = tf.layers.conv2d(inp, 6, 3, padding="same", name="stem",
                             kernel_initializer=tf.glorot_uniform_initializer(seed=2))
        h = block(h, 6, 1, training, "block1")
        h = block(h, 8, 2, training, "block2")
        h = tf.nn.relu(tf.layers.batch_normalization(h, training=training, name="bn_out"))
        h = tf.reduce_mean(h, axis=[1, 2])
        return tf.layers.dense(h, 4, name="fc",
                               kernel_initializer=tf.glorot_uniform_initializer(seed=6))


logits = net(x, True, False)
eval_logits = net(x, False, True)
xent = tf.losses.sparse_softmax_cross_entropy(y, logits)
l2 = 1e-3 * tf.add_n([tf.nn.l2_loss(v) for v in tf.trainable_variables() if "kernel" in v.name])
loss = xent + l2
update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
print("update ops", len(update_ops), [op.name for op in update_ops[:4]])
with tf.control_dependencies(update_ops):
    train_op = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss)
acc = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(eval_logits, 1), y), tf.float32))
print("ops", len(tf.get_default_graph().get_operations()))
print("globals", len(tf.global_variables()), "trainable", len(tf.trainable_variables()))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(8):
        idx = rs.permutation(16)[:8]
        _, lv = sess.run([train_op, loss], {x: xs[idx], y: ys[idx]})
        print(step, repr(float(lv)))
    mm, mv = sess.run(["resnet/block2/bn2/moving_mean:0", "resnet/block2/bn2/moving_variance:0"])
    print("moving_mean", [repr(float(v)) for v in mm])
    print("moving_var", [repr(float(v)) for v in mv])
    el, a = sess.run([eval_logits, acc], {x: xs, y: ys})
    print("eval", repr(float(a)), [repr(float(v)) for v in el[0]])
