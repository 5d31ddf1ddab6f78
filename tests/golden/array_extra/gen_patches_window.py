"""tf.extract_image_patches / tf.extract_volume_patches whose window (ksize dilated by rate)
does not fit a VALID input under TF 1.14: their shape functions and kernels use
GetWindowedOutputSizeVerbose, out = (in - eff + stride) / stride in C++'s division, so the
output is empty while that is not negative (graph and run time), else "Computed output size
would be negative" (ValueError when building, InvalidArgumentError when running an input of
unknown size); values, ops built (gradients included) and errors. "static_shapes": an input
whose spatial sizes are not all known gives TF's [batch, ?, ?, depth], of rank 4 for
ExtractVolumePatches too (its shape function's). Made on an Intel Xeon; "host" records the
vendor (these are exact, host-independent values). test_patches_window.py reruns them with
flowgrad."""
import numpy as np
from c2kit import run_cases
from goldenio import host_vendor


def _x(tf, shape):
    return tf.constant(np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape))


def _grad(tf, fn, x):
    y = fn(x)
    return [y, tf.gradients(tf.reduce_sum(y), x)[0]]


def _eip(tf, n, k, s, r, unknown=False):
    x = _x(tf, (1, n, 3, 1))
    if unknown:
        x = tf.placeholder_with_default(x, [1, None, 3, 1])
    return tf.extract_image_patches(x, [1, k, 2, 1], [1, s, 1, 1], [1, r, 1, 1], "VALID")


CASES = {
    "eip_larger_window": lambda tf: _eip(tf, 4, 5, 1, 1),
    "eip_rate_window": lambda tf: _eip(tf, 4, 3, 2, 2),
    "eip_stride_truncates": lambda tf: _eip(tf, 4, 9, 3, 1),
    "eip_unknown_empty": lambda tf: _eip(tf, 4, 5, 3, 1, unknown=True),
    "eip_empty_grad": lambda tf: _grad(tf, lambda x: tf.extract_image_patches(
        x, [1, 3, 2, 1], [1, 3, 2, 1], [1, 2, 1, 1], "VALID"), _x(tf, (1, 4, 5, 1))),
    "evp_larger_window": lambda tf: tf.extract_volume_patches(
        _x(tf, (1, 4, 3, 3, 1)), [1, 5, 1, 1, 1], [1, 3, 1, 1, 1], "VALID"),
}

ERRORS = {
    "eip_negative": lambda tf: _eip(tf, 4, 6, 1, 1),
    "eip_negative_rate": lambda tf: _eip(tf, 4, 5, 2, 2),
    "eip_negative_run": lambda tf: _eip(tf, 5, 5, 1, 2, unknown=True),
    "evp_negative": lambda tf: tf.extract_volume_patches(
        _x(tf, (1, 4, 3, 3, 1)), [1, 6, 1, 1, 1], [1, 1, 1, 1, 1], "VALID"),
}


def _static(tf, shape, rank=4, padding="SAME"):
    x = tf.placeholder(tf.float32, shape)
    if rank == 4:
        t = tf.extract_image_patches(x, [1, 2, 3, 1], [1, 2, 2, 1], [1, 1, 1, 1], padding)
    else:
        t = tf.extract_volume_patches(x, [1, 2, 2, 2, 1], [1, 2, 2, 2, 1], padding)
    return None if t.shape.ndims is None else t.shape.as_list()


STATIC = [([None, 5, None, 2], 4), ([None, None, 5, 2], 4), ([3, None, 1, None], 4, "VALID"),
          ([3, 6, 5, None], 4), (None, 4), (None, 5), ([None, 5, None, 4, 2], 5),
          ([2, 5, 4, None, 2], 5, "VALID"), ([2, 5, 4, 3, None], 5)]


def cases(tf):
    out = run_cases(tf, CASES, ERRORS)
    with tf.Graph().as_default():
        out["static_shapes"] = [_static(tf, *a) for a in STATIC]
    out["host"] = host_vendor()
    return out
