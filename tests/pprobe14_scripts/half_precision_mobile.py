"""A float16 mobile pipeline: sobel_edges of a half image, a depthwise + pointwise block
in half precision (tf.nn.depthwise_conv2d with a multiplier, then a 1x1 conv) with its
input and filter gradients, fused batch norm on half activations, crop_and_resize of half
images, and non_max_suppression / draw-free box selection on half boxes and scores
(NonMaxSuppressionV3 with T=half); op types and dtypes, hashes and values at full
precision."""

import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


tf.set_random_seed(1501)
rs = np.random.RandomState(1502)
img = tf.constant(rs.uniform(size=(2, 10, 11, 3)).astype(np.float16))
edges = tf.image.sobel_edges(img)
mag = tf.sqrt(tf.reduce_sum(tf.square(edges), -1))
dw = tf.Variable(rs.normal(scale=0.5, size=(3, 3, 3, 2)).astype(np.float16), name="dw")
pw = tf.Variable(rs.normal(scale=0.5, size=(1, 1, 6, 4)).astype(np.float16), name="pw")
h1 = tf.nn.depthwise_conv2d(mag, dw, [1, 1, 1, 1], "SAME")
h2 = tf.nn.depthwise_conv2d(img, dw, [1, 2, 2, 1], "VALID")
h3 = tf.nn.conv2d(tf.nn.relu(h1), pw, [1, 1, 1, 1], "SAME")
bn, mean, var = tf.nn.fused_batch_norm(h3, tf.ones([4]), tf.zeros([4]), is_training=True)
target = tf.constant(rs.normal(size=(2, 10, 11, 4)).astype(np.float16))
loss = tf.reduce_mean(tf.square(tf.cast(bn, tf.float32) - tf.cast(target, tf.float32)))
grads = tf.gradients(loss, [dw, pw, img])
g2 = tf.gradients(tf.reduce_sum(h2 * tf.cast(0.5, tf.float16)), [img, dw])
boxes = tf.constant(rs.uniform(0, 1, size=(12, 4)).astype(np.float16))
boxes = tf.concat([tf.minimum(boxes[:, :2], boxes[:, 2:]),
                   tf.maximum(boxes[:, :2], boxes[:, 2:])], 1)
scores = tf.constant(rs.uniform(size=12).astype(np.float16))
sel = tf.image.non_max_suppression(boxes, scores, 6, 0.4, score_threshold=0.1)
crops = tf.image.crop_and_resize(img, tf.cast(tf.gather(boxes, sel), tf.float32),
                                 tf.zeros_like(sel), [4, 4])
print("ops", len(tf.get_default_graph().get_operations()))
print("types", sel.op.type, sel.op.get_attr("T"), h1.dtype, bn.dtype, crops.dtype)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    r = sess.run([edges, mag, h1, h2, h3, bn, mean, var])
    print("fwd", [h(a) for a in r])
    print(" h1[0,4,4]", [repr(float(v)) for v in r[2][0, 4, 4]])
    print(" var", [repr(float(v)) for v in r[7]])
    lv, gr, gg = sess.run([loss, grads, g2])
    print("loss", repr(float(lv)), [h(a) for a in gr], [h(a) for a in gg])
    print(" gdw[1,1]", [repr(float(v)) for v in gr[0][1, 1].ravel()])
    s, c = sess.run([sel, crops])
    print("sel", s.tolist(), h(c))
