"""Python 3's `n / 2` (a float) where a TF1 script meant an int: TF 1.14's op_def_library
errors. An input whose type attr allows int32/int64 infers float32 from the value and
refuses it ("Value passed to parameter ... has DataType float32 not in list of allowed
values"); a fixed int32 input, or one whose type an earlier input fixed, names the op and
the first offending element ("Expected int32 passed to parameter ..."); split's
num_or_size_splits is a rank-0 tensor; NumPy float arrays are cast as TF's conversion
casts them; float tensors given to those inputs are refused before the op's shape
function runs. Each case: the static shape built, or (error class, message).

Read by tests/test_pcaps_float_args.py.
"""
from __future__ import absolute_import

import numpy as np

N = 6

BUILDS = {
    "reshape": lambda tf, x: tf.reshape(x, [-1, N / 2]),
    "reshape_numpy_floats": lambda tf, x: tf.reshape(x, np.array([-1., 3.])),
    "tile": lambda tf, x: tf.tile(x, [1, N / 3]),
    "transpose": lambda tf, x: tf.transpose(x, [1., 0.]),
    "expand_dims": lambda tf, x: tf.expand_dims(x, 1.0),
    "concat": lambda tf, x: tf.concat([x, x], 1.0),
    "fill": lambda tf, x: tf.fill([2, N / 2], 1.),
    "pad": lambda tf, x: tf.pad(x, [[1., 1.], [0, 0]]),
    "slice": lambda tf, x: tf.slice(x, [0, 0], [2, N / 2]),
    "scatter_nd": lambda tf, x: tf.scatter_nd([[0]], [[1.] * 6], [N / 3, 6]),
    "split_axis": lambda tf, x: tf.split(x, 2, axis=1.0),
    "split_num": lambda tf, x: tf.split(x, N / 3, axis=1),
    "one_hot": lambda tf, x: tf.one_hot([1, 2], N / 2),
    "top_k": lambda tf, x: tf.nn.top_k(x, N / 3).values,
    "zeros": lambda tf, x: tf.zeros([2, N / 2]),
    "range": lambda tf, x: tf.range(N / 2),
    "reshape_ints": lambda tf, x: tf.reshape(x, [-1, N // 2]),
    "argmax": lambda tf, x: tf.argmax(x, 1.0),
    "cumsum": lambda tf, x: tf.cumsum(x, axis=1.0),
    "cumprod": lambda tf, x: tf.cumprod(x, axis=N / 6),
    "gather_axis": lambda tf, x: tf.gather(x, [0, 1], axis=1.0),
    "unsorted_segment_sum": lambda tf, x: tf.unsorted_segment_sum(x, [0, 1, 0, 1], N / 3),
    "dynamic_partition": lambda tf, x: tf.dynamic_partition(x, [0, 1, 0, 1], N / 3)[1],
    "dynamic_partition_str": lambda tf, x: tf.dynamic_partition(x, [0, 1, 0, 1], "2")[1],
    "cumsum_numpy_axis": lambda tf, x: tf.cumsum(x, axis=np.float32(1.0)),
}


# float tensors (a `tf.stack([n / 3, 1, 1])`, a float count) given to the same inputs
TENSOR_BUILDS = {
    "t_tile": lambda tf, x, f, s: tf.tile(tf.expand_dims(x, 0), tf.stack([N / 3, 1, 1])),
    "t_reshape": lambda tf, x, f, s: tf.reshape(x, f),
    "t_transpose": lambda tf, x, f, s: tf.transpose(x, f),
    "t_fill": lambda tf, x, f, s: tf.fill(f, 1.),
    "t_zeros": lambda tf, x, f, s: tf.zeros(f),
    "t_expand_dims": lambda tf, x, f, s: tf.expand_dims(x, s),
    "t_concat": lambda tf, x, f, s: tf.concat([x, x], s),
    "t_reduce_sum": lambda tf, x, f, s: tf.reduce_sum(x, s),
    "t_gather_axis": lambda tf, x, f, s: tf.gather(x, [0], axis=s),
    "t_argmax": lambda tf, x, f, s: tf.argmax(x, s),
    "t_pad": lambda tf, x, f, s: tf.pad(x, tf.constant([[1., 1.], [0., 0.]])),
    "t_one_hot": lambda tf, x, f, s: tf.one_hot([1], s),
    "t_top_k": lambda tf, x, f, s: tf.nn.top_k(x, s).values,
    "t_split": lambda tf, x, f, s: tf.split(x, f, 1)[0],
    "t_unsorted_segment_sum": lambda tf, x, f, s: tf.unsorted_segment_sum(x, [0, 1, 0, 1], s),
    "t_broadcast_to": lambda tf, x, f, s: tf.broadcast_to(x, f),
    "t_reverse": lambda tf, x, f, s: tf.reverse(x, f),
    "t_slice": lambda tf, x, f, s: tf.slice(x, [0, 0], f),
    "t_random_normal": lambda tf, x, f, s: tf.random_normal(f),
    "t_random_uniform": lambda tf, x, f, s: tf.random_uniform(f),
    "reverse_list": lambda tf, x, f, s: tf.reverse(x, [1.0]),
    "split_sizes": lambda tf, x, f, s: tf.split(x, [2., 4.], 1)[0],
    "stack_axis": lambda tf, x, f, s: tf.stack([x, x], N / 6),
    "stack_axis_fraction": lambda tf, x, f, s: tf.stack([x, x], 2.5),
    "stack_axis_out_of_range": lambda tf, x, f, s: tf.stack([x, x], 5.0),
    "unstack_axis": lambda tf, x, f, s: tf.unstack(x, axis=1.0)[0],
    "band_part_lower": lambda tf, x, f, s: tf.matrix_band_part(x, 1.0, 0),
    "band_part_upper": lambda tf, x, f, s: tf.matrix_band_part(x, 1, 0.0),
    "band_part_int32_int64": lambda tf, x, f, s: tf.matrix_band_part(
        x, tf.constant(1), tf.constant(0, tf.int64)),
    "band_part_int32_upper_dtype": lambda tf, x, f, s: tf.matrix_band_part(
        x, tf.constant(1), 0).op.inputs[2].dtype.name,
}


def _tensor_case(tf, build):
    with tf.Graph().as_default():
        x = tf.ones([4, 6])
        try:
            out = build(tf, x, tf.constant([2., 1.]), tf.constant(1.))
            return out if isinstance(out, str) else str(out.shape)
        except (TypeError, ValueError) as e:
            return (type(e).__name__, str(e))


def _case(tf, build):
    with tf.Graph().as_default():
        x = tf.ones([4, 6])
        try:
            return str(build(tf, x).shape)
        except (TypeError, ValueError) as e:
            return (type(e).__name__, str(e))


def cases(tf):
    out = {name: _case(tf, build) for name, build in BUILDS.items()}
    out.update((name, _tensor_case(tf, build)) for name, build in TENSOR_BUILDS.items())
    return out
