"""TF 1.14's float32 Conv2DBackpropInput (tf.nn.conv2d_transpose, tf.layers.conv2d_transpose
and the input gradient of conv2d) bit for bit: TF's Col2im adds the products of the GEMM
output position after output position, so each input element sums its taps from the last
to the first. FCN / U-Net upsampling shapes."""
import numpy as np

# (input [n, h, w, c], filter [kh, kw, out_c, in_c], stride, padding, output [h, w])
TRANSPOSE = [
    ((2, 2, 2, 16), (3, 3, 8, 16), 2, "SAME", (4, 4)),
    ((2, 4, 4, 16), (3, 3, 8, 16), 2, "SAME", (8, 8)),
    ((1, 5, 6, 4), (4, 4, 3, 4), 2, "SAME", (10, 12)),
    ((2, 5, 5, 6), (4, 4, 2, 6), 2, "VALID", (12, 12)),
    ((1, 3, 4, 5), (3, 3, 7, 5), 1, "SAME", (3, 4)),
    ((1, 4, 4, 3), (2, 2, 5, 3), 2, "VALID", (8, 8)),
    ((2, 3, 3, 8), (5, 5, 4, 8), 3, "SAME", (9, 9)),
]


def _data(shape, seed):
    return np.random.RandomState(seed).randn(*shape).astype(np.float32)


def transposes(tf):
    out = []
    with tf.Graph().as_default(), tf.Session() as sess:
        for i, (xs, fs, s, pad, hw) in enumerate(TRANSPOSE):
            x, f = tf.constant(_data(xs, i)), tf.constant(_data(fs, 50 + i))
            y = tf.nn.conv2d_transpose(x, f, [xs[0], hw[0], hw[1], fs[2]], [1, s, s, 1], pad)
            out.append(sess.run(y))
    return out


# (input [n, h, w, c], filter [kh, kw, c, out_c], stride, padding)
CONVS = [((2, 9, 9, 4), (3, 3, 4, 6), 1, "SAME"), ((2, 9, 9, 6), (3, 3, 6, 5), 2, "VALID"),
         ((1, 8, 10, 3), (5, 5, 3, 4), 2, "SAME"), ((3, 7, 7, 2), (1, 1, 2, 3), 1, "VALID")]


def conv_input_grads(tf):
    """d conv2d / d input for given upstream gradients: the backprop a conv net runs for
    every layer but the first."""
    out = []
    with tf.Graph().as_default(), tf.Session() as sess:
        for i, (xs, fs, s, pad) in enumerate(CONVS):
            x, f = tf.constant(_data(xs, 20 + i)), tf.constant(_data(fs, 30 + i))
            y = tf.nn.conv2d(x, f, [1, s, s, 1], pad)
            dy = tf.constant(_data(y.shape.as_list(), 40 + i))
            out.append(sess.run(tf.gradients(y, x, grad_ys=dy)[0]))
    return out


def cases(tf):
    return {"transpose": transposes(tf), "conv_input_grads": conv_input_grads(tf)}
