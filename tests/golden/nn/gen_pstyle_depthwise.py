"""DepthwiseConv2dNative and its two gradients, float32 and float64, bit for bit under
TF 1.14 (its CPU kernels add one product at a time in a fixed order: taps row-major for
the output, per depth-multiplier index for the input's gradient, output pixels row-major
then images for the filter's), and a DeepDream-style blur of a gradient by
tf.nn.depthwise_conv2d / separable_conv2d."""
import numpy as np

# (input shape, filter shape, stride, padding, dtype)
SHAPES = {
    "3x3_m1": ((8, 8, 8, 3), (3, 3, 3, 1), 1, "SAME", "float32"),
    "3x3_m2_batch16": ((16, 10, 10, 6), (3, 3, 6, 2), 1, "SAME", "float32"),
    "3x3_m1_30x30": ((5, 30, 30, 8), (3, 3, 8, 1), 1, "SAME", "float32"),
    "3x3_m2_f64": ((1, 8, 8, 3), (3, 3, 3, 2), 1, "SAME", "float64"),
    "5x5_stride2": ((2, 9, 7, 5), (5, 5, 5, 1), 2, "SAME", "float32"),
    "3x3_m3_valid": ((1, 9, 9, 8), (3, 3, 8, 3), 1, "VALID", "float32"),
    "7x7_m4_stride3": ((2, 40, 40, 3), (7, 7, 3, 4), 3, "SAME", "float32"),
}


def kernels(tf, name):
    """The output and the gradients with respect to the input and the filter."""
    shape, fshape, stride, padding, dtype = SHAPES[name]
    rng = np.random.RandomState(sorted(SHAPES).index(name))
    x = tf.constant((rng.randn(*shape) * 10).astype(dtype))
    f = tf.constant(rng.randn(*fshape).astype(dtype))
    y = tf.nn.depthwise_conv2d(x, f, [1, stride, stride, 1], padding)
    dy = tf.constant(rng.randn(*y.shape.as_list()).astype(dtype))
    with tf.Session() as sess:
        return sess.run([y] + tf.gradients(y, [x, f], grad_ys=dy))


def blur(tf):
    """A Gaussian blur of an input gradient (depthwise, per channel) and a separable conv,
    over three gradient-ascent steps on a placeholder image."""
    tf.reset_default_graph()
    rng = np.random.RandomState(7)
    k = np.float32([1, 4, 6, 4, 1])
    k = np.outer(k, k) / np.outer(k, k).sum()
    kernel = np.tile(k[:, :, None, None], [1, 1, 3, 1]).astype(np.float32)
    w = rng.randn(3, 3, 3, 2).astype(np.float32)
    pw = rng.randn(1, 1, 6, 4).astype(np.float32)
    img = tf.placeholder(tf.float32, [1, 16, 16, 3])
    feat = tf.nn.separable_conv2d(img, w, pw, [1, 1, 1, 1], "SAME")
    score = tf.reduce_mean(tf.square(feat))
    grad = tf.gradients(score, img)[0]
    smooth = tf.nn.depthwise_conv2d(grad, kernel, [1, 1, 1, 1], "SAME")
    x = rng.rand(1, 16, 16, 3).astype(np.float32)
    out = []
    with tf.Session() as sess:
        for _ in range(3):
            s, g = sess.run([score, smooth], {img: x})
            x = x + g / (np.abs(g).mean() + 1e-7) * 0.01
            out.append([s, g])
    return out


def empty(tf):
    """Shapes of the output and the gradients for an empty batch and zero channels (TF
    leaves an empty batch's filter gradient unwritten: its values are not compared)."""
    out = []
    for shape, fshape in [((0, 5, 5, 2), (3, 3, 2, 1)), ((2, 4, 4, 0), (3, 3, 0, 2))]:
        x = tf.constant(np.ones(shape, np.float32))
        f = tf.constant(np.ones(fshape, np.float32))
        y = tf.nn.depthwise_conv2d_native(x, f, [1, 1, 1, 1], "VALID")
        with tf.Session() as sess:
            out.append([list(v.shape) for v in sess.run([y] + tf.gradients(y, [x, f]))])
    return out


def cases(tf):
    out = {name: kernels(tf, name) for name in SHAPES}
    out["empty"] = empty(tf)
    out["blur"] = blur(tf)
    return out
