"""Segmentation losses as TF1 repositories write them: focal loss on softmax probabilities
(alpha, gamma) and on sigmoid logits, multi-class soft dice on tf.one_hot labels (the
ignore label 255 one-hot encodes to zeros), softmax_cross_entropy_with_logits_v2 with
median-frequency class weights, tf.losses.softmax_cross_entropy with label_smoothing,
labels downsampled by resize_nearest_neighbor to the logits' size, tf.confusion_matrix
for a per-class IoU computed in numpy, trained a few steps; then the
InvalidArgumentError of a 255 label reaching sparse_softmax_cross_entropy unmasked."""
import numpy as np
import tensorflow as tf

np.random.seed(4)
tf.set_random_seed(31)
rs = np.random.RandomState(12)
NC = 4
IMG = rs.rand(2, 12, 12, 3).astype(np.float32)
LAB = rs.randint(0, NC, size=(2, 24, 24, 1)).astype(np.int32)
LAB[0, :6] = 255

x = tf.placeholder(tf.float32, [None, 12, 12, 3])
y_full = tf.placeholder(tf.int32, [None, 24, 24, 1])
y = tf.squeeze(tf.image.resize_nearest_neighbor(y_full, [12, 12]), axis=3)
print(y.get_shape(), y.dtype)

h = tf.layers.conv2d(x, 8, 3, padding="same", activation=tf.nn.elu, dilation_rate=2,
                     kernel_initializer=tf.glorot_normal_initializer(seed=5), name="c1")
h = tf.layers.separable_conv2d(h, 8, 3, padding="same", activation=tf.nn.relu,
                               depthwise_initializer=tf.glorot_uniform_initializer(seed=6),
                               pointwise_initializer=tf.glorot_uniform_initializer(seed=7),
                               name="sep")
logits = tf.layers.conv2d(h, NC, 1, kernel_initializer=tf.glorot_normal_initializer(seed=8),
                          name="logits")
print([v.op.name for v in tf.trainable_variables()])

valid = tf.cast(tf.not_equal(y, 255), tf.float32)
onehot = tf.one_hot(y, NC)
probs = tf.nn.softmax(logits)


def focal_loss(prob, onehot_labels, mask, alpha=0.25, gamma=2.0):
    pt = tf.reduce_sum(prob * onehot_labels, axis=-1)
    pt = tf.clip_by_value(pt, 1e-7, 1.0)
    fl = -alpha * tf.pow(1.0 - pt, gamma) * tf.log(pt)
    return tf.reduce_sum(fl * mask) / tf.maximum(tf.reduce_sum(mask), 1.0)


def dice_loss(prob, onehot_labels, mask, smooth=1.0):
    m = tf.expand_dims(mask, -1)
    inter = tf.reduce_sum(prob * onehot_labels * m, axis=[0, 1, 2])
    denom = tf.reduce_sum(prob * m, axis=[0, 1, 2]) + tf.reduce_sum(onehot_labels, axis=[0, 1, 2])
    return 1.0 - tf.reduce_mean((2.0 * inter + smooth) / (denom + smooth))


def sigmoid_focal(logit, target, alpha=0.25, gamma=2.0):
    p = tf.sigmoid(logit)
    ce = tf.nn.sigmoid_cross_entropy_with_logits(labels=target, logits=logit)
    p_t = target * p + (1 - target) * (1 - p)
    a_t = target * alpha + (1 - target) * (1 - alpha)
    return tf.reduce_mean(a_t * tf.pow(1 - p_t, gamma) * ce)


freq = np.array([0.3, 0.2, 0.4, 0.1], np.float32)
med_w = tf.constant(np.median(freq) / freq)
ce_map = tf.nn.softmax_cross_entropy_with_logits_v2(labels=onehot, logits=logits)
weighted_ce = tf.reduce_sum(ce_map * tf.reduce_sum(onehot * med_w, -1) * valid) / \
    tf.reduce_sum(valid)
smooth_ce = tf.losses.softmax_cross_entropy(onehot, logits, weights=valid, label_smoothing=0.1)
fl = focal_loss(probs, onehot, valid)
dl = dice_loss(probs, onehot, valid)
sfl = sigmoid_focal(logits[..., 1], tf.cast(tf.equal(y, 1), tf.float32))
total = weighted_ce + fl + dl + 0.5 * sfl + 0.1 * smooth_ce
print(ce_map.get_shape(), smooth_ce.op.name, total.op.name)
train = tf.train.RMSPropOptimizer(0.01, decay=0.9, momentum=0.5).minimize(total)

pred = tf.argmax(logits, -1, output_type=tf.int32)
keep = tf.not_equal(tf.reshape(y, [-1]), 255)
cm = tf.confusion_matrix(tf.boolean_mask(tf.reshape(y, [-1]), keep),
                         tf.boolean_mask(tf.reshape(pred, [-1]), keep), num_classes=NC)
print(cm.dtype, cm.get_shape(), cm.op.type)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {x: IMG, y_full: LAB}
    yv = sess.run(y, feed)
    print(yv[0, 2, :6].tolist(), yv[1, 5, :6].tolist(), int((yv == 255).sum()))
    print(sess.run(onehot, feed)[0, 0, 0].tolist())
    for i in range(4):
        vals = sess.run([total, weighted_ce, fl, dl, sfl, smooth_ce, train], feed)
        print(i, " ".join("%.9g" % v for v in vals[:-1]))
    c = sess.run(cm, feed)
    print(c.tolist())
    inter = np.diag(c).astype(np.float64)
    union = c.sum(0) + c.sum(1) - inter
    print(np.round(inter / np.maximum(union, 1), 6).tolist())
    bad = tf.losses.sparse_softmax_cross_entropy(y, logits)
    try:
        sess.run(bad, feed)
    except tf.errors.InvalidArgumentError as e:
        print("InvalidArgumentError:", e.message.splitlines()[0])
