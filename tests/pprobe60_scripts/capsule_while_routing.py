"""Capsule routing written with tf.while_loop (the CapsNet-Tensorflow style): prediction
vectors u_hat from tf.einsum over a weight tensor, routing iterations in a while_loop whose
body updates the logits b with the agreement and stacks each coupling into a TensorArray,
squash with a norm epsilon, margin loss, masking by tf.one_hot of the label and a small
decoder; Adam through the loop. Op counts, the while frame's op types, values at full
precision, and the shape-invariant error TF raises for a loop var whose shape changes."""
import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.ascontiguousarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


np.random.seed(5)
tf.set_random_seed(17)
B, NI, DI, NO, DO = 3, 6, 4, 3, 5
u = tf.placeholder(tf.float32, [None, NI, DI], name="u")
y = tf.placeholder(tf.int32, [None], name="y")


def squash(s, axis=-1, eps=1e-9):
    sq = tf.reduce_sum(tf.square(s), axis=axis, keepdims=True)
    return sq / (1.0 + sq) * s / tf.sqrt(sq + eps)


with tf.variable_scope("digitcaps"):
    W = tf.get_variable("W", [NI, NO, DI, DO],
                        initializer=tf.random_normal_initializer(stddev=0.3, seed=3))
    u_hat = tf.einsum("bid,iodk->biok", u, W)
    with tf.name_scope("routing"):
        b0 = tf.zeros([tf.shape(u)[0], NI, NO])
        ta = tf.TensorArray(tf.float32, size=3, name="couplings")

        def cond(i, b, v, ta):
            return i < 3

        def body(i, b, v, ta):
            c = tf.nn.softmax(b, axis=2)
            s = tf.reduce_sum(c[..., None] * u_hat, axis=1)
            v = squash(s)
            b = b + tf.reduce_sum(u_hat * v[:, None], axis=-1)
            return i + 1, b, v, ta.write(i, c)

        v0 = tf.zeros([tf.shape(u)[0], NO, DO])
        _, b_fin, v, ta_fin = tf.while_loop(cond, body, [tf.constant(0), b0, v0, ta],
                                            name="dyn")
        couplings = ta_fin.stack()

lengths = tf.norm(v, axis=-1)
T = tf.one_hot(y, NO)
L = T * tf.square(tf.maximum(0., 0.9 - lengths)) + \
    0.5 * (1 - T) * tf.square(tf.maximum(0., lengths - 0.1))
margin_loss = tf.reduce_mean(tf.reduce_sum(L, axis=1))
masked = tf.reshape(v * tf.expand_dims(T, -1), [-1, NO * DO])
recon = tf.layers.dense(masked, NI * DI, activation=tf.nn.sigmoid,
                        kernel_initializer=tf.glorot_uniform_initializer(seed=4))
recon_loss = tf.reduce_mean(tf.square(recon - tf.reshape(u, [-1, NI * DI])))
loss = margin_loss + 0.0005 * recon_loss
pred = tf.argmax(lengths, axis=1, output_type=tf.int32)
opt = tf.train.AdamOptimizer(0.05)
train = opt.minimize(loss)
g = tf.get_default_graph()
ops = g.get_operations()
print("ops", len(ops))
frame = sorted({o.type for o in ops if "/dyn/" in o.name})
print("frame types", frame)
print("exits", sorted(o.name for o in ops if o.type == "Exit"))
print("u_hat", u_hat.shape, "couplings", couplings.shape, "v", v.shape)

U = np.random.randn(B, NI, DI).astype(np.float32)
Y = np.array([0, 2, 1], np.int32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(4):
        lv, ml, _ = sess.run([loss, margin_loss, train], {u: U, y: Y})
        print(step, repr(float(lv)), repr(float(ml)))
    c, ln, p = sess.run([couplings, lengths, pred], {u: U, y: Y})
    print("couplings", H(c), c.shape)
    print("lengths", ln.tolist())
    print("pred", p.tolist())
    print("W", H(sess.run(W)))

try:
    tf.while_loop(lambda x: tf.shape(x)[0] < 4, lambda x: tf.concat([x, x], 0),
                  [tf.ones([1, 2])], name="grow")
except ValueError as e:
    print("ValueError", e)
x = tf.while_loop(lambda x: tf.shape(x)[0] < 4, lambda x: tf.concat([x, x], 0),
                  [tf.ones([1, 2])], shape_invariants=[tf.TensorShape([None, 2])])
print("grown", x.shape)
with tf.Session() as sess:
    print(sess.run(x).shape)
