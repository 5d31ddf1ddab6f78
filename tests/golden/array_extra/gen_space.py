"""tf.depth_to_space / space_to_depth, space_to_batch / batch_to_space,
required_space_to_batch_paddings, nn.with_space_to_batch, extract_image_patches (and
image.extract_patches), extract_volume_patches, nn.dilation2d / erosion2d under TF 1.14:
values, the (name, type) of every op built (gradients included), and each misuse's error.
test_space_ops.py reruns them with flowgrad."""
import numpy as np

from c2kit import run_cases


def _x(tf, shape, dtype=np.float32):
    v = (np.arange(int(np.prod(shape))) * 7 % 11 - 5).reshape(shape) * 0.5
    return tf.constant(v.astype(dtype))


def _grad(tf, fn, *xs):
    y = fn(*xs)
    g = (_x(tf, y.shape.as_list()) if y.shape.is_fully_defined() else tf.ones_like(y))
    return [y] + tf.gradients(y, list(xs), grad_ys=g)


def _wstb(tf, padding, filter_shape, spatial_dims=None, rate=(2, 2), unknown=False):
    x = _x(tf, (1, 5, 6, 2))
    if unknown:
        x = tf.placeholder_with_default(x, [None, None, None, 2])
    k = _x(tf, (2, 3, 2, 3))

    def op(inp, num_spatial_dims, pad):
        return tf.nn.convolution(inp, k, pad)
    return tf.nn.with_space_to_batch(x, list(rate), padding, op, filter_shape=filter_shape,
                                     spatial_dims=spatial_dims)


CASES = {
    "depth_to_space": lambda tf: tf.depth_to_space(_x(tf, (1, 2, 2, 8)), 2),
    "depth_to_space_grad": lambda tf: _grad(tf, lambda x: tf.nn.depth_to_space(x, 2),
                                            _x(tf, (2, 1, 2, 4))),
    "space_to_depth_grad": lambda tf: _grad(tf, lambda x: tf.space_to_depth(x, 3, name="sd"),
                                            _x(tf, (1, 3, 6, 2))),
    "space_to_batch": lambda tf: tf.space_to_batch(_x(tf, (1, 4, 4, 1)), [[0, 0], [1, 1]], 2),
    "space_to_batch_nn": lambda tf: tf.nn.space_to_batch(_x(tf, (1, 4, 4, 1)), [[0, 0], [1, 1]],
                                                         block_size=2, name="sb"),
    "batch_to_space": lambda tf: tf.batch_to_space(_x(tf, (4, 2, 2, 1)), [[0, 0], [0, 1]], 2),
    "batch_to_space_block_shape": lambda tf: tf.batch_to_space(
        _x(tf, (4, 2, 2, 1)), [[0, 0], [0, 1]], block_size=None, block_shape=2),
    "required_paddings": lambda tf: list(tf.required_space_to_batch_paddings([5, 6], [2, 4])),
    "required_paddings_base": lambda tf: list(tf.required_space_to_batch_paddings(
        [5, 6], [2, 4], [[1, 0], [2, 2]], name="rp")),
    "required_paddings_dynamic": lambda tf: list(tf.required_space_to_batch_paddings(
        tf.placeholder_with_default([5, 6], [2]), [2, 4])),
    "required_paddings_empty": lambda tf: list(tf.required_space_to_batch_paddings(
        [], np.zeros([0], np.int32))),
    "extract_image_patches": lambda tf: tf.extract_image_patches(
        _x(tf, (1, 3, 3, 2)), [1, 2, 2, 1], [1, 1, 1, 1], [1, 1, 1, 1], "VALID"),
    "extract_patches_same": lambda tf: tf.image.extract_patches(
        _x(tf, (1, 4, 3, 2)), [1, 2, 2, 1], [1, 2, 2, 1], [1, 1, 2, 1], "SAME"),
    "extract_image_patches_sizes": lambda tf: tf.image.extract_image_patches(
        _x(tf, (2, 3, 4, 1)), sizes=[1, 3, 2, 1], strides=[1, 1, 2, 1], rates=[1, 1, 1, 1],
        padding="SAME", name="p"),
    "extract_image_patches_grad": lambda tf: _grad(
        tf, lambda x: tf.extract_image_patches(x, [1, 2, 2, 1], [1, 1, 2, 1], [1, 2, 1, 1],
                                               "SAME"), _x(tf, (2, 4, 3, 2))),
    "extract_volume_patches": lambda tf: tf.extract_volume_patches(
        _x(tf, (1, 2, 3, 3, 1)), [1, 2, 2, 2, 1], [1, 1, 1, 1, 1], "VALID"),
    "extract_volume_patches_grad": lambda tf: _grad(
        tf, lambda x: tf.extract_volume_patches(x, [1, 1, 2, 2, 1], [1, 1, 2, 1, 1], "SAME"),
        _x(tf, (1, 2, 3, 3, 2))),
    "dilation2d": lambda tf: tf.nn.dilation2d(_x(tf, (1, 4, 4, 2)), _x(tf, (2, 2, 2)),
                                              [1, 1, 1, 1], [1, 1, 1, 1], "SAME"),
    "dilation2d_grad": lambda tf: _grad(
        tf, lambda x, f: tf.nn.dilation2d(x, f, [1, 2, 1, 1], [1, 1, 2, 1], "VALID"),
        _x(tf, (2, 5, 5, 2)), _x(tf, (2, 2, 2))),
    "dilation2d_filters": lambda tf: _grad(
        tf, lambda x, f: tf.nn.dilation2d(x, filters=f, strides=[1, 1, 1, 1],
                                          dilations=[1, 2, 2, 1], padding="SAME", name="d"),
        _x(tf, (1, 4, 5, 1)), _x(tf, (2, 3, 1))),
    "erosion2d_grad": lambda tf: _grad(
        tf, lambda x, f: tf.nn.erosion2d(x, f, [1, 1, 1, 1], [1, 1, 1, 1], "SAME"),
        _x(tf, (1, 3, 4, 2)), _x(tf, (2, 2, 2))),
    "with_space_to_batch_valid": lambda tf: _wstb(tf, "VALID", None),
    "with_space_to_batch_same": lambda tf: _wstb(tf, "SAME", [2, 3, 2, 3]),
    "with_space_to_batch_unknown": lambda tf: _wstb(tf, "SAME", [2, 3, 2, 3], unknown=True),
    "with_space_to_batch_rate1": lambda tf: _wstb(tf, "SAME", [2, 3, 2, 3], rate=(1, 1)),
}

