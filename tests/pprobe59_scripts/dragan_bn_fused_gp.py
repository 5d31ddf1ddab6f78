"""DRAGAN in the style of kodalinaveen3/DRAGAN and the tensorflow-generative-model-collections
ports: a conv generator and a conv discriminator, both with tf.layers.batch_normalization
(fused on 4-D inputs) under variable scopes; the perturbed-input gradient penalty (x + 0.5 *
std(x) * U[0, 1) noise, alpha interpolation) whose tf.gradients runs back through the fused
batch norm, so the discriminator's update takes second derivatives of FusedBatchNorm;
per-scope UPDATE_OPS under tf.control_dependencies, Adam per var_list. Prints the update ops,
op counts and the losses of a few steps at full precision."""
import numpy as np
import tensorflow as tf

np.random.seed(59)
tf.set_random_seed(590)
B = 4
real_np = np.random.rand(8, 6, 6, 1).astype(np.float32)


def generator(z, is_training, reuse=False):
    with tf.variable_scope("generator", reuse=reuse):
        h = tf.layers.dense(z, 3 * 3 * 4, use_bias=False, name="fc")
        h = tf.reshape(h, [-1, 3, 3, 4])
        h = tf.layers.batch_normalization(h, training=is_training, name="bn0")
        h = tf.nn.relu(h)
        h = tf.layers.conv2d_transpose(h, 1, 3, strides=2, padding="same", name="deconv",
                                       kernel_initializer=tf.truncated_normal_initializer(
                                           stddev=0.2, seed=3))
        return tf.nn.sigmoid(h)


def discriminator(x, is_training, reuse=False):
    with tf.variable_scope("discriminator", reuse=reuse):
        h = tf.layers.conv2d(x, 4, 3, strides=2, padding="same", name="conv1",
                             kernel_initializer=tf.truncated_normal_initializer(stddev=0.2, seed=4))
        h = tf.nn.leaky_relu(h, 0.2)
        h = tf.layers.conv2d(h, 6, 3, strides=1, padding="same", name="conv2", use_bias=False,
                             kernel_initializer=tf.truncated_normal_initializer(stddev=0.2, seed=5))
        h = tf.layers.batch_normalization(h, training=is_training, name="bn2")
        h = tf.nn.leaky_relu(h, 0.2)
        h = tf.layers.flatten(h)
        logit = tf.layers.dense(h, 1, name="out")
        return tf.nn.sigmoid(logit), logit


x = tf.placeholder(tf.float32, [B, 6, 6, 1], name="real_images")
x_p = tf.placeholder(tf.float32, [B, 6, 6, 1], name="real_perturbed")
z = tf.placeholder(tf.float32, [B, 5], name="z")
is_training = True

D_real, D_real_logits = discriminator(x, is_training)
G = generator(z, is_training)
D_fake, D_fake_logits = discriminator(G, is_training, reuse=True)

d_loss_real = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
    logits=D_real_logits, labels=tf.ones_like(D_real)))
d_loss_fake = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
    logits=D_fake_logits, labels=tf.zeros_like(D_fake)))
d_loss = d_loss_real + d_loss_fake
g_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
    logits=D_fake_logits, labels=tf.ones_like(D_fake)))

alpha = tf.random_uniform(shape=[B, 1, 1, 1], minval=0., maxval=1., seed=7)
differences = x_p - x
interpolates = x + (alpha * differences)
_, D_inter = discriminator(interpolates, is_training, reuse=True)
gradients = tf.gradients(D_inter, [interpolates])[0]
slopes = tf.sqrt(tf.reduce_sum(tf.square(gradients), reduction_indices=[1, 2, 3]))
gradient_penalty = tf.reduce_mean((slopes - 1.) ** 2)
d_loss += 10.0 * gradient_penalty

t_vars = tf.trainable_variables()
d_vars = [var for var in t_vars if "discriminator" in var.name]
g_vars = [var for var in t_vars if "generator" in var.name]
print("d_vars", [v.name for v in d_vars])
print("g_vars", [v.name for v in g_vars])
update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
print("update_ops", [op.name for op in update_ops])
d_updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS, scope="discriminator/")
g_updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS, scope="generator/")
print("per scope", len(d_updates), len(g_updates))
with tf.control_dependencies(d_updates):
    d_optim = tf.train.AdamOptimizer(0.002, beta1=0.5).minimize(d_loss, var_list=d_vars)
with tf.control_dependencies(g_updates):
    g_optim = tf.train.AdamOptimizer(0.01, beta1=0.5).minimize(g_loss, var_list=g_vars)
graph = tf.get_default_graph()
_, D_eval = discriminator(generator(z, False, reuse=True), False, reuse=True)
types = sorted(set(op.type for op in graph.get_operations() if "Grad" in op.type))
print("grad op types", types)
print("ops", len(graph.get_operations()))
print("gp grad shape", gradients.shape, slopes.shape)


def f(v):
    return [repr(float(t)) for t in np.ravel(v)]


with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(3):
        batch = real_np[(step * B) % 8:(step * B) % 8 + B]
        pert = batch + 0.5 * batch.std() * np.random.random(batch.shape).astype(np.float32)
        zb = np.random.uniform(-1, 1, [B, 5]).astype(np.float32)
        _, dl, gp = sess.run([d_optim, d_loss, gradient_penalty],
                             feed_dict={x: batch, x_p: pert, z: zb})
        _, gl = sess.run([g_optim, g_loss], feed_dict={z: zb})
        print("step", step, f([dl, gp, gl]))
    mm = [v for v in tf.global_variables() if "moving" in v.name]
    for v in mm:
        print(v.name, f(sess.run(v)))
    print("eval", f(sess.run(D_eval, feed_dict={z: zb})))
