"""A C3D-style video model on fake clips, the parts earlier probes left out: a dilated 3D
convolution through tf.nn.convolution (SpaceToBatchND: the CPU Conv3D kernel refuses
dilations), conv3d with mixed strides, conv3d_transpose to odd output sizes (VALID stride 2
given as a tensor, SAME stride (1, 2, 2) as a list), max_pool3d / avg_pool3d SAME with
stride 2 over odd sizes, a sub-pixel upsampling by depth_to_space on the frames, their
gradients (Conv3DBackpropInputV2 / FilterV2, MaxPool3DGrad, AvgPool3DGrad) and a few
RMSProp steps."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(5757)
rs = np.random.RandomState(11)
g = tf.get_default_graph()
v = tf.placeholder(tf.float32, [2, 5, 7, 7, 2], name="clip")


def W(n, s):
    return tf.get_variable(n, s, initializer=tf.truncated_normal_initializer(
        0.0, 0.2, seed=len(n) * 7))


w1 = W("w1", [3, 3, 3, 2, 4])
c1 = tf.nn.relu(tf.nn.convolution(v, w1, "SAME", dilation_rate=[2, 1, 2]))
m1 = tf.nn.max_pool3d(c1, [1, 2, 3, 3, 1], [1, 2, 2, 2, 1], "SAME")
a1 = tf.nn.avg_pool3d(c1, [1, 3, 2, 2, 1], [1, 2, 2, 2, 1], "SAME")
print(len(g.get_operations()), c1.shape, m1.shape, a1.shape)
h = tf.concat([m1, a1], -1)
w2 = W("w2", [2, 3, 3, 8, 6])
c2 = tf.nn.elu(tf.nn.conv3d(h, w2, [1, 1, 2, 1, 1], "VALID"))
print(len(g.get_operations()), c2.shape)
wt = W("wt", [3, 3, 3, 4, 6])
out_shape = tf.stack([tf.shape(c2)[0], 5, 3, 5, 4])
up = tf.nn.conv3d_transpose(c2, wt, out_shape, [1, 2, 2, 2, 1], "VALID")
wt2 = W("wt2", [2, 2, 2, 2, 4])
up2 = tf.nn.conv3d_transpose(up, wt2, [2, 5, 5, 9, 2], [1, 1, 2, 2, 1],
                             "SAME")
frames = tf.reshape(up, [-1, 3, 5, 4])
sub = tf.nn.depth_to_space(frames, 2)
print(len(g.get_operations()), up.shape, up2.shape, sub.shape)
loss = tf.reduce_mean(tf.square(up2[:, :, :, 1:8] - v[:, :, 1:6])) + \
    0.01 * tf.reduce_mean(tf.abs(sub))
grads = tf.gradients(loss, [v, w1, w2, wt, wt2])
print(len(g.get_operations()), sorted(set(
    o.type for o in g.get_operations()
    if any(k in o.type for k in ("3D", "Grad", "ToBatch", "ToSpace")))))
train = tf.train.RMSPropOptimizer(0.01, momentum=0.5).minimize(loss)
print(len(g.get_operations()))
V = rs.randn(2, 5, 7, 7, 2).astype(np.float32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print([H(t) for t in s.run([c1, m1, a1, c2, up, up2, sub], {v: V})])
    print([H(t) for t in s.run(grads, {v: V})])
    for step in range(4):
        lv, _ = s.run([loss, train], {v: V})
        print(step, repr(float(lv)))
    print([H(t) for t in s.run(tf.trainable_variables())])
