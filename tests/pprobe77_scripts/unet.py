"""A small U-Net as TF1 tutorials write it: conv2d_transpose with a static output_shape and
with a dynamic one built from tf.shape, crop-and-concat skip links by tf.slice (center crop
of the encoder map) and by tf.image.resize_image_with_crop_or_pad, VALID convolutions,
a sigmoid foreground head trained on a soft dice loss plus weighted sigmoid cross entropy
with Adam, the shapes along the way and the errors of a mismatched output_shape."""
import numpy as np
import tensorflow as tf

np.random.seed(1)
tf.set_random_seed(11)
rs = np.random.RandomState(5)
IMG = rs.rand(2, 20, 20, 1).astype(np.float32)
MASK = (rs.rand(2, 12, 12, 1) > 0.6).astype(np.float32)


def weight(name, shape, seed):
    return tf.get_variable(name, shape, initializer=tf.truncated_normal_initializer(
        stddev=np.sqrt(2.0 / (shape[0] * shape[1] * shape[2])), seed=seed))


def conv(x, n_out, name, seed, padding="VALID", n_in=None):
    with tf.variable_scope(name):
        w = weight("w", [3, 3, n_in or x.get_shape().as_list()[-1], n_out], seed)
        b = tf.get_variable("b", [n_out], initializer=tf.constant_initializer(0.1))
        return tf.nn.relu(tf.nn.conv2d(x, w, [1, 1, 1, 1], padding) + b)


def crop_and_concat(x1, x2):
    with tf.name_scope("crop_and_concat"):
        x1_shape = tf.shape(x1)
        x2_shape = tf.shape(x2)
        offsets = [0, (x1_shape[1] - x2_shape[1]) // 2, (x1_shape[2] - x2_shape[2]) // 2, 0]
        size = [-1, x2_shape[1], x2_shape[2], -1]
        x1_crop = tf.slice(x1, offsets, size)
        return tf.concat([x1_crop, x2], 3)


x = tf.placeholder(tf.float32, [None, 20, 20, 1], name="x")
y = tf.placeholder(tf.float32, [None, 12, 12, 1], name="y")
batch = tf.shape(x)[0]

c1 = conv(x, 4, "down1", 1)                   # 18
p1 = tf.nn.max_pool(c1, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")   # 9
c2 = conv(p1, 8, "down2", 2, "SAME")          # 9
with tf.variable_scope("up1"):
    wd = weight("wd", [2, 2, 4, 8], 3)
    up_static = tf.nn.conv2d_transpose(c2, wd, [2, 18, 18, 4], [1, 2, 2, 1], "VALID")
    out_shape = tf.stack([batch, tf.shape(c2)[1] * 2, tf.shape(c2)[2] * 2, 4])
    up_dyn = tf.nn.conv2d_transpose(c2, wd, out_shape, [1, 2, 2, 1], "VALID")
print(up_static.get_shape(), up_dyn.get_shape(), up_dyn.op.type, up_dyn.op.inputs[0].op.type)
m1 = crop_and_concat(c1, up_dyn)
print(m1.get_shape())
c3 = conv(m1, 4, "up1_conv", 4, n_in=8)               # 16
c4 = conv(c3, 4, "up1_conv2", 5)               # 14
cropped = tf.image.resize_image_with_crop_or_pad(c4, 12, 12)
print(cropped.get_shape(), cropped.op.name)
skip = tf.image.resize_image_with_crop_or_pad(c1, 12, 12)
m2 = tf.concat([cropped, skip], axis=-1)
with tf.variable_scope("head"):
    wh = weight("w", [1, 1, 8, 1], 6)
    logits = tf.nn.conv2d(m2, wh, [1, 1, 1, 1], "SAME")
prob = tf.nn.sigmoid(logits)

eps = 1e-5
inter = tf.reduce_sum(prob * y, axis=[1, 2, 3])
union = tf.reduce_sum(prob, axis=[1, 2, 3]) + tf.reduce_sum(y, axis=[1, 2, 3])
dice = tf.reduce_mean(1.0 - (2.0 * inter + eps) / (union + eps))
pos_weight = tf.constant(1.5)
wce = tf.reduce_mean(tf.nn.weighted_cross_entropy_with_logits(y, logits, pos_weight))
loss = dice + wce
hard = tf.cast(prob > 0.5, tf.float32)
hard_dice = 2.0 * tf.reduce_sum(hard * y) / (tf.reduce_sum(hard) + tf.reduce_sum(y) + eps)
train = tf.train.AdamOptimizer(0.01).minimize(loss)
print(len(tf.get_default_graph().get_operations()))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    a, b = sess.run([up_static, up_dyn], {x: IMG})
    print(a.shape, b.shape, bool(np.array_equal(a, b)), "%.9g" % a.sum())
    for i in range(5):
        lv, dv, wv, _ = sess.run([loss, dice, wce, train], {x: IMG, y: MASK})
        print(i, "%.9g %.9g %.9g" % (lv, dv, wv))
    print("%.9g" % sess.run(hard_dice, {x: IMG, y: MASK}))
    print(sess.run(prob, {x: IMG[:1]})[0, 6, :6, 0].tolist())
    print(sess.run(tf.shape(m1), {x: IMG[:1]}).tolist())
    bad = tf.nn.conv2d_transpose(c2, wd, tf.stack([batch, 17, 17, 4]), [1, 2, 2, 1], "VALID")
    try:
        sess.run(bad, {x: IMG})
    except tf.errors.InvalidArgumentError as e:
        print("InvalidArgumentError:", e.message.splitlines()[0])
try:
    tf.nn.conv2d_transpose(c2, wd, [2, 18, 18, 5], [1, 2, 2, 1], "VALID")
except ValueError as e:
    print("ValueError:", str(e).splitlines()[0])
try:
    tf.nn.conv2d_transpose(c2, wd, [2, 18, 18], [1, 2, 2, 1], "VALID")
except ValueError as e:
    print("ValueError:", str(e).splitlines()[0])
try:
    tf.image.resize_image_with_crop_or_pad(c4, 0, 12)
except ValueError as e:
    print("ValueError:", str(e).splitlines()[0])
