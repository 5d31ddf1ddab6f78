"""The tf.nn normalization primitives as TF1 code calls them: tf.nn.moments with keep_dims
and shift, weighted_moments, sufficient_statistics + normalize_moments,
tf.nn.batch_normalization, tf.nn.fused_batch_norm(is_training=False) on NHWC and NCHW, and
tf.nn.local_response_normalization in an AlexNet-style block trained a few steps; values,
shapes, op names and counts, the gradients and the errors TF raises."""
import numpy as np
import tensorflow as tf

np.random.seed(21)
tf.set_random_seed(2)
v = np.random.randn(4, 5, 3).astype(np.float32) * 2.0 + 1.5
x = tf.constant(v, name="x")
m1, var1 = tf.nn.moments(x, [0, 1], name="mom")
m2, var2 = tf.nn.moments(x, [0], keep_dims=True)
m3, var3 = tf.nn.moments(x, [0, 1], shift=tf.constant([1.0, 2.0, 3.0]))
w = tf.constant(np.random.rand(4, 5, 1).astype(np.float32))
wm, wv = tf.nn.weighted_moments(x, [0, 1], w, keep_dims=False, name="wmom")
cnt, ms, vs, sh = tf.nn.sufficient_statistics(x, [0, 1], shift=None, keep_dims=True)
cnt2, ms2, vs2, sh2 = tf.nn.sufficient_statistics(x, [1], shift=tf.constant(0.5))
nm, nv = tf.nn.normalize_moments(cnt2, ms2, vs2, sh2)
bn = tf.nn.batch_normalization(x, m1, var1, tf.constant([0.1, 0.2, 0.3]),
                               tf.constant([1.0, 0.5, 2.0]), 1e-3, name="bn")
bn0 = tf.nn.batch_normalization(x, m1, var1, None, None, 1e-5)
for t in [m1, var1, m2, m3, var3, wm, wv, cnt, ms, vs, nm, nv, bn, bn0]:
    print(t.name, t.shape.as_list())
print(sh, sh2.name)
print("ops", len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    for t in sess.run([m1, var1, m2, m3, var3, wm, wv, cnt, ms, vs, nm, nv]):
        print(np.asarray(t).ravel()[:3].tolist())
    print(repr(float(sess.run(bn).sum())), repr(float(sess.run(bn0)[1, 2, 0])))
    gx = tf.gradients(tf.reduce_sum(bn * bn) + tf.reduce_sum(var3), x)[0]
    print(sess.run(gx)[0, 0].tolist())

with tf.Graph().as_default():
    img_np = np.random.randn(2, 3, 3, 4).astype(np.float32)
    img = tf.placeholder(tf.float32, [2, 3, 3, 4])
    scale = tf.constant([1.0, 0.5, 2.0, 1.5])
    off = tf.constant([0.0, 0.1, -0.1, 0.2])
    mean = tf.constant([0.1, -0.2, 0.0, 0.3])
    var = tf.constant([1.0, 2.0, 0.5, 1.5])
    y, bm, bv = tf.nn.fused_batch_norm(img, scale, off, mean=mean, variance=var,
                                       epsilon=0.01, is_training=False, name="fbn")
    yt, tm, tv = tf.nn.fused_batch_norm(img, scale, off, epsilon=0.001, name="fbn_train")
    yc, _, _ = tf.nn.fused_batch_norm(tf.transpose(img, [0, 3, 1, 2]), scale, off, mean=mean,
                                      variance=var, data_format="NCHW", is_training=False)
    print(y.name, bm.name, bv.name, yt.op.type, yc.shape.as_list())
    gy = tf.gradients(tf.reduce_sum(y * y), [img, scale, off])
    with tf.Session() as sess:
        r = sess.run([y, yt, tm, tv, yc] + gy, {img: img_np})
        for t in r:
            print(t.shape, repr(float(np.asarray(t).ravel()[1])))
    try:
        tf.nn.fused_batch_norm(img, scale, off, is_training=False)
    except Exception as e:
        print(type(e).__name__, str(e).splitlines()[0])
    try:
        tf.nn.fused_batch_norm(img, scale, off, mean=mean, variance=var, is_training=True)
        print("no error")
    except Exception as e:
        print(type(e).__name__, str(e).splitlines()[0])
    n = len(tf.get_default_graph().get_operations())
    try:
        tf.nn.fused_batch_norm(img, scale, off, data_format="NCW")
    except Exception as e:
        print(type(e).__name__, str(e).splitlines()[0])
    ops = tf.get_default_graph().get_operations()
    print(len(ops) - n, [o.name for o in ops[n:]],
          tf.nn.fused_batch_norm(img, scale, off)[0].name)

with tf.Graph().as_default():
    tf.set_random_seed(9)
    xi = tf.placeholder(tf.float32, [2, 8, 8, 3])
    c = tf.layers.conv2d(xi, 6, 3, activation=tf.nn.relu,
                         kernel_initializer=tf.truncated_normal_initializer(stddev=0.2, seed=4))
    lrn = tf.nn.local_response_normalization(c, depth_radius=2, bias=1.0, alpha=2e-5 / 9,
                                             beta=0.75, name="norm1")
    lrn2 = tf.nn.lrn(c, 1, bias=2.0, alpha=0.1, beta=0.5)
    p = tf.nn.max_pool(lrn + lrn2, [1, 3, 3, 1], [1, 2, 2, 1], "VALID")
    loss = tf.reduce_mean(tf.square(p - 0.5))
    step = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    print(lrn.name, lrn.op.type, lrn2.op.get_attr("depth_radius"), p.shape.as_list())
    xv = np.random.rand(2, 8, 8, 3).astype(np.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(3):
            _, lv = sess.run([step, loss], {xi: xv})
            print(i, repr(float(lv)))
    try:
        tf.nn.moments(tf.constant([[1.0, 2.0]]), [2])
    except Exception as e:
        print(type(e).__name__, str(e).splitlines()[0])
    try:
        tf.nn.local_response_normalization(tf.constant([[1.0, 2.0]]))
    except Exception as e:
        print(type(e).__name__, str(e).splitlines()[0])
