# ruff: noqa: E501 - case code is data; long lines keep each case readable
"""tf.image's quality and colour-matrix functions under TF 1.14: total_variation, psnr, ssim,
ssim_multiscale, image_gradients, sobel_edges, rgb/yiq/yuv; values, gradients, errors and the
ops each call creates (with the seed2 of a graph-seeded random op made after it).
tests/test_image_quality.py runs the same functions with flowgrad."""
import numpy as np


def _img(shape, seed=0, dtype="float32"):
    r = np.random.RandomState(seed)
    if dtype == "uint8":
        return r.randint(0, 256, size=shape).astype(np.uint8)
    return r.uniform(0, 1, size=shape).astype(dtype)


def _noisy(x, seed, scale=0.1):
    return np.clip(x + np.random.RandomState(seed).normal(0, scale, x.shape), 0, 1).astype(x.dtype)


def total_variation(tf):
    return [tf.image.total_variation(tf.constant(_img([5, 7, 3]))), tf.image.total_variation(tf.constant(_img([2, 4, 6, 2]))),
            tf.image.total_variation(tf.constant(_img([1, 1, 1]))), tf.image.total_variation(tf.constant(_img([2, 4, 6, 2], dtype="float64")))]


def total_variation_grad(tf):
    x = tf.constant(_img([2, 4, 5, 3], 1))
    return tf.gradients(tf.reduce_sum(tf.image.total_variation(x * x)), x)


def colour_matrices(tf):
    x = tf.constant(_img([4, 5, 3], 2))
    x64 = tf.constant(_img([2, 3, 3], 3, "float64"))
    return [tf.image.rgb_to_yiq(x), tf.image.yiq_to_rgb(x), tf.image.rgb_to_yuv(x), tf.image.yuv_to_rgb(x),
            tf.image.yiq_to_rgb(tf.image.rgb_to_yiq(x)), tf.image.rgb_to_yuv(x64), tf.image.yuv_to_rgb(tf.image.rgb_to_yuv(x64))]


def colour_matrices_grad(tf):
    x = tf.constant(_img([4, 5, 3], 2))
    return tf.gradients(tf.reduce_sum(tf.image.rgb_to_yiq(x) * tf.image.rgb_to_yuv(x)), x)


def psnr_values(tf):
    a = _img([2, 8, 9, 3], 4)
    b = _noisy(a, 5)
    au, bu = (a * 255).astype(np.uint8), (b * 255).astype(np.uint8)
    return [tf.image.psnr(a, b, 1.0), tf.image.psnr(a[0], b[0], 1.0), tf.image.psnr(au, bu, 255), tf.image.psnr(a, a, 1.0),
            tf.image.psnr(a.astype(np.float64), b.astype(np.float64), 1.0)]


def psnr_grad(tf):
    a = tf.constant(_img([8, 9, 3], 4))
    b = tf.constant(_noisy(_img([8, 9, 3], 4), 6))
    return tf.gradients(tf.image.psnr(a, b, 1.0), [a, b])


def ssim_values(tf):
    a = _img([2, 16, 18, 3], 7)
    b = _noisy(a, 8, 0.2)
    au, bu = (a * 255).astype(np.uint8), (b * 255).astype(np.uint8)
    return [tf.image.ssim(a, b, 1.0), tf.image.ssim(a[0], b[0], 1.0), tf.image.ssim(au, bu, 255), tf.image.ssim(a, a, 1.0),
            tf.image.ssim(a, b, 1.0, filter_size=5, filter_sigma=0.8, k1=0.02, k2=0.05), tf.image.ssim(a[None], b, 1.0)]


def ssim_grad(tf):
    a = tf.constant(_img([12, 13, 2], 9))
    b = tf.constant(_noisy(_img([12, 13, 2], 9), 10, 0.2))
    return tf.gradients(tf.image.ssim(a, b, 1.0), [a, b])


def ssim_multiscale_values(tf):
    a = _img([2, 45, 50, 3], 11)
    b = _noisy(a, 12, 0.15)
    au, bu = (a * 255).astype(np.uint8), (b * 255).astype(np.uint8)
    w = (0.2, 0.3, 0.5)
    return [tf.image.ssim_multiscale(a, b, 1.0, power_factors=w), tf.image.ssim_multiscale(au, bu, 255, power_factors=w),
            tf.image.ssim_multiscale(a[0], b[0], 1.0, power_factors=(0.4, 0.6), filter_size=7),
            tf.image.ssim_multiscale(a[:, :44, :48], b[:, :44, :48], 1.0, power_factors=w)]


def ssim_multiscale_default(tf):
    a = _img([1, 180, 181, 1], 13)
    return [tf.image.ssim_multiscale(a, _noisy(a, 14, 0.1), 1.0)]


def ssim_multiscale_grad(tf):
    a = tf.constant(_img([1, 24, 25, 1], 15))
    b = tf.constant(_noisy(_img([1, 24, 25, 1], 15), 16, 0.2))
    return tf.gradients(tf.image.ssim_multiscale(a, b, 1.0, power_factors=(0.5, 0.5), filter_size=5), [a, b])


