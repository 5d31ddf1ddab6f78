"""SegNet-style encoder/decoder on fake images: tf.nn.max_pool_with_argmax (SAME and VALID),
unpooling by scattering the pooled values to the argmax positions (tf.scatter_nd on the
flattened batch-offset indices, as public SegNet code writes it), the gradient through the
pool (MaxPoolGradWithArgmax) and the scatter, a few Adam steps."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def unpool(pool, ind, name):
    with tf.name_scope(name):
        shp = tf.shape(pool, out_type=tf.int64)
        out_shape = [shp[0], shp[1] * 2, shp[2] * 2, shp[3]]
        flat_out = shp[0] * shp[1] * 2 * shp[2] * 2 * shp[3]
        b = tf.ones_like(ind) * tf.reshape(tf.range(shp[0], dtype=tf.int64), [-1, 1, 1, 1])
        per = flat_out // shp[0]
        idx = tf.reshape(ind + b * per, [-1, 1])
        vals = tf.reshape(pool, [-1])
        ret = tf.scatter_nd(idx, vals, tf.reshape(flat_out, [1]))
        ret = tf.reshape(ret, tf.stack(out_shape))
        st = pool.shape
        ret.set_shape([st[0], st[1] * 2, st[2] * 2, st[3]])
        return ret


tf.set_random_seed(57)
rs = np.random.RandomState(5)
g = tf.get_default_graph()
x = tf.placeholder(tf.float32, [None, 8, 8, 3], name="x")
lab = tf.placeholder(tf.int32, [None, 8, 8], name="lab")
init = tf.glorot_uniform_initializer(seed=4)
h = tf.layers.conv2d(x, 4, 3, padding="same", activation=tf.nn.relu, kernel_initializer=init)
p1, a1 = tf.nn.max_pool_with_argmax(h, [1, 2, 2, 1], [1, 2, 2, 1], "SAME", name="pool1")
print(len(g.get_operations()), p1.dtype.name, a1.dtype.name, a1.op.type, a1.shape)
h2 = tf.layers.conv2d(p1, 6, 3, padding="same", activation=tf.nn.relu, kernel_initializer=init)
p2, a2 = tf.nn.max_pool_with_argmax(h2, [1, 2, 2, 1], [1, 2, 2, 1], "VALID",
                                   Targmax=tf.int64, name="pool2")
u2 = unpool(p2, a2, "unpool2")
d2 = tf.layers.conv2d(u2, 4, 3, padding="same", activation=tf.nn.relu, kernel_initializer=init)
u1 = unpool(d2, a1, "unpool1")
logits = tf.layers.conv2d(u1, 3, 1, kernel_initializer=init)
print(len(g.get_operations()), u1.shape, logits.shape)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=lab, logits=logits))
gx = tf.gradients(loss, [x, p1])
print(len(g.get_operations()), sorted(set(o.type for o in g.get_operations()
                                           if "Grad" in o.type)))
train = tf.train.AdamOptimizer(0.01).minimize(loss)
print(len(g.get_operations()))
X = rs.rand(2, 8, 8, 3).astype(np.float32)
L = rs.randint(0, 3, (2, 8, 8)).astype(np.int32)
fd = {x: X, lab: L}
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    pv, av, bv, uv = s.run([p1, a1, a2, u1], fd)
    print(H(pv), H(av), H(bv), H(uv))
    print(av[0, :, :, 0].tolist())
    print([H(v) for v in s.run(gx, fd)])
    for step in range(4):
        lv, _ = s.run([loss, train], fd)
        print(step, repr(float(lv)))
    print([H(v) for v in s.run(tf.trainable_variables())])
    print(repr(float(s.run(loss, fd))))
