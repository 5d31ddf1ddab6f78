"""A DCGAN written by hand as the TF1 tutorials do: a generator of dense -> reshape ->
conv2d_transpose with a dynamic output_shape (tf.stack of tf.shape(z)[0]) and
tf.layers.batch_normalization(training=is_training), a discriminator of strided conv2d +
leaky_relu under variable_scope(reuse=...), sigmoid cross-entropy losses with one-sided
label smoothing, var_lists by scope name, Adam(beta1=0.5) under the UPDATE_OPS control
dependencies; the moving statistics, op counts, names, the generated shape, the losses
over a few steps and the error of a conv2d_transpose whose output_shape disagrees."""
import numpy as np
import tensorflow as tf

np.random.seed(0)
tf.set_random_seed(42)
rs = np.random.RandomState(7)
B, Z = 4, 6
images = (np.tanh(rs.randn(B * 3, 8, 8, 1))).astype(np.float32)
x = tf.placeholder(tf.float32, [None, 8, 8, 1], name="x")
z = tf.placeholder(tf.float32, [None, Z], name="z")
is_training = tf.placeholder_with_default(True, [], name="is_training")
w_init = tf.truncated_normal_initializer(stddev=0.02, seed=1)


def deconv2d(inp, out_channels, name):
    with tf.variable_scope(name):
        in_shape = inp.get_shape().as_list()
        w = tf.get_variable("w", [3, 3, out_channels, in_shape[-1]], initializer=w_init)
        b = tf.get_variable("b", [out_channels], initializer=tf.constant_initializer(0.0))
        batch = tf.shape(inp)[0]
        out_shape = tf.stack([batch, in_shape[1] * 2, in_shape[2] * 2, out_channels])
        y = tf.nn.conv2d_transpose(inp, w, out_shape, [1, 2, 2, 1], padding="SAME")
        y = tf.reshape(tf.nn.bias_add(y, b), [-1, in_shape[1] * 2, in_shape[2] * 2,
                                              out_channels])
        return y


def generator(z, training):
    with tf.variable_scope("generator"):
        h = tf.layers.dense(z, 2 * 2 * 8, kernel_initializer=w_init, name="fc")
        h = tf.reshape(h, [-1, 2, 2, 8])
        h = tf.nn.relu(tf.layers.batch_normalization(h, training=training, name="bn0"))
        h = deconv2d(h, 4, "deconv1")
        h = tf.nn.relu(tf.layers.batch_normalization(h, training=training, name="bn1"))
        return tf.nn.tanh(deconv2d(h, 1, "deconv2"))


def discriminator(img, training, reuse=False):
    with tf.variable_scope("discriminator", reuse=reuse):
        h = tf.layers.conv2d(img, 4, 3, 2, "same", kernel_initializer=w_init, name="c1")
        h = tf.nn.leaky_relu(h, 0.2)
        h = tf.layers.conv2d(h, 8, 3, 2, "same", kernel_initializer=w_init, name="c2")
        h = tf.nn.leaky_relu(tf.layers.batch_normalization(h, training=training, name="bn"),
                             0.2)
        logits = tf.layers.dense(tf.layers.flatten(h), 1, kernel_initializer=w_init,
                                 name="out")
        return tf.nn.sigmoid(logits), logits


fake = generator(z, is_training)
d_real, d_real_logits = discriminator(x, is_training)
d_fake, d_fake_logits = discriminator(fake, is_training, reuse=True)
print(fake.name, fake.shape, d_real_logits.name, d_fake_logits.name)
d_loss_real = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
    logits=d_real_logits, labels=tf.ones_like(d_real_logits) * 0.9))
d_loss_fake = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
    logits=d_fake_logits, labels=tf.zeros_like(d_fake_logits)))
d_loss = d_loss_real + d_loss_fake
g_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
    logits=d_fake_logits, labels=tf.ones_like(d_fake_logits)))
t_vars = tf.trainable_variables()
d_vars = [v for v in t_vars if v.name.startswith("discriminator")]
g_vars = [v for v in t_vars if v.name.startswith("generator")]
print(len(d_vars), len(g_vars), [v.name for v in g_vars][:4])
update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
print([op.name for op in update_ops])
with tf.control_dependencies(update_ops):
    d_optim = tf.train.AdamOptimizer(2e-3, beta1=0.5).minimize(d_loss, var_list=d_vars)
    g_optim = tf.train.AdamOptimizer(2e-3, beta1=0.5).minimize(g_loss, var_list=g_vars)
print(len(tf.get_default_graph().get_operations()), len(tf.global_variables()))
mm = [v for v in tf.global_variables() if "moving_mean" in v.name]
print([v.name for v in mm])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(3):
        bx = images[step * B:(step + 1) * B]
        bz = rs.uniform(-1, 1, [B, Z]).astype(np.float32)
        _, dl = sess.run([d_optim, d_loss], {x: bx, z: bz})
        _, gl = sess.run([g_optim, g_loss], {x: bx, z: bz})
        _, gl = sess.run([g_optim, g_loss], {x: bx, z: bz})
        print(step, "%.7f %.7f" % (dl, gl))
    print(sess.run(mm[0]))
    print(sess.run(mm[1])[:3])
    out = sess.run(fake, {z: rs.uniform(-1, 1, [3, Z]).astype(np.float32),
                          is_training: False})
    print(out.shape, out[0, :2, :2, 0])
    bad = tf.nn.conv2d_transpose(tf.zeros([1, 2, 2, 8]), tf.zeros([3, 3, 4, 8]),
                                 tf.constant([1, 5, 5, 4]), [1, 2, 2, 1], padding="SAME")
    try:
        sess.run(bad)
    except tf.errors.InvalidArgumentError as e:
        print("InvalidArgumentError:", e.message.splitlines()[0])