def gradients_sobel(tf):
    x = tf.constant(_img([2, 5, 6, 3], 17))
    dy, dx = tf.image.image_gradients(x)
    return [dy, dx, tf.image.sobel_edges(x), tf.image.sobel_edges(tf.constant(_img([1, 4, 4, 1], 18, "float64"))),
            tf.image.image_gradients(tf.constant(_img([1, 1, 1, 1], 19)))[1]]


def gradients_sobel_grad(tf):
    x = tf.constant(_img([2, 5, 6, 2], 17))
    dy, dx = tf.image.image_gradients(x * x)
    return tf.gradients(tf.reduce_sum(dy * dx) + tf.reduce_sum(tf.image.sobel_edges(x * x) * _img([2, 5, 6, 2, 2], 20)), x)


def error_ssim_shapes(tf):
    return [tf.image.ssim(_img([8, 9, 3]), _img([8, 10, 3]), 1.0)]


def error_ssim_small(tf):
    return [tf.image.ssim(_img([8, 9, 3]), _img([8, 9, 3]), 1.0)]


def error_total_variation_rank(tf):
    return [tf.image.total_variation(tf.constant(_img([5, 3])))]


def error_image_gradients_rank(tf):
    return list(tf.image.image_gradients(tf.constant(_img([5, 4, 3]))))


VALUE_CASES = {f.__name__: f for f in (
    total_variation, total_variation_grad, colour_matrices, colour_matrices_grad, psnr_values, psnr_grad, ssim_values,
    ssim_grad, ssim_multiscale_values, ssim_multiscale_default, ssim_multiscale_grad, gradients_sobel, gradients_sobel_grad,
    error_ssim_shapes, error_ssim_small, error_total_variation_rank, error_image_gradients_rank)}


def _p(tf, shape, dtype=None, name="x"):
    return tf.placeholder(dtype or tf.float32, shape, name=name)


OPS_CASES = {
    "total_variation_3d": lambda tf: tf.image.total_variation(_p(tf, [5, 6, 3])),
    "total_variation_4d": lambda tf: tf.image.total_variation(_p(tf, [2, 5, 6, 3]), name="tv"),
    "rgb_to_yiq": lambda tf: tf.image.rgb_to_yiq(_p(tf, [5, 6, 3])),
    "yuv_to_rgb_list": lambda tf: tf.image.yuv_to_rgb([[[0.5, 0.1, 0.2]]]),
    "psnr": lambda tf: tf.image.psnr(_p(tf, [5, 6, 3]), _p(tf, [5, 6, 3], name="b"), 1.0),
    "psnr_uint8": lambda tf: tf.image.psnr(_p(tf, [5, 6, 3], tf.uint8), _p(tf, [5, 6, 3], tf.uint8, name="b"), 255, name="p"),
    "ssim": lambda tf: tf.image.ssim(_p(tf, [16, 16, 3]), _p(tf, [16, 16, 3], name="b"), 1.0),
    "ssim_uint8": lambda tf: tf.image.ssim(_p(tf, [2, 16, 16, 3], tf.uint8), _p(tf, [2, 16, 16, 3], tf.uint8, name="b"), 255),
    "ssim_multiscale": lambda tf: tf.image.ssim_multiscale(_p(tf, [1, 50, 50, 3]), _p(tf, [1, 50, 50, 3], name="b"), 1.0, power_factors=(0.3, 0.7)),
    "sobel_edges": lambda tf: tf.image.sobel_edges(_p(tf, [2, 5, 6, 3])),
    "image_gradients": lambda tf: tf.image.image_gradients(_p(tf, [2, 5, 6, 3])),
    "ssim_grad": lambda tf: tf.gradients(tf.image.ssim(_p(tf, [12, 12, 1]), _p(tf, [12, 12, 1], name="b"), 1.0), tf.get_default_graph().get_tensor_by_name("x:0")),
}


def _arrays(value):
    if isinstance(value, (list, tuple)):
        return [_arrays(v) for v in value]
    return np.asarray(value)


def run_value_case(tf, fn):
    g = tf.Graph()
    with g.as_default():
        fetches = fn(tf)
        with tf.Session() as sess:
            return _arrays(sess.run(fetches))


def op_names(tf, fn):
    g = tf.Graph()
    with g.as_default():
        fn(tf)
        return [[op.name, op.type] for op in g.get_operations() if op.name not in ("x", "b")]


def seed_after(tf, fn):
    """The seed2 of a graph-seeded random op created after the call: TF's op count."""
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(1)
        fn(tf)
        tf.random_uniform([2], name="after")
        return [o for o in g.get_operations() if o.type == "RandomUniform"][-1].get_attr("seed2")


def cases(tf):
    out = {}
    for name, fn in sorted(VALUE_CASES.items()):
        try:
            out["value/" + name] = run_value_case(tf, fn)
        except Exception as e:  # an expected error is a golden too
            out["value/" + name] = e
    for name, fn in sorted(OPS_CASES.items()):
        out["ops/" + name] = op_names(tf, fn)
        out["seed2/" + name] = seed_after(tf, fn)
    return out
