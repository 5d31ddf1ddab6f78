"""WaveNet / ByteNet-style dilated and causal convolutions under TF 1.14
(paudio_dilated.json) and flowgrad (tests/test_paudio_dilated.py): tf.nn.convolution with
dilation_rate (manual causal padding with tf.pad, SAME, VALID), tf.nn.atrous_conv2d,
tf.layers.conv1d / tf.keras.layers.Conv1D with dilation_rate and padding="causal", a gated
residual stack (tanh * sigmoid, 1x1 skip) with mu-law encoded input one-hot; values, the
gradient of a loss, op types, variable names, and the errors for strides with dilation
(keras layers raise after making their weights). Valid Python 3.7."""
import numpy as np


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the error is the result
        return "%s: %s" % (type(e).__name__, str(e).split("\n")[0])
    return "no error"


def convs(tf):
    rng = np.random.RandomState(3)
    x = tf.constant(rng.normal(size=(2, 20, 3)).astype(np.float32))
    w = tf.constant(rng.normal(size=(2, 3, 4)).astype(np.float32))
    img = tf.constant(rng.normal(size=(1, 9, 9, 2)).astype(np.float32))
    f = tf.constant(rng.normal(size=(3, 3, 2, 2)).astype(np.float32))
    outs = [tf.nn.convolution(tf.pad(x, [[0, 0], [2, 0], [0, 0]]), w, "VALID",
                              dilation_rate=[2]),
            tf.nn.convolution(x, w, "SAME", dilation_rate=[4]),
            tf.nn.convolution(x, w, "VALID", dilation_rate=[3], name="dil3"),
            tf.nn.atrous_conv2d(img, f, 2, "SAME"), tf.nn.atrous_conv2d(img, f, 3, "VALID"),
            tf.nn.conv1d(x, w, 1, "SAME", dilations=2)]
    ops = [op.name + ":" + op.type for op in tf.get_default_graph().get_operations()]
    errors = [_err(lambda: tf.nn.atrous_conv2d(img, f, 0, "SAME")),
              _err(lambda: tf.nn.convolution(x, w, "SAME", strides=[2], dilation_rate=[2])),
              _err(lambda: tf.layers.conv1d(x, 3, 2, strides=2, dilation_rate=2)),
              _err(lambda: tf.keras.layers.Conv1D(3, 2, strides=2, dilation_rate=2)(x)),
              _err(lambda: tf.keras.layers.Conv2D(3, 2, strides=(1, 2),
                                                  dilation_rate=(2, 1))(img)),
              _err(lambda: tf.keras.layers.Conv1D(3, 2, dilation_rate=0)(x))]
    names = [v.name for v in tf.global_variables()]
    with tf.Session() as sess:
        vals = sess.run(outs)
    return [[t.name for t in outs], [t.shape.as_list() for t in outs], ops, errors, names,
            vals]


def wavenet(tf):
    """A two-block gated causal stack over a mu-law encoded sinusoid, its loss and the
    gradients of the first filter."""
    tf.set_random_seed(7)
    t = np.arange(64, dtype=np.float32)
    audio = 0.8 * np.sin(t * 0.3).astype(np.float32)
    mu = 255.0
    sig = tf.constant(audio)
    enc = tf.sign(sig) * tf.log1p(mu * tf.abs(sig)) / tf.log1p(mu)
    q = tf.cast((enc + 1) / 2 * mu + 0.5, tf.int32)
    h = tf.one_hot(q[None, :-1], 256)
    target = q[None, 1:]
    h = tf.layers.conv1d(h, 8, 2, padding="causal", name="start")
    skips = []
    for i, rate in enumerate([1, 2, 4]):
        with tf.variable_scope("block%d" % i):
            filt = tf.layers.conv1d(h, 8, 2, dilation_rate=rate, padding="causal",
                                    name="filter")
            gate = tf.layers.conv1d(h, 8, 2, dilation_rate=rate, padding="causal",
                                    name="gate")
            z = tf.tanh(filt) * tf.sigmoid(gate)
            skips.append(tf.layers.conv1d(z, 8, 1, name="skip"))
            h = h + tf.layers.conv1d(z, 8, 1, name="res")
    out = tf.layers.conv1d(tf.nn.relu(tf.add_n(skips)), 256, 1, name="out")
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=target,
                                                                         logits=out))
    kernel = [v for v in tf.trainable_variables() if v.name == "block0/filter/kernel:0"][0]
    grad = tf.gradients(loss, kernel)[0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        lv, gv, qv = sess.run([loss, grad, q])
    ops = [op.type for op in tf.get_default_graph().get_operations()]
    return [qv, lv, gv, [v.name for v in tf.trainable_variables()], len(ops),
            sorted(set(ops))]


def cases(tf):
    out = {}
    for fn in (convs, wavenet):
        with tf.Graph().as_default():
            out[fn.__name__] = fn(tf)
    return out
