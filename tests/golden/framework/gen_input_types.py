"""TF 1.14's op_def_library input type checks on Tensors of the wrong dtype: a type attr's
allowed list ("Value passed to parameter ..."), an input whose type an earlier input fixed
("... does not match type X of argument 'y'."), a fixed-type input ("... expected type of
X."), list inputs ("Tensors in list passed to ..."); and Python values converted to the
type an earlier input fixed (strided_slice's end and strides after an int64 begin).
Each case: (error class, first line of the message), or the last op's (type, input dtypes).

Read by tests/test_input_types.py (flowgrad checks these from its OpDefs:
engine/framework/input_types.py).
"""
from __future__ import absolute_import

import numpy as np


def _builds(tf):
    z = tf.zeros
    c = tf.constant
    return {
        "conv2d_int": lambda: tf.nn.conv2d(z([1, 4, 4, 1], tf.int32), z([2, 2, 1, 1], tf.int32),
                                           [1, 1, 1, 1], "SAME"),
        "conv2d_mixed": lambda: tf.nn.conv2d(z([1, 4, 4, 1]), z([2, 2, 1, 1], tf.float64),
                                             [1, 1, 1, 1], "SAME"),
        "relu_string": lambda: tf.nn.relu(c(["a"])),
        "matmul_bool": lambda: tf.matmul(z([2, 2], tf.bool), z([2, 2], tf.bool)),
        "matmul_mixed": lambda: tf.matmul(z([2, 2]), z([2, 2], tf.float64)),
        "sigmoid_int": lambda: tf.sigmoid(z([2], tf.int32)),
        "softmax_int": lambda: tf.nn.softmax(z([2, 2], tf.int32)),
        "sqrt_int64": lambda: tf.sqrt(z([2], tf.int64)),
        "floor_int": lambda: tf.floor(z([2], tf.int32)),
        "max_pool_bool": lambda: tf.nn.max_pool(z([1, 4, 4, 1], tf.bool), [1, 2, 2, 1],
                                                [1, 2, 2, 1], "SAME"),
        "reduce_sum_bool": lambda: tf.reduce_sum(z([2], tf.bool)),
        "bias_add_mixed": lambda: tf.nn.bias_add(z([2, 2]), z([2], tf.float64)),
        "cumsum_bool": lambda: tf.cumsum(z([2], tf.bool)),
        "abs_bool": lambda: tf.abs(z([2], tf.bool)),
        "gather_float_indices": lambda: tf.gather(z([3]), c([0.0])),
        "slice_float_begin": lambda: tf.slice(z([3]), c([0.0]), [1]),
        "strided_slice_float_begin": lambda: tf.strided_slice(z([3]), c([0.0]), [1], [1]),
        "one_hot_float": lambda: tf.one_hot(c([0.0]), 3),
        "embedding_lookup_float": lambda: tf.nn.embedding_lookup(z([3, 2]), c([0.0])),
        "l2_loss_int": lambda: tf.nn.l2_loss(z([2], tf.int32)),
        "sparse_xent_float_labels": lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=c([0.0]), logits=z([1, 3])),
        "in_top_k_float": lambda: tf.nn.in_top_k(z([1, 3]), c([0.0]), 1),
        "bitwise_and_float": lambda: tf.bitwise.bitwise_and(z([2]), z([2])),
        "logical_and_float": lambda: tf.logical_and(z([2]), z([2])),
        "slice_int64_begin": lambda: tf.slice(z([3]), c([0], tf.int64), [1]),
        "strided_slice_int64_begin": lambda: tf.strided_slice(z([3]), c([0], tf.int64), [1],
                                                              [1]),
        "pad_int64": lambda: tf.pad(z([3]), c([[1, 1]], tf.int64)),
        "fill_int64": lambda: tf.fill(c([2], tf.int64), 1.0),
        "tile_int64": lambda: tf.tile(z([3]), c([2], tf.int64)),
        "reduce_sum_int64_axis": lambda: tf.reduce_sum(z([3]), axis=c(0, tf.int64)),
        "maximum_int64_python": lambda: tf.maximum(z([3], tf.int64), 2),
        "concat_int64_python": lambda: tf.concat([z([3], tf.int64), [1, 2]], 0),
        "add_n_mixed": lambda: tf.add_n([z([3]), z([3], tf.int32)]),
        "concat_mixed": lambda: tf.concat([z([3]), z([3], tf.int32)], 0),
        "stack_mixed": lambda: tf.stack([z([3]), z([3], tf.int32)]),
        "where_mixed": lambda: tf.where(z([3], tf.bool), z([3]), z([3], tf.int32)),
        "assign_mixed": lambda: tf.assign(tf.Variable(z([3])), z([3], tf.int32)),
        "scatter_update_mixed": lambda: tf.scatter_update(tf.Variable(z([3])), [0],
                                                          z([1], tf.int32)),
        "dynamic_stitch_mixed": lambda: tf.dynamic_stitch([[0], [1]],
                                                          [z([1]), z([1], tf.int32)]),
        "apply_gradients_mixed": lambda: tf.train.GradientDescentOptimizer(0.1).apply_gradients(
            [(z([2], tf.float64), tf.Variable(z([2])))]),
        "tensor_scatter_update_mixed": lambda: tf.tensor_scatter_update(z([3]), [[0]],
                                                                        z([1], tf.int32)),
        "segment_sum_float_ids": lambda: tf.math.segment_sum(z([3]), c([0, 0, 1.0])),
        "reshape_int64": lambda: tf.reshape(z([4]), c([2, 2], tf.int64)),
        "reshape_float_shape": lambda: tf.reshape(z([4]), c([2, 2.0])),
        "squared_difference_mixed": lambda: tf.squared_difference(z([2]), z([2], tf.float64)),
        "select_bad_condition": lambda: tf.where(z([2]), z([2]), z([2])),
        "assign_add_mixed": lambda: tf.assign_add(tf.Variable(z([2])), z([2], tf.float64)),
        "softmax_xent_mixed": lambda: tf.nn.softmax_cross_entropy_with_logits_v2(
            labels=z([1, 3], tf.float64), logits=z([1, 3])),
        "split_float_dim": lambda: tf.split(z([4]), 2, axis=c(0.0)),
        "batch_matmul_mixed": lambda: tf.matmul(z([2, 2, 2]), z([2, 2, 2], tf.float64)),
        "transpose_float_perm": lambda: tf.transpose(z([2, 2]), c([1.0, 0.0])),
        "argmax_string": lambda: tf.argmax(c(["a", "b"]), 0),
        "cast_ok": lambda: tf.cast(z([2], tf.int64), tf.float32),
        "squeeze_tensor_axis": lambda: tf.squeeze(z([1, 3]), axis=c(0)),
        "squeeze_array_axis": lambda: tf.squeeze(z([1, 3]), axis=np.array([0])),
        "mod_bool": lambda: tf.mod(z([2], tf.bool), z([2], tf.bool)),
    }


def _case(tf, build):
    g = tf.Graph()
    with g.as_default():
        try:
            build()
        except Exception as e:  # noqa: BLE001 - the error is the golden value
            return [type(e).__name__, str(e).splitlines()[0]]
        op = g.get_operations()[-1]
        return [op.type, [t.dtype.name for t in op.inputs]]


def cases(tf):
    return {name: _case(tf, build) for name, build in _builds(tf).items()}
