"""The less-used tf.contrib.layers: conv2d_in_plane (a depthwise-shared 3x3 kernel),
spatial_softmax (keypoints of a feature map, a trainable temperature),
maxout (num_units 4 over the last axis), unit_norm (dim 1), repeat (three conv2d layers
sharing a scope) and stack (fully_connected with [16, 8] and its scopes),
legacy_fully_connected (weight_regularizer, bias_init) and legacy_relu; a tiny model
trained by Adagrad with the regularization losses; op counts, variable names and shapes,
collections, losses and values at full precision."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(2931)
rs = np.random.RandomState(2932)

X = rs.rand(5, 8, 8, 3).astype(np.float32)
Y = rs.randn(5, 3).astype(np.float32)
x = tf.constant(X)
y = tf.constant(Y)

L = tf.contrib.layers
init = tf.glorot_uniform_initializer
h = L.conv2d_in_plane(x, [3, 3], activation_fn=None, weights_initializer=init(seed=1),
                      scope="in_plane")
h = L.repeat(h, 3, L.conv2d, 4, [3, 3], activation_fn=tf.nn.elu,
             weights_initializer=init(seed=2), scope="rep")
kp = L.spatial_softmax(h, trainable=True, name="ssm")
m = L.maxout(tf.reshape(h, [5, -1, 4]), 2, axis=-1, scope="mx")
mf = tf.reduce_mean(m, 1)
feat = tf.concat([kp, mf], 1)
feat = L.unit_norm(feat, 1)
s = L.stack(feat, L.fully_connected, [16, 8], weights_initializer=init(seed=3), scope="fc")
lf = L.legacy_fully_connected(s, 6, weight_init=init(seed=4),
                              weight_regularizer=L.l2_regularizer(0.01),
                              bias_init=tf.constant_initializer(0.1), name="legacy")
r = L.legacy_relu(lf, 3, weight_init=init(seed=5), name="legacy_relu")
loss = tf.losses.mean_squared_error(y, r) + tf.add_n(tf.losses.get_regularization_losses()
                                                      or [tf.constant(0.0)])
train = tf.train.AdagradOptimizer(0.1).minimize(loss)

g = tf.get_default_graph()
print(len(g.get_operations()))
print([(v.op.name, v.shape.as_list()) for v in tf.trainable_variables()])
print([t.name for t in tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)])
print(kp.shape.as_list(), m.shape.as_list(), feat.shape.as_list(), s.shape.as_list())
print(kp.name, m.name, feat.name)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(kp)[1].tolist())
    print(sess.run(m)[2, :3].tolist())
    print(sess.run(feat)[0].tolist())
    print(sess.run(lf)[3].tolist())
    for it in range(8):
        lv, _ = sess.run([loss, train])
        print(it, repr(lv))
    print(sess.run(r).tolist())
    temp = [v for v in tf.trainable_variables() if "temperature" in v.op.name]
    print(sess.run(temp))
