"""A WGAN-GP in the style of the TF1 tutorials (Improved WGAN on toy 2-D data): an MLP
generator with tf.contrib.layers.batch_norm (updates_collections=UPDATE_OPS, is_training) and
a critic with tf.contrib.layers.layer_norm (no batch norm in a gradient-penalty critic),
the penalty from tf.gradients at interpolates with tf.norm(axis=1), n_critic critic steps
per generator step, Adam(0.0001, beta1=0.5, beta2=0.9) per var_list from
tf.trainable_variables() filtered by name, the generator's train op under
tf.control_dependencies(UPDATE_OPS); then the optimizers' errors: an empty var_list, a loss
no listed variable reaches, compute_gradients of an integer loss, apply_gradients of only
None gradients. Prints variables, losses and errors at full precision."""
import numpy as np
import tensorflow as tf

np.random.seed(21)
tf.set_random_seed(2121)
B, Z = 8, 3
LAMBDA = 10.0


def generator(z, is_training):
    with tf.variable_scope("gen"):
        h = tf.contrib.layers.fully_connected(
            z, 16, activation_fn=None,
            weights_initializer=tf.contrib.layers.xavier_initializer(seed=1))
        h = tf.contrib.layers.batch_norm(h, decay=0.9, is_training=is_training, scale=True,
                                         updates_collections=tf.GraphKeys.UPDATE_OPS)
        h = tf.nn.relu(h)
        return tf.contrib.layers.fully_connected(
            h, 2, activation_fn=None,
            weights_initializer=tf.contrib.layers.xavier_initializer(seed=2))


def critic(x, reuse=False):
    with tf.variable_scope("critic", reuse=reuse):
        h = tf.contrib.layers.fully_connected(
            x, 16, activation_fn=None,
            weights_initializer=tf.contrib.layers.xavier_initializer(seed=3))
        h = tf.nn.leaky_relu(tf.contrib.layers.layer_norm(h), 0.2)
        h = tf.contrib.layers.fully_connected(
            h, 16, activation_fn=tf.nn.leaky_relu,
            weights_initializer=tf.contrib.layers.xavier_initializer(seed=4))
        return tf.contrib.layers.fully_connected(
            h, 1, activation_fn=None,
            weights_initializer=tf.contrib.layers.xavier_initializer(seed=5))


real = tf.placeholder(tf.float32, [B, 2], name="real")
z = tf.random_normal([B, Z], seed=6)
fake = generator(z, True)
c_real = critic(real)
c_fake = critic(fake, reuse=True)
eps = tf.random_uniform([B, 1], 0.0, 1.0, seed=7)
x_hat = eps * real + (1.0 - eps) * fake
c_hat = critic(x_hat, reuse=True)
grad = tf.gradients(c_hat, x_hat)[0]
gp = tf.reduce_mean(tf.square(tf.norm(grad, axis=1) - 1.0))
c_loss = tf.reduce_mean(c_fake) - tf.reduce_mean(c_real) + LAMBDA * gp
g_loss = -tf.reduce_mean(c_fake)

t_vars = tf.trainable_variables()
c_vars = [v for v in t_vars if v.name.startswith("critic")]
g_vars = [v for v in t_vars if v.name.startswith("gen")]
print("c_vars", [v.name for v in c_vars])
print("g_vars", [v.name for v in g_vars])
ups = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
print("update_ops", [u.name for u in ups])
c_train = tf.train.AdamOptimizer(1e-3, beta1=0.5, beta2=0.9).minimize(c_loss, var_list=c_vars)
with tf.control_dependencies(ups):
    g_train = tf.train.AdamOptimizer(1e-3, beta1=0.5, beta2=0.9).minimize(g_loss,
                                                                          var_list=g_vars)
print("ops", len(tf.get_default_graph().get_operations()))

for name, fn in [
        ("empty var_list", lambda: tf.train.AdamOptimizer(0.1).minimize(c_loss, var_list=[])),
        ("unreached", lambda: tf.train.GradientDescentOptimizer(0.1).minimize(
            tf.reduce_mean(c_real), var_list=g_vars)),
        ("int loss", lambda: tf.train.GradientDescentOptimizer(0.1).compute_gradients(
            tf.constant(3), var_list=c_vars)),
        ("none grads", lambda: tf.train.GradientDescentOptimizer(0.1).apply_gradients(
            [(None, v) for v in c_vars])),
        ("not a pair", lambda: tf.train.GradientDescentOptimizer(0.1).apply_gradients(
            c_vars))]:
    try:
        fn()
        print(name, "ok")
    except (ValueError, TypeError) as e:
        print(name, type(e).__name__, str(e)[:200])


def f(v):
    return [repr(float(t)) for t in np.ravel(v)]


centers = np.array([[1.0, 1.0], [-1.0, -1.0]], np.float32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for it in range(3):
        for _ in range(2):
            data = centers[np.random.randint(0, 2, B)] + 0.1 * np.random.randn(B, 2)
            cl, gpv = sess.run([c_loss, gp], feed_dict={real: data})
            sess.run(c_train, feed_dict={real: data})
        gl = sess.run(g_loss)
        sess.run(g_train)
        print("iter", it, f([cl, gpv, gl]))
    mv = [v for v in tf.global_variables() if "moving" in v.name]
    for v in mv:
        print(v.op.name, f(sess.run(v))[:4])
    print("fake", f(sess.run(fake))[:4])
