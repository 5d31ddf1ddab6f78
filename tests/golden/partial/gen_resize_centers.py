"""TF 1.14's tf.image.resize_bilinear / resize_nearest_neighbor / resize_bicubic with
half_pixel_centers=True: values over dtypes and up/down sizes, gradients (grad_ys alone, so
that the gradient kernels run without the forward), and the run-time error of
half_pixel_centers with align_corners (forward and gradient kernels)."""
import numpy as np

X = np.random.RandomState(0).uniform(0, 255, [2, 3, 5, 2])


def _err(e):
    return type(e).__name__ + ": " + str(e).split("\n")[0].split(" [[")[0]


def _fns(tf):
    return [tf.image.resize_bilinear, tf.image.resize_nearest_neighbor, tf.image.resize_bicubic]


def values(tf):
    out = []
    with tf.Graph().as_default():
        for dt in ("uint8", "float64", "float32", "int32"):
            x = tf.constant(X.astype(dt))
            ys = [f(x, size, half_pixel_centers=True) for f in _fns(tf)
                  for size in ([4, 3], [7, 9], [1, 1])]
            with tf.Session() as s:
                out.append([[y.dtype.name, y.shape.as_list()] for y in ys] + s.run(ys))
    return out


def grads(tf):
    with tf.Graph().as_default():
        x = tf.constant(X.astype("float32"))
        gy = tf.constant(np.random.RandomState(1).uniform(-1, 1, [2, 7, 4, 2]).astype("float32"))
        gs = [tf.gradients(f(x, [7, 4], half_pixel_centers=True), x, grad_ys=gy)[0]
              for f in _fns(tf)]
        with tf.Session() as s:
            return [g.op.type for g in gs] + s.run(gs)


def errors(tf):
    out = []
    for f in ("resize_bilinear", "resize_nearest_neighbor", "resize_bicubic"):
        for grad in (False, True):
            with tf.Graph().as_default():
                x = tf.constant(X.astype("float32"))
                y = getattr(tf.image, f)(x, [4, 3], align_corners=True, half_pixel_centers=True)
                if grad:
                    y = tf.gradients(y, x, grad_ys=tf.ones([2, 4, 3, 2]))[0]
                with tf.Session() as s:
                    try:
                        out.append(s.run(y))
                    except tf.errors.OpError as e:
                        out.append(_err(e))
    return out


def cases(tf):
    return {"values": values(tf), "grads": grads(tf), "errors": errors(tf)}
