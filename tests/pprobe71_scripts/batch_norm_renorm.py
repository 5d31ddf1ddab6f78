"""tf.layers.batch_normalization as TF1 repositories train it: a training placeholder,
UPDATE_OPS run under control_dependencies, fused True / False, renorm with renorm_clipping
and renorm_momentum, virtual_batch_size (ghost batch norm); losses over a few steps, the
moving statistics, the update-op names and counts, and the errors TF raises."""
import numpy as np
import tensorflow as tf

np.random.seed(5)
xs = np.random.randn(8, 4, 4, 3).astype(np.float32)
ys = np.random.randn(8, 2).astype(np.float32)


def build(**bn):
    tf.set_random_seed(7)
    x = tf.placeholder(tf.float32, [8, 4, 4, 3])
    y = tf.placeholder(tf.float32, [8, 2])
    training = tf.placeholder_with_default(False, [], name="training")
    h = tf.layers.conv2d(x, 4, 3, padding="same", use_bias=False,
                         kernel_initializer=tf.truncated_normal_initializer(stddev=0.3, seed=1))
    h = tf.layers.batch_normalization(h, training=training, name="bn1", **bn)
    h = tf.nn.relu(h)
    h = tf.reduce_mean(h, axis=[1, 2])
    out = tf.layers.dense(h, 2, kernel_initializer=tf.glorot_uniform_initializer(seed=2))
    loss = tf.reduce_mean(tf.square(out - y))
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        train = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss)
    return x, y, training, loss, train, update_ops


configs = [("plain", dict(momentum=0.9)),
           ("fused", dict(momentum=0.9, fused=True)),
           ("nofused", dict(momentum=0.8, fused=False, epsilon=1e-3)),
           ("renorm", dict(renorm=True, renorm_momentum=0.9,
                           renorm_clipping={"rmax": 1.5, "rmin": 0.5, "dmax": 0.3})),
           ("renorm_noclip", dict(renorm=True, momentum=0.95)),
           ("ghost", dict(virtual_batch_size=4, momentum=0.9)),
           ("ghost_nofused", dict(virtual_batch_size=2, fused=False, scale=False))]
for name, bn in configs:
    with tf.Graph().as_default():
        x, y, training, loss, train, ups = build(**bn)
        g = tf.get_default_graph()
        print(name, len(ups), sorted(u.name for u in ups),
              len(g.get_operations()), [v.op.name for v in tf.global_variables()
                                        if "bn1" in v.op.name])
        print(" ", sorted(set(o.type for o in g.get_operations() if o.name.startswith("bn1/")
                             and o.type.startswith("Fused"))))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for i in range(3):
                _, lv = sess.run([train, loss], {x: xs, y: ys, training: True})
                print(" ", i, repr(float(lv)))
            print("  eval", repr(float(sess.run(loss, {x: xs, y: ys}))))
            mv = [v for v in tf.global_variables()
                  if "moving" in v.op.name or "renorm" in v.op.name]
            for v in mv:
                print("  ", v.op.name, [repr(float(t)) for t in sess.run(v).ravel()[:2]])

with tf.Graph().as_default():
    a = tf.placeholder(tf.float32, [6, 3])
    for kw in [dict(renorm=True, fused=True), dict(virtual_batch_size=3),
               dict(axis=[0, 1], fused=True), dict(axis=5), dict(virtual_batch_size=2, axis=0),
               dict(virtual_batch_size=-1)]:
        try:
            r = tf.layers.batch_normalization(a, training=True, **kw)
            print("no error", r.name)
        except Exception as e:
            print(type(e).__name__, str(e).splitlines()[0])
