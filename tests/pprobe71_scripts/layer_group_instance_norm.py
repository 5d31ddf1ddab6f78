"""tf.contrib.layers.layer_norm / instance_norm / group_norm in a small conv net as TF1
repositories write them: layer_norm with begin_norm_axis and begin_params_axis, instance_norm
over NHWC, group_norm with groups and its channel axis; a few Adam steps, the variables made,
the op counts and the errors TF raises for a bad axis."""
import numpy as np
import tensorflow as tf

np.random.seed(3)
tf.set_random_seed(11)
x_np = np.random.randn(4, 6, 6, 8).astype(np.float32)
y_np = np.random.randn(4, 5).astype(np.float32)
x = tf.placeholder(tf.float32, [None, 6, 6, 8], name="x")
y = tf.placeholder(tf.float32, [None, 5], name="y")

h = tf.layers.conv2d(x, 8, 3, padding="same", name="conv1",
                     kernel_initializer=tf.glorot_uniform_initializer(seed=1))
h = tf.contrib.layers.group_norm(h, groups=4, scope="gn")
h = tf.nn.relu(h)
h = tf.layers.conv2d(h, 6, 3, padding="same", name="conv2",
                     kernel_initializer=tf.glorot_uniform_initializer(seed=2))
h = tf.contrib.layers.instance_norm(h, scope="inorm")
h = tf.nn.relu(h)
h = tf.contrib.layers.layer_norm(h, begin_norm_axis=1, begin_params_axis=-1, scope="ln_all")
h = tf.contrib.layers.layer_norm(h, begin_norm_axis=-1, begin_params_axis=-2, scope="ln_last")
flat = tf.reshape(h, [-1, 6 * 6 * 6])
logits = tf.layers.dense(flat, 5, name="out",
                         kernel_initializer=tf.glorot_uniform_initializer(seed=3))
logits = tf.contrib.layers.layer_norm(logits, center=False, scope="ln_out")
loss = tf.reduce_mean(tf.square(logits - y))
train = tf.train.AdamOptimizer(0.01).minimize(loss)
for v in tf.trainable_variables():
    print(v.op.name, v.shape.as_list())
print("ops", len(tf.get_default_graph().get_operations()))
print(h.name, logits.name)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(4):
        _, lv = sess.run([train, loss], {x: x_np, y: y_np})
        print(i, repr(float(lv)))
    hv = sess.run(h, {x: x_np})
    print(hv.shape, repr(float(hv.sum())), repr(float(np.abs(hv).max())))

with tf.Graph().as_default():
    a = tf.constant(np.arange(48, dtype=np.float32).reshape(2, 4, 6) / 7.0)
    outs = [tf.contrib.layers.layer_norm(a, begin_norm_axis=k, begin_params_axis=p,
                                         scope="l%d" % i)
            for i, (k, p) in enumerate([(1, -1), (2, 1), (-2, -1), (-1, -1)])]
    g1 = tf.contrib.layers.group_norm(tf.reshape(a, [2, 4, 1, 6]), groups=2,
                                      channels_axis=-1, reduction_axes=(-3, -2), scope="g1")
    g2 = tf.contrib.layers.group_norm(tf.reshape(a, [2, 4, 6, 1]), groups=2,
                                      channels_axis=1, reduction_axes=(2, 3), scope="g2")
    i2 = tf.contrib.layers.instance_norm(tf.reshape(a, [2, 4, 6, 1]), data_format="NCHW",
                                         scope="in2")
    for v in tf.global_variables():
        print(v.op.name, v.shape.as_list())
    print("ops", len(tf.get_default_graph().get_operations()))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for o in outs + [g1, g2, i2]:
            r = sess.run(o)
            print(o.op.name, r.shape, repr(float(r[0].ravel()[1])), repr(float(r.std())))
    for bad in [lambda: tf.contrib.layers.layer_norm(a, begin_norm_axis=3),
                lambda: tf.contrib.layers.layer_norm(a, begin_params_axis=-4),
                lambda: tf.contrib.layers.group_norm(tf.reshape(a, [2, 4, 1, 6]), groups=4),
                lambda: tf.contrib.layers.group_norm(a, groups=2),
                lambda: tf.contrib.layers.instance_norm(tf.placeholder(tf.float32)),
                lambda: tf.contrib.layers.instance_norm(tf.ones([3])),
                lambda: tf.contrib.layers.instance_norm(tf.ones([3]), data_format="NCHW"),
                lambda: tf.contrib.layers.instance_norm(tf.ones([2, 3]), data_format="NCHW")]:
        try:
            r = bad()
            print("no error", r.name)
        except Exception as e:
            print(type(e).__name__, str(e).splitlines()[0])
