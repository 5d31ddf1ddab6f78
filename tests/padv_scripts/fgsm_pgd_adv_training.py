"""FGSM, PGD with a seeded random start in a Python loop, L2 projection with keepdims,
tf.norm, a targeted one-hot attack and adversarial training (clean + adversarial loss,
Adam) on fed placeholders."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(1)
rng = np.random.RandomState(0)
X = rng.rand(8, 8, 8, 3).astype(np.float32)
Y = rng.randint(0, 5, size=8)

x = tf.placeholder(tf.float32, [None, 8, 8, 3], name="x")
y = tf.placeholder(tf.int64, [None], name="y")


def model(inp, reuse=False):
    with tf.variable_scope("model", reuse=reuse):
        h = tf.layers.conv2d(inp, 6, 3, padding="same", activation=tf.nn.relu, name="c1")
        h = tf.layers.max_pooling2d(h, 2, 2)
        h = tf.layers.flatten(h)
        return tf.layers.dense(h, 5, name="fc")


logits = model(x)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
n0 = len(tf.get_default_graph().get_operations())
eps = 0.1
(grad,) = tf.gradients(loss, x)
adv = tf.stop_gradient(x + eps * tf.sign(grad))
adv = tf.clip_by_value(adv, 0.0, 1.0)
n1 = len(tf.get_default_graph().get_operations())
print("ops", n0, n1)


# PGD with random start, python loop
def pgd(x0, yy, eps=0.1, alpha=0.02, steps=3):
    xa = x0 + tf.random_uniform(tf.shape(x0), -eps, eps, seed=3)
    xa = tf.clip_by_value(xa, 0, 1)
    for i in range(steps):
        lg = model(xa, reuse=True)
        lv = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=yy, logits=lg))
        (g,) = tf.gradients(lv, xa)
        xa = xa + alpha * tf.sign(g)
        xa = tf.clip_by_value(xa, x0 - eps, x0 + eps)
        xa = tf.clip_by_value(xa, 0.0, 1.0)
        xa = tf.stop_gradient(xa)
    return xa


adv_pgd = pgd(x, y)
n2 = len(tf.get_default_graph().get_operations())
print("ops pgd", n2)


# L2 projection
def l2_proj(delta, eps):
    norm = tf.sqrt(
        tf.maximum(1e-12, tf.reduce_sum(tf.square(delta), axis=[1, 2, 3], keepdims=True))
    )
    factor = tf.minimum(1.0, eps / norm)
    return delta * factor


delta = adv_pgd - x
dl2 = l2_proj(delta, 0.5)
nrm = tf.norm(tf.reshape(delta, [tf.shape(delta)[0], -1]), axis=1)
nrm2 = tf.norm(delta, axis=[1, 2])  # Frobenius over each image's rows and columns
n3 = len(tf.get_default_graph().get_operations())
print("ops l2", n3)

# targeted one-hot
target = tf.one_hot((y + 1) % 5, 5)
tl = tf.nn.softmax_cross_entropy_with_logits_v2(labels=target, logits=logits)
(tg,) = tf.gradients(tf.reduce_sum(tl), x)
adv_t = tf.clip_by_value(x - eps * tf.sign(tg), 0, 1)

# adversarial training
adv_logits = model(adv, reuse=True)
adv_loss = tf.reduce_mean(
    tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=adv_logits)
)
total = 0.5 * loss + 0.5 * adv_loss
opt = tf.train.AdamOptimizer(1e-2)
train = opt.minimize(total)
print("ops all", len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    fd = {x: X, y: Y}
    for step in range(3):
        _, lv, al = sess.run([train, loss, adv_loss], fd)
        print(step, repr(float(lv)), repr(float(al)))
    a, p, d2, nn, nn2, at = sess.run([adv, adv_pgd, dl2, nrm, nrm2, adv_t], fd)
    print(repr(float(a.sum())), repr(float(p.sum())), repr(float(d2.sum())))
    print(nn.tolist())
    print(nn2.ravel()[:6].tolist())
    print(repr(float(at.sum())), repr(float(np.abs(p - X).max())))
    print(sess.run(grad, fd).ravel()[:6].tolist())
