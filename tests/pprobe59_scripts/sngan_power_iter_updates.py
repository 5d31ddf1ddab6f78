"""SN-GAN in the style of taki0112/Spectral_Normalization-Tensorflow and the SNGAN TF1 ports:
spectral_norm(w) reshapes the kernel to [-1, c_out], keeps u in a non-trainable variable
(truncated_normal initializer), runs one power iteration with l2_normalize, and either
assigns u under tf.control_dependencies (the taki0112 form) or adds the tf.assign to
tf.GraphKeys.UPDATE_OPS (the other common form), the latter run with the critic's train op
on one discriminator call over real and fake concatenated;
a conv discriminator with leaky relu and a dense generator with batch norm, hinge losses,
Adam(beta1=0., beta2=0.9) per var_list from trainable collections by scope. Prints the
collections, sigma before / after training, losses at full precision."""
import numpy as np
import tensorflow as tf

np.random.seed(11)
tf.set_random_seed(5911)
B = 4


def spectral_norm(w, iteration=1, collect=False):
    w_shape = w.shape.as_list()
    w = tf.reshape(w, [-1, w_shape[-1]])
    u = tf.get_variable("u", [1, w_shape[-1]], initializer=tf.truncated_normal_initializer(seed=3),
                        trainable=False)
    u_hat = u
    v_hat = None
    for i in range(iteration):
        v_ = tf.matmul(u_hat, tf.transpose(w))
        v_hat = tf.nn.l2_normalize(v_)
        u_ = tf.matmul(v_hat, w)
        u_hat = tf.nn.l2_normalize(u_)
    u_hat = tf.stop_gradient(u_hat)
    v_hat = tf.stop_gradient(v_hat)
    sigma = tf.matmul(tf.matmul(v_hat, w), tf.transpose(u_hat))
    if collect:
        tf.add_to_collection(tf.GraphKeys.UPDATE_OPS, tf.assign(u, u_hat, name="power_update"))
        w_norm = w / sigma
    else:
        with tf.control_dependencies([u.assign(u_hat)]):
            w_norm = w / sigma
    tf.add_to_collection("sigmas", sigma)
    return tf.reshape(w_norm, w_shape)


def conv(x, channels, k, s, name, collect, reuse):
    with tf.variable_scope(name, reuse=reuse):
        w = tf.get_variable("kernel", [k, k, x.shape[-1], channels],
                            initializer=tf.random_normal_initializer(stddev=0.1, seed=7))
        b = tf.get_variable("bias", [channels], initializer=tf.constant_initializer(0.0))
        return tf.nn.conv2d(x, spectral_norm(w, collect=collect), [1, s, s, 1], "SAME") + b


def discriminator(x, reuse=False, collect=False):
    with tf.variable_scope("discriminator", reuse=reuse):
        h = tf.nn.leaky_relu(conv(x, 4, 3, 2, "conv0", collect, reuse), 0.1)
        h = tf.nn.leaky_relu(conv(h, 8, 3, 2, "conv1", collect, reuse), 0.1)
        h = tf.reshape(h, [2 * B, -1])
        with tf.variable_scope("fc", reuse=reuse):
            w = tf.get_variable("w", [h.shape[-1], 1],
                                initializer=tf.random_normal_initializer(stddev=0.1, seed=8))
            h = tf.matmul(h, spectral_norm(w, iteration=2, collect=collect))
    with tf.variable_scope("probe", reuse=tf.AUTO_REUSE):   # the taki0112 form
        with tf.variable_scope("fc"):
            with tf.variable_scope("plain"):
                w2 = tf.get_variable("w", [4, 3],
                                     initializer=tf.random_normal_initializer(seed=13))
                tf.add_to_collection("plain", spectral_norm(w2))
    return h


def generator(z):
    with tf.variable_scope("generator"):
        h = tf.layers.dense(z, 32, use_bias=False, name="fc",
                            kernel_initializer=tf.random_normal_initializer(stddev=0.2, seed=9))
        h = tf.layers.batch_normalization(h, training=True, momentum=0.9, name="bn")
        h = tf.nn.relu(h)
        h = tf.layers.dense(h, 8 * 8, activation=tf.nn.tanh, name="out",
                            kernel_initializer=tf.random_normal_initializer(stddev=0.2, seed=10))
        return tf.reshape(h, [B, 8, 8, 1])


real = tf.placeholder(tf.float32, [B, 8, 8, 1])
z = tf.random_normal([B, 6], seed=12)
fake = generator(z)
d_all = discriminator(tf.concat([real, fake], 0), collect=True)
d_real, d_fake = tf.split(d_all, 2)
d_loss = tf.reduce_mean(tf.nn.relu(1.0 - d_real)) + tf.reduce_mean(tf.nn.relu(1.0 + d_fake))
g_loss = -tf.reduce_mean(d_fake)

d_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="discriminator")
g_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="generator")
print("d_vars", [v.name for v in d_vars])
print("g_vars", [v.name for v in g_vars])
print("globals", [v.name for v in tf.global_variables()])
ups = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
print("update_ops", [(u.name, type(u).__name__) for u in ups])
d_ups = [op for op in ups if op.name.startswith("discriminator/")]
g_ups = tf.get_collection(tf.GraphKeys.UPDATE_OPS, "generator")
with tf.control_dependencies(d_ups):
    d_opt = tf.train.AdamOptimizer(2e-3, beta1=0., beta2=0.9, name="d_adam").minimize(
        d_loss, var_list=d_vars)
with tf.control_dependencies(g_ups):
    g_opt = tf.train.AdamOptimizer(1e-3, beta1=0., beta2=0.9, name="g_adam").minimize(
        g_loss, var_list=g_vars)
sigmas = tf.get_collection("sigmas")
print("sigmas", len(sigmas), [s.op.name for s in sigmas])
print("slots", sorted(v.op.name for v in tf.global_variables() if "adam" in v.op.name)[:6])
print("ops", len(tf.get_default_graph().get_operations()))


def f(v):
    return [repr(float(t)) for t in np.ravel(v)]


data = np.random.rand(8, 8, 8, 1).astype(np.float32) * 2 - 1
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("sigma0", f(sess.run(sigmas[:3], feed_dict={real: data[:B]})))
    for step in range(4):
        fd = {real: data[(step % 2) * B:(step % 2 + 1) * B]}
        _, dl = sess.run([d_opt, d_loss], feed_dict=fd)
        _, gl = sess.run([g_opt, g_loss], feed_dict=fd)
        print("step", step, f([dl, gl]))
    us = [v for v in tf.global_variables() if v.op.name.endswith("/u")]
    for v in us:
        print(v.op.name, f(sess.run(v))[:4])
    print("sigma1", f(sess.run(sigmas[:3], feed_dict={real: data[:B]})))
    pl = tf.get_collection("plain")[0]
    print("plain", f(sess.run(pl))[:4], f(sess.run(pl))[:4])
    print("bn", f(sess.run("generator/bn/moving_mean:0"))[:4])
