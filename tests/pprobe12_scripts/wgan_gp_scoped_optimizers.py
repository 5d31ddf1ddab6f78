"""A WGAN-GP in the style of igul222's improved_wgan_training / the TF1 reference ports: a
generator and a critic under variable scopes, var_lists from
tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope=...), two optimizers (Adam with
beta1=0 for the critic, RMSProp for the generator) each minimizing over its own list under
its own name scope, the gradient penalty from tf.gradients of the critic at random
interpolates (norm over reduction_indices), a weight-clipping variant's clip ops grouped
with tf.group; slot names, op counts, losses and trained weights. (The critic's update waits
on the printed cost: the cost's last MatMul reads a critic weight its update writes.)"""

import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1211)
rs = np.random.RandomState(1212)
B = 16
real_np = (rs.randn(64, 2) * 0.3 + np.array([1.0, -1.0])).astype(np.float32)


def generator(z):
    with tf.variable_scope("Generator", reuse=tf.AUTO_REUSE):
        h = tf.layers.dense(z, 12, tf.nn.relu, name="fc1")
        h = tf.layers.dense(h, 12, tf.nn.relu, name="fc2")
        return tf.layers.dense(h, 2, name="out")


def critic(x):
    with tf.variable_scope("Discriminator", reuse=tf.AUTO_REUSE):
        h = tf.layers.dense(x, 12, tf.nn.relu, name="fc1")
        h = tf.layers.dense(h, 12, tf.nn.relu, name="fc2")
        return tf.reshape(tf.layers.dense(h, 1, name="out"), [-1])


real = tf.placeholder(tf.float32, [B, 2], name="real")
z = tf.random_normal([B, 4], seed=11)
fake = generator(z)
d_real = critic(real)
d_fake = critic(fake)
gen_cost = -tf.reduce_mean(d_fake)
disc_cost = tf.reduce_mean(d_fake) - tf.reduce_mean(d_real)
alpha = tf.random_uniform(shape=[B, 1], minval=0., maxval=1., seed=12)
differences = fake - real
interpolates = real + alpha * differences
n0 = len(tf.get_default_graph().get_operations())
gradients = tf.gradients(critic(interpolates), [interpolates])[0]
print("ops penalty grads", len(tf.get_default_graph().get_operations()) - n0)
slopes = tf.sqrt(tf.reduce_sum(tf.square(gradients), reduction_indices=[1]))
gradient_penalty = tf.reduce_mean((slopes - 1.) ** 2)
disc_cost += 10.0 * gradient_penalty
gen_params = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="Generator")
disc_params = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="Discriminator")
print("gen", [v.op.name for v in gen_params])
print("disc", [v.op.name for v in disc_params])
print("empty", tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="Gen$"))
print("regex", [v.op.name for v in tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES,
                                                      scope="(Gen|Dis).*/fc2")])
n0 = len(tf.get_default_graph().get_operations())
with tf.name_scope("disc_train"), tf.control_dependencies([disc_cost]):
    disc_train_op = tf.train.AdamOptimizer(1e-3, beta1=0., beta2=0.9).minimize(
        disc_cost, var_list=disc_params)
print("ops disc train", len(tf.get_default_graph().get_operations()) - n0)
n0 = len(tf.get_default_graph().get_operations())
with tf.name_scope("gen_train"):
    gen_train_op = tf.train.RMSPropOptimizer(5e-4).minimize(gen_cost, var_list=gen_params)
print("ops gen train", len(tf.get_default_graph().get_operations()) - n0)
print("train ops", disc_train_op.name, gen_train_op.name)
print("slots", sorted(v.op.name for v in tf.global_variables()
                      if "Adam" in v.op.name or "RMSProp" in v.op.name or "power" in v.op.name)[:8])
clip_ops = [tf.assign(v, tf.clip_by_value(v, -0.05, 0.05)) for v in disc_params]
clip_disc = tf.group(*clip_ops)
print("clip", clip_disc.type, len(clip_disc.control_inputs), clip_disc.name)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for it in range(4):
        for _ in range(3):
            idx = rs.randint(0, 64, B)
            dc, gp, _ = sess.run([disc_cost, gradient_penalty, disc_train_op], {real: real_np[idx]})
        gc, _ = sess.run([gen_cost, gen_train_op])
        print(it, repr(float(dc)), repr(float(gp)), repr(float(gc)))
    print("D", [H(v) for v in sess.run(disc_params)])
    print("G", [H(v) for v in sess.run(gen_params)])
    sess.run(clip_disc)
    print("clipped", [H(v) for v in sess.run(disc_params)])
    print("fake", H(sess.run(fake)))