ERRORS = {
    "depth_to_space_nchw": lambda tf: tf.depth_to_space(_x(tf, (1, 4, 2, 2)), 2,
                                                        data_format="NCHW"),
    "depth_to_space_depth": lambda tf: tf.depth_to_space(_x(tf, (1, 2, 2, 3)), 2),
    "depth_to_space_block": lambda tf: tf.depth_to_space(_x(tf, (1, 2, 2, 4)), 1),
    "depth_to_space_format": lambda tf: tf.depth_to_space(_x(tf, (1, 2, 2, 4)), 2,
                                                          data_format="NCWH"),
    "depth_to_space_rank": lambda tf: tf.depth_to_space(tf.constant([1., 2., 3., 4.]), 2),
    "space_to_depth_size": lambda tf: tf.space_to_depth(_x(tf, (1, 3, 4, 1)), 2),
    "space_to_depth_dynamic": lambda tf: tf.space_to_depth(
        tf.placeholder_with_default(_x(tf, (1, 3, 4, 1)), None), 2),
    "space_to_batch_both": lambda tf: tf.space_to_batch(_x(tf, (1, 4, 4, 1)), [[0, 0], [0, 0]],
                                                        block_size=2, block_shape=2),
    "patches_ksizes": lambda tf: tf.extract_image_patches(
        _x(tf, (1, 3, 3, 2)), [2, 2, 2, 1], [1, 1, 1, 1], [1, 1, 1, 1], "VALID"),
    "patches_padding": lambda tf: tf.extract_image_patches(
        _x(tf, (1, 3, 3, 2)), [1, 2, 2, 1], [1, 1, 1, 1], [1, 1, 1, 1], "FULL"),
    "patches_rank": lambda tf: tf.extract_image_patches(
        _x(tf, (3, 3, 2)), [1, 2, 2, 1], [1, 1, 1, 1], [1, 1, 1, 1], "VALID"),
    "dilation2d_depth": lambda tf: tf.nn.dilation2d(_x(tf, (1, 4, 4, 2)), _x(tf, (2, 2, 3)),
                                                    [1, 1, 1, 1], [1, 1, 1, 1], "SAME"),
    "dilation2d_rank": lambda tf: tf.nn.dilation2d(_x(tf, (1, 4, 4, 2)), _x(tf, (2, 2)),
                                                   [1, 1, 1, 1], [1, 1, 1, 1], "SAME"),
    "with_space_to_batch_same_no_filter": lambda tf: _wstb(tf, "SAME", None),
    "with_space_to_batch_padding": lambda tf: _wstb(tf, "FULL", None),
    "with_space_to_batch_spatial_dims": lambda tf: _wstb(tf, "VALID", None,
                                                         spatial_dims=[2, 1]),
}


def cases(tf):
    out = run_cases(tf, CASES, ERRORS)
    return out
