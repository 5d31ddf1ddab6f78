"""Grappler's LogSoftmaxStage as TF 1.14 runs it in a Session: tf.log(tf.nn.softmax(x))
computes LogSoftmax(x) when the softmax is read by that log alone and not fetched (also
through a tf.identity), but Log of the softmax's quotient when the softmax is fetched in
the same run or read elsewhere (also by an equal softmax's reader: Grappler's CSE merges
them first); tfd.Categorical(probs=tf.nn.softmax(logits)).logits (the
Log of its probs) and the mixture log_prob built on it; bits printed as hex."""
import numpy as np
import tensorflow as tf

tfd = tf.contrib.distributions
x0 = np.array([[0.31, -1.7, 2.2], [1.3, 0.05, -0.4], [-2.6, 3.1, 0.9], [0.7, 0.71, 0.69]],
              np.float32)
x = tf.placeholder(tf.float32, [None, 3], name="x")


def bits(a):
    return [format(int(v), "08x") for v in np.asarray(a, np.float32).view(np.uint32).ravel()]


sm = tf.nn.softmax(x)
alone = tf.log(sm)
sm_i = tf.nn.softmax(x)
through = tf.log(tf.identity(sm_i))
sm2 = tf.nn.softmax(x)
shared = tf.log(sm2)
other = sm2 * 2.0
ref = tf.nn.log_softmax(x)
cat = tfd.Categorical(probs=tf.nn.softmax(x))
with tf.Session() as sess:
    fd = {x: x0}
    r = sess.run(ref, fd)
    print("alone == log_softmax", np.array_equal(sess.run(alone, fd), r),
          "through identity", np.array_equal(sess.run(through, fd), r))
    # (one run: Grappler's CSE makes the two equal softmaxes one, read twice)
    a, t = sess.run([alone, through], fd)
    print("both in one run", np.array_equal(a, r), np.array_equal(t, r))
    s, o = sess.run([shared, other], fd)
    print("shared == log_softmax", np.array_equal(s, r))
    a2, smv = sess.run([alone, sm], fd)
    print("softmax fetched == log_softmax", np.array_equal(a2, r),
          "== log of it", np.array_equal(a2, sess.run(tf.log(tf.constant(smv)))))
    print("alone", bits(a))
    print("shared", bits(s))
    print("cat logits", bits(sess.run(cat.logits, fd)))
    print("cat log_prob", bits(sess.run(cat.log_prob([0, 1, 2, 2]), fd)))
