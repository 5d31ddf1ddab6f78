"""Golden cases for array/indexing/sparse ops, as functions of `tf` (TF 1.14 when this
module makes array.json under the oracle; flowgrad when golden_check.py runs them).

Each function builds a graph in a fresh default graph:
  shapes          returns the tensor(s) whose dtypes and static shapes are compared;
  names           builds ops whose (name, type) list is compared;
  errors          raises the ValueError/TypeError compared (message up to " for '");
  runtime_errors  returns (fetches, feed or None); running them raises the OpError compared;
  runs            returns (fetches, feed or None) whose values are compared;
  indexed_slices  returns (gradients, feed or None): their kinds (IndexedSlices or dense)
                  and values are compared.
"""
import numpy as np


# -- shapes ------------------------------------------------------------------------------

def shape_transpose_default(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.transpose(x)
    return out


def shape_transpose_perm(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.transpose(x, [1, 0, 2])
    return out


def shape_transpose_unknown_rank(tf):
    u = tf.placeholder(tf.float32)
    out = tf.transpose(u)
    return out


def shape_transpose_unknown_perm(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.transpose(x, tf.placeholder(tf.int32, [3]))
    return out


def shape_expand_dims_last(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.expand_dims(x, -1)
    return out


def shape_expand_dims_0(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.expand_dims(x, 0)
    return out


def shape_expand_dims_dim_kw(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.expand_dims(x, dim=2)
    return out


def shape_expand_dims_unknown(tf):
    u = tf.placeholder(tf.float32)
    out = tf.expand_dims(u, 0)
    return out


def shape_squeeze_all_known(tf):
    out = tf.squeeze(tf.zeros([1, 2, 1, 3]))
    return out


def shape_squeeze_unknown(tf):
    out = tf.squeeze(tf.placeholder(tf.float32, [1, None, 1]))
    return out


def shape_squeeze_axis_unknown(tf):
    out = tf.squeeze(tf.placeholder(tf.float32, [1, None, 1]), [0])
    return out


def shape_squeeze_neg(tf):
    out = tf.squeeze(tf.zeros([2, 1]), axis=-1)
    return out


def shape_concat_0(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.concat([x, x], 0)
    return out


def shape_concat_neg(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.concat([x, x], -1)
    return out


def shape_concat_partial(tf):
    out = tf.concat([tf.placeholder(tf.float32, [None, 3]), tf.placeholder(tf.float32, [2, None])], 0)
    return out


def shape_concat_unknown_axis(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.concat([x, x], tf.placeholder(tf.int32, []))
    return out


def shape_concat_unknown_rank(tf):
    u = tf.placeholder(tf.float32)
    out = tf.concat([u, tf.zeros([2, 3])], 1)
    return out


def shape_concat_one(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.concat([x], 1)
    return out


def shape_stack_1(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.stack([x, x], 1)
    return out


def shape_stack_neg(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.stack([x, x, x], -1)
    return out


def shape_stack_merge(tf):
    out = tf.stack([tf.placeholder(tf.float32, [None, 3]), tf.placeholder(tf.float32, [2, None])])
    return out


def shape_stack_consts(tf):
    out = tf.stack([1, 2, 3])
    return out


def shape_unstack_axis1(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.unstack(x, axis=1)
    return out


def shape_unstack_num(tf):
    out = tf.unstack(tf.placeholder(tf.float32, [None, 2]), num=3)
    return out


def shape_split_sizes(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.split(x, [1, -1], 2)
    return out


def shape_split_num(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.split(x, 2, 2)
    return out


def shape_split_unknown_dim(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.split(x, [1, 2], 0)
    return out


def shape_split_tensor_sizes(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.split(x, tf.constant([3, 1]), 2)
    return out


def shape_slice_minus1(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.slice(x, [0, 1, 0], [-1, 2, -1])
    return out


def shape_slice_unknown_begin(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.slice(x, tf.placeholder(tf.int32, [3]), [1, 2, 3])
    return out


def shape_gather_axis1(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gather(x, [1, 2], axis=1)
    return out


def shape_gather_unknown_idx(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gather(x, tf.placeholder(tf.int32, [None, 2]))
    return out


def shape_gather_neg_axis(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gather(x, [[0]], axis=-1)
    return out


def shape_gather_scalar_idx(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gather(x, 1, axis=2)
    return out


def shape_gather_nd_1(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gather_nd(x, [[0, 1]])
    return out


def shape_gather_nd_full(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gather_nd(x, [[0, 1, 2], [1, 2, 3]])
    return out


def shape_gather_nd_unknown(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gather_nd(x, tf.placeholder(tf.int32, [None, 2]))
    return out


def shape_scatter_nd(tf):
    out = tf.scatter_nd([[1], [3]], tf.ones([2, 5]), [4, 5])
    return out


def shape_scatter_nd_unknown(tf):
    out = tf.scatter_nd([[1]], tf.ones([1, 3]), tf.placeholder(tf.int32, [2]))
    return out


def shape_tile(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.tile(x, [2, 1, 3])
    return out


def shape_tile_unknown(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.tile(x, tf.placeholder(tf.int32, [3]))
    return out


def shape_pad(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.pad(x, [[1, 1], [0, 0], [2, 0]])
    return out


def shape_pad_v2(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.pad(x, [[1, 1], [0, 0], [2, 0]], constant_values=3.0)
    return out


def shape_pad_reflect(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.pad(x, [[0, 0], [1, 2], [3, 0]], 'REFLECT')
    return out


def shape_pad_unknown(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.pad(x, tf.placeholder(tf.int32, [3, 2]))
    return out


def shape_reverse(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.reverse(x, [1, -1])
    return out


def shape_one_hot(tf):
    out = tf.one_hot([1, 2], 3)
    return out


def shape_one_hot_axis0(tf):
    out = tf.one_hot(tf.placeholder(tf.int32, [None]), 4, axis=0)
    return out


def shape_one_hot_dtype(tf):
    out = tf.one_hot([[1, 2]], 3, on_value=5, off_value=-1)
    return out


def shape_one_hot_f64(tf):
    out = tf.one_hot([1], 2, dtype=tf.float64)
    return out


def shape_boolean_mask(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.boolean_mask(x, tf.placeholder(tf.bool, [None, 3]))
    return out


def shape_boolean_mask_axis(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.boolean_mask(x, tf.placeholder(tf.bool, [3]), axis=1)
    return out


def shape_boolean_mask_static(tf):
    out = tf.boolean_mask(tf.zeros([2, 3, 4]), tf.placeholder(tf.bool, [2, 3]))
    return out


def shape_where1(tf):
    out = tf.where(tf.placeholder(tf.bool, [None, 3]))
    return out


def shape_where3(tf):
    out = tf.where(tf.placeholder(tf.bool, [2]), tf.zeros([2, 3]), tf.ones([2, 3]))
    return out


def shape_sequence_mask(tf):
    out = tf.sequence_mask([1, 2])
    return out


def shape_sequence_mask_maxlen(tf):
    out = tf.sequence_mask([[1], [2]], 4, dtype=tf.float32)
    return out


def shape_unique(tf):
    out = tf.unique([1, 2, 1])
    return out


def shape_unique_int64(tf):
    out = tf.unique(tf.constant([1., 2.]), out_idx=tf.int64)
    return out


def shape_eye(tf):
    out = tf.eye(3, batch_shape=[2])
    return out


def shape_eye_rect(tf):
    out = tf.eye(2, 4, dtype=tf.int32)
    return out


def shape_linspace(tf):
    out = tf.linspace(0., 1., 5)
    return out


def shape_lin_space_f64(tf):
    out = tf.lin_space(tf.constant(0., tf.float64), 1., 3)
    return out


def shape_size(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.size(x)
    return out


def shape_size_int64(tf):
    out = tf.size(tf.zeros([2, 3]), out_type=tf.int64)
    return out


def shape_shape(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.shape(x)
    return out


def shape_shape_n(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.shape_n([x, tf.zeros([2])], out_type=tf.int64)
    return out


def shape_rank(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.rank(x)
    return out


def shape_range_int(tf):
    out = tf.range(3, 18, 3)
    return out


def shape_range_float(tf):
    out = tf.range(0., 1., 0.3)
    return out


def shape_range_mixed(tf):
    out = tf.range(tf.constant(2, tf.int64), 5)
    return out


def shape_reshape_infer(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.reshape(x, [-1, 12])
    return out


def shape_reshape_partial(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.reshape(x, [tf.shape(x)[0], 2, -1])
    return out


def shape_reshape_known(tf):
    out = tf.reshape(tf.zeros([2, 6]), [3, -1])
    return out


def shape_zeros_dynamic(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.zeros(tf.shape(x))
    return out


def shape_fill_dims(tf):
    out = tf.fill([2, 3], 9)
    return out


def shape_broadcast_to(tf):
    out = tf.broadcast_to(tf.zeros([3]), [2, 3])
    return out


def shape_identity_n(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.identity_n([x, tf.zeros([2], tf.int32)])
    return out


def shape_stop_gradient(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.stop_gradient(x)
    return out


def shape_sort(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.sort(x, axis=1)
    return out


def shape_argsort(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.argsort(x, direction='DESCENDING')
    return out


def shape_ss_newaxis(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = x[..., tf.newaxis, ::-1]
    return out


def shape_ss_shrink(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = x[1]
    return out


def shape_ss_unknown_slice(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = x[1:3]
    return out


def shape_ss_known_slices(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = x[:, 1:, -3:-1]
    return out


def shape_ss_neg_step(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = x[:, ::-2, 3:0:-2]
    return out


def shape_ss_out_of_range_slice(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = x[:, 10:, -10:2]
    return out


def shape_ss_tensor_index(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = x[:, tf.placeholder(tf.int32, [])]
    return out


def shape_ss_tensor_slice(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = x[:, tf.placeholder(tf.int32, []):]
    return out


def shape_ss_unknown_rank(tf):
    u = tf.placeholder(tf.float32)
    out = u[1, ..., 2]
    return out


def shape_ss_int64_tensor(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = x[tf.constant(1, tf.int64)]
    return out


def shape_segment_sum(tf):
    out = tf.segment_sum(tf.zeros([4, 3]), [0, 0, 1, 3])
    return out


def shape_unsorted_segment_sum(tf):
    out = tf.unsorted_segment_sum(tf.zeros([4, 3]), [0, 0, 1, 3], 5)
    return out


def shape_unsorted_segment_sum_2d(tf):
    out = tf.unsorted_segment_sum(tf.zeros([2, 4, 3]), tf.zeros([2, 4], tf.int32), 7)
    return out


def shape_invert_permutation(tf):
    out = tf.invert_permutation([2, 0, 1])
    return out


def shape_grad_concat(tf):
    x = tf.placeholder(tf.float32, [None, 3])
    y = tf.placeholder(tf.float32, [None, 2])
    out = tf.gradients(tf.concat([x, y], 1), [x, y])
    return out


def shape_grad_slice(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gradients(tf.slice(x, [0, 1, 0], [-1, 1, 2]), x)
    return out


def shape_grad_pad(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gradients(tf.pad(x, [[1, 1], [0, 0], [2, 0]]), x)
    return out


def shape_grad_mirror_pad(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gradients(tf.pad(x, [[0, 0], [1, 1], [2, 0]], 'REFLECT'), x)
    return out


def shape_grad_tile(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gradients(tf.tile(x, [2, 1, 3]), x)
    return out


def shape_grad_transpose(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gradients(tf.transpose(x), x)
    return out


def shape_grad_gather_axis1(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gradients(tf.gather(x, [0, 0], axis=1), x)
    return out


def shape_grad_gather_nd(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gradients(tf.gather_nd(x, [[0, 1]]), x)
    return out


def shape_grad_reverse(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gradients(tf.reverse(x, [1]), x)
    return out


def shape_grad_ss(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gradients(x[:, 1:, ::2], x)
    return out


def shape_grad_split(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gradients(tf.split(x, [1, 3], 2)[1], x)
    return out


def shape_grad_unstack(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gradients(tf.unstack(x, axis=1)[0], x)
    return out


def shape_grad_stack(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gradients(tf.stack([x, x], 1), x)
    return out


def shape_grad_reshape(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gradients(tf.reshape(x, [-1]), x)
    return out


def shape_grad_expand_squeeze(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gradients(tf.squeeze(tf.expand_dims(x, 0)), x)
    return out


def shape_grad_select(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    out = tf.gradients(tf.where(x > 0, x, -x), x)
    return out


def shape_grad_broadcast_to(tf):
    x = tf.placeholder(tf.float32, [None, 1])
    out = tf.gradients(tf.broadcast_to(x, [2, 3]), x)
    return out


def shape_grad_unsorted_segment_sum(tf):
    x = tf.placeholder(tf.float32, [None, 2])
    out = tf.gradients(tf.unsorted_segment_sum(x, [0, 1, 0], 4), x)
    return out


# -- names -------------------------------------------------------------------------------

def names_masks(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4])
    tf.boolean_mask(x, tf.placeholder(tf.bool, [None, 3]))
    tf.boolean_mask(tf.zeros([2, 3]), [True, False, True], axis=1)
    tf.sequence_mask([1, 2])
    tf.sequence_mask([1, 2], 4, dtype=tf.float32)


def names_more(tf):
    x = tf.placeholder(tf.float32, [4, 4])
    n = tf.placeholder(tf.int32, [])
    tf.fill([2, 3], 9)
    tf.broadcast_to(x, [2, 4, 4])
    tf.range(5)
    tf.range(n)
    tf.range(0., 1., 0.5)
    tf.linspace(0., 1., 3)
    tf.reshape(x, [16])
    tf.reshape(x, [n, -1])
    tf.stack([x, x], axis=1)
    tf.split(x, tf.constant([1, 3]))
    tf.one_hot([1], 2, dtype=tf.int32)
    tf.identity_n([x, x])
    tf.stop_gradient(x)
    tf.shape_n([x])
    tf.unique([1, 2])
    tf.scatter_nd([[1]], [2.], [3])
    tf.invert_permutation([1, 0])
    tf.pad(x, [[1, 1], [0, 0]], constant_values=1.)
    tf.pad(x, [[1, 1], [0, 0]], 'SYMMETRIC')
    tf.sort(x)
    tf.argsort(x, axis=0)


def names_like(tf):
    x = tf.placeholder(tf.float32, [2, 3])
    u = tf.placeholder(tf.float32, [None])
    tf.zeros_like(x)
    tf.zeros_like(u)
    tf.ones_like(x)
    tf.ones_like(u)
    tf.zeros_like(u, dtype=tf.int32)
    tf.zeros_like(x, optimize=False)
    tf.zeros([40, 40])
    tf.ones(tf.shape(u), tf.int64)
    tf.zeros([2], tf.bool)


def names_getitem_tensor(tf):
    x = tf.placeholder(tf.float32, [3, 4])
    t = tf.placeholder(tf.int32, [])
    a = x[t]
    b = x[1:t]
    c = x[..., tf.newaxis, ::-1]


def names_transpose(tf):
    x = tf.placeholder(tf.float32, [3, 4])
    tf.transpose(x)
    tf.transpose(tf.placeholder(tf.float32))


def names_concat_stack_split(tf):
    x = tf.placeholder(tf.float32, [4, 4])
    tf.concat([x, x], 0)
    tf.concat([x], 0)
    tf.stack([x, x])
    tf.unstack(x)
    tf.split(x, 2)
    tf.split(x, [1, 3], 1)


def names_misc(tf):
    x = tf.placeholder(tf.float32, [4, 4])
    tf.expand_dims(x, 0)
    tf.squeeze(x)
    tf.slice(x, [0, 0], [1, 1])
    tf.gather(x, [1])
    tf.gather_nd(x, [[1, 1]])
    tf.tile(x, [1, 2])
    tf.pad(x, [[1, 1], [0, 0]])
    tf.reverse(x, [0])
    tf.one_hot([1], 2)
    tf.where(tf.placeholder(tf.bool, [4]))
    tf.size(x)
    tf.rank(x)
    tf.shape(x)


# -- errors ------------------------------------------------------------------------------

def error_concat_mismatch(tf):
    tf.concat([tf.zeros([2, 3]), tf.zeros([3, 3])], 1)


def error_concat_rank(tf):
    tf.concat([tf.zeros([2, 3]), tf.zeros([3])], 0)


def error_concat_axis_range(tf):
    tf.concat([tf.zeros([2, 3]), tf.zeros([2, 3])], 2)


def error_concat_dtype(tf):
    tf.concat([tf.zeros([2]), tf.zeros([2], tf.int32)], 0)


def error_reshape_incompatible(tf):
    tf.reshape(tf.zeros([2, 3]), [4])


def error_reshape_infer_bad(tf):
    tf.reshape(tf.zeros([2, 3]), [4, -1])


def error_stack_shapes(tf):
    tf.stack([tf.zeros([2]), tf.zeros([3])])


def error_stack_axis(tf):
    tf.stack([tf.zeros([2]), tf.zeros([2])], axis=3)


def error_unstack_num_unknown(tf):
    tf.unstack(tf.placeholder(tf.float32, [None, 3]))


def error_split_uneven(tf):
    tf.split(tf.zeros([3, 4]), 2)


def error_split_sizes_bad(tf):
    tf.split(tf.zeros([3, 4]), [1, 1], 0)


def error_expand_dims_range(tf):
    tf.expand_dims(tf.zeros([2, 3]), 4)


def error_squeeze_not_one(tf):
    tf.squeeze(tf.zeros([2, 3]), [1])


def error_transpose_perm_len(tf):
    tf.transpose(tf.zeros([2, 3]), [0, 1, 2])


def error_gather_axis(tf):
    tf.gather(tf.zeros([2, 3]), [0], axis=2)


def error_gather_nd_too_deep(tf):
    tf.gather_nd(tf.zeros([2, 2]), [[0, 1, 2]])


def error_gather_float_idx(tf):
    tf.gather(tf.zeros([2, 3]), tf.constant([0.]))


def error_tile_len(tf):
    tf.tile(tf.zeros([2, 3]), [1, 2, 3])


def error_pad_shape(tf):
    tf.pad(tf.zeros([2, 3]), [[1, 1]])


def error_one_hot_dtype_mismatch(tf):
    tf.one_hot([1], 2, on_value=1., off_value=0)


def error_boolean_mask_scalar(tf):
    tf.boolean_mask(tf.zeros([2]), True)


def error_boolean_mask_unknown_rank(tf):
    tf.boolean_mask(tf.zeros([2]), tf.placeholder(tf.bool))


def error_boolean_mask_shape(tf):
    tf.boolean_mask(tf.zeros([2, 3]), tf.zeros([2, 4], tf.bool))


def error_ss_oob(tf):
    tf.zeros([3, 4])[5]


def error_ss_oob_neg(tf):
    tf.zeros([3, 4])[:, -5]


def error_ss_too_many(tf):
    tf.zeros([3, 4])[1, 2, 3]


def error_ss_zero_step(tf):
    tf.zeros([3, 4])[::0]


def error_ss_float_index(tf):
    tf.zeros([3, 4])[1.5]


def error_ss_float_tensor(tf):
    tf.zeros([3, 4])[tf.constant(1.)]


def error_sort_direction(tf):
    tf.sort([1, 2], direction='UP')


def error_sort_axis_tensor(tf):
    tf.sort([1, 2], axis=tf.placeholder(tf.int32, []))


def error_where_one_of(tf):
    tf.where([True], [1.])


def error_scatter_nd_updates(tf):
    tf.scatter_nd([[1], [2]], tf.ones([3, 4]), [5, 4])


def error_segment_ids_dtype(tf):
    tf.unsorted_segment_sum(tf.zeros([2]), tf.constant([0., 1.]), 2)


# -- runtime_errors ----------------------------------------------------------------------

def rterror_gather_oob(tf):
    x = tf.placeholder(tf.float32, [None, 4])
    out = tf.gather(x, [7])
    feed = {x: np.zeros((3, 4))}
    return out, feed


def rterror_gather_oob_2d(tf):
    x = tf.placeholder(tf.float32, [None])
    out = tf.gather(x, [[0, 1], [5, 0]])
    feed = {x: np.zeros(3)}
    return out, feed


def rterror_gather_negative(tf):
    x = tf.placeholder(tf.float32, [None])
    out = tf.gather(x, [-1])
    feed = {x: np.zeros(3)}
    return out, feed


def rterror_ss_oob(tf):
    x = tf.placeholder(tf.float32, [None, 4])
    out = x[5]
    feed = {x: np.zeros((3, 4))}
    return out, feed


def rterror_reshape_bad(tf):
    x = tf.placeholder(tf.float32, [None])
    out = tf.reshape(x, [2, 2])
    feed = {x: np.zeros(3)}
    return out, feed


def rterror_reshape_bad_infer(tf):
    x = tf.placeholder(tf.float32, [None])
    out = tf.reshape(x, [2, -1])
    feed = {x: np.zeros(3)}
    return out, feed


def rterror_concat_bad(tf):
    x = tf.placeholder(tf.float32, [None, 3])
    y = tf.placeholder(tf.float32, [2, None])
    out = tf.concat([x, y], 0)
    feed = {x: np.zeros((1, 3)), y: np.zeros((2, 4))}
    return out, feed


def rterror_gather_nd_oob(tf):
    x = tf.placeholder(tf.float32, [None, 3])
    out = tf.gather_nd(x, [[0, 5]])
    feed = {x: np.zeros((2, 3))}
    return out, feed


def rterror_slice_oob(tf):
    x = tf.placeholder(tf.float32, [None])
    out = tf.slice(x, [1], [5])
    feed = {x: np.zeros(3)}
    return out, feed


def rterror_split_uneven(tf):
    x = tf.placeholder(tf.float32, [None])
    out = tf.split(x, 2)
    feed = {x: np.zeros(3)}
    return out, feed


def rterror_unsorted_segment_oob(tf):
    x = tf.placeholder(tf.float32, [None])
    out = tf.unsorted_segment_sum(x, [0, 4], 3)
    feed = {x: np.zeros(2)}
    return out, feed


def rterror_segment_unsorted(tf):
    x = tf.placeholder(tf.float32, [None])
    out = tf.segment_sum(x, [1, 0])
    feed = {x: np.zeros(2)}
    return out, feed


def rterror_squeeze_bad(tf):
    x = tf.placeholder(tf.float32, [None])
    out = tf.squeeze(x, [0])
    feed = {x: np.zeros(3)}
    return out, feed


def rterror_reshape_two_minus1(tf):
    x = tf.placeholder(tf.float32, [None])
    out = tf.reshape(x, [-1, -1])
    feed = {x: np.zeros(3)}
    return out, feed


def rterror_transpose_bad_perm(tf):
    x = tf.placeholder(tf.float32, [2, 3])
    out = tf.transpose(x, [0, 0])
    feed = {x: np.zeros((2, 3))}
    return out, feed


def rterror_slice_oob_static(tf):
    x = tf.placeholder(tf.float32, [2, 3])
    out = tf.slice(x, [0, 1], [1, 3])
    feed = {x: np.zeros((2, 3))}
    return out, feed


def rterror_reflect_too_big(tf):
    x = tf.placeholder(tf.float32, [2, 3])
    out = tf.pad(x, [[0, 0], [3, 0]], 'REFLECT')
    feed = {x: np.zeros((2, 3))}
    return out, feed


def rterror_symmetric_too_big(tf):
    x = tf.placeholder(tf.float32, [2, 3])
    out = tf.pad(x, [[0, 0], [4, 0]], 'SYMMETRIC')
    feed = {x: np.zeros((2, 3))}
    return out, feed


def rterror_one_hot_axis(tf):
    x = tf.placeholder(tf.int32, [2])
    out = tf.one_hot(x, 3, axis=3)
    feed = {x: [1, 2]}
    return out, feed


def rterror_unstack_bad(tf):
    x = tf.placeholder(tf.float32, [None])
    out = tf.unstack(x, num=2)
    feed = {x: np.zeros(3)}
    return out, feed


# -- runs --------------------------------------------------------------------------------

def run_one_hot_axis0(tf):
    out = tf.one_hot([[0, 2], [-1, 1]], 3, axis=0)
    return out, None


def run_one_hot_axis1_onoff(tf):
    out = tf.one_hot([[0, 2], [5, 1]], 3, on_value=7, off_value=-2, axis=1)
    return out, None


def run_unique(tf):
    out = list(tf.unique([4, 1, 4, 2, 1, 7]))
    return out, None


def run_unique_float(tf):
    out = list(tf.unique(tf.constant([3., -1., 3., 0.5])))
    return out, None


def run_mirror_reflect(tf):
    out = tf.pad(tf.reshape(tf.range(12.), [3, 4]), [[2, 1], [3, 2]], 'REFLECT')
    return out, None


def run_mirror_symmetric(tf):
    out = tf.pad(tf.reshape(tf.range(12.), [3, 4]), [[3, 1], [2, 4]], 'symmetric')
    return out, None


def run_pad_v2(tf):
    out = tf.pad([[1, 2]], [[1, 0], [0, 1]], constant_values=9)
    return out, None


def run_scatter_nd_dups(tf):
    out = tf.scatter_nd([[1], [3], [1]], [[1., 2.], [3., 4.], [5., 6.]], [5, 2])
    return out, None


def run_scatter_nd_2d(tf):
    out = tf.scatter_nd([[0, 1], [2, 2]], [5, 6], [3, 3])
    return out, None


def run_gather_nd_slices(tf):
    out = tf.gather_nd(tf.reshape(tf.range(24), [2, 3, 4]), [[[1, 2]], [[0, 0]]])
    return out, None


def run_sort_desc(tf):
    out = tf.sort([[3., 1., 2.], [0., -1., 5.]], axis=0, direction='DESCENDING')
    return out, None


def run_argsort_ties(tf):
    out = tf.argsort([3, 1, 3, 1, 2])
    return out, None


def run_argsort_desc_ties(tf):
    out = tf.argsort([3, 1, 3, 1, 2], direction='DESCENDING')
    return out, None


def run_sequence_mask(tf):
    out = tf.sequence_mask([[1, 3], [0, 2]])
    return out, None


def run_sequence_mask_maxlen(tf):
    out = tf.sequence_mask([1, 3], 5, dtype=tf.int32)
    return out, None


def run_segment_max_empty(tf):
    out = tf.segment_max([1., 2., 3.], [0, 0, 2])
    return out, None


def run_segment_mean(tf):
    out = tf.segment_mean([[1., 2.], [3., 4.], [5., 6.]], [0, 0, 3])
    return out, None


def run_unsorted_segment_negative(tf):
    out = tf.unsorted_segment_sum([1., 2., 3., 4.], [0, -1, 2, 0], 3)
    return out, None


def run_where_coords(tf):
    out = tf.where([[True, False], [False, True], [True, True]])
    return out, None


def run_boolean_mask_axis(tf):
    out = tf.boolean_mask(tf.reshape(tf.range(24), [2, 3, 4]), [True, False, True], axis=1)
    return out, None


def run_eye_batch(tf):
    out = tf.eye(2, 3, batch_shape=[2])
    return out, None


def run_linspace(tf):
    out = tf.linspace(-1., 2., 4)
    return out, None


def run_linspace_one(tf):
    out = tf.linspace(3., 5., 1)
    return out, None


def run_range_neg(tf):
    out = tf.range(5, 1, -2)
    return out, None


def run_range_float(tf):
    out = tf.range(0., 1., 0.3)
    return out, None


def run_invert_permutation(tf):
    out = tf.invert_permutation([3, 4, 0, 2, 1])
    return out, None


def run_split_minus1(tf):
    out = tf.split(tf.reshape(tf.range(10), [2, 5]), [1, -1, 2], 1)
    return out, None


def run_tile_scalar_rank(tf):
    out = tf.tile([[1, 2]], [2, 3])
    return out, None


def run_reverse_multi(tf):
    out = tf.reverse(tf.reshape(tf.range(6), [2, 3]), [0, 1])
    return out, None


def run_shape_n(tf):
    x = tf.placeholder(tf.float32, [None, 2])
    out = tf.shape_n([x, tf.zeros([3])])
    feed = {x: np.zeros((5, 2))}
    return out, feed


def run_ss_dynamic(tf):
    x = tf.reshape(tf.range(20), [4, 5])
    t = tf.placeholder(tf.int32, [])
    out = [x[t], x[1:t, ::-2], x[..., t], x[t, tf.newaxis]]
    feed = {t: 2}
    return out, feed


# -- indexed_slices ----------------------------------------------------------------------

def grads_gather_var(tf):
    v = tf.Variable(np.arange(10.).reshape(5, 2))
    out = tf.gradients(tf.reduce_sum(tf.gather(v, [1, 1, 3])), v)
    return out, None


def grads_gather_and_dense(tf):
    v = tf.Variable(np.ones((5, 2)))
    y = tf.gather(v, [1, 1, 3])
    out = tf.gradients(tf.reduce_sum(y * y) + tf.reduce_sum(v), v)
    return out, None


def grads_gather_and_dense_reversed(tf):
    v = tf.Variable(np.ones((5, 2)))
    y = tf.gather(v, [4, 0])
    out = tf.gradients(tf.reduce_sum(v) + tf.reduce_sum(y * y), v)
    return out, None


def grads_two_gathers(tf):
    v = tf.Variable(np.ones((4, 3)))
    out = tf.gradients(tf.reduce_sum(tf.gather(v, [0, 2])) + tf.reduce_sum(tf.gather(v, [3])), v)
    return out, None


def grads_gather_int64_and_int32(tf):
    v = tf.Variable(np.ones((4, 3)))
    out = tf.gradients(tf.reduce_sum(tf.gather(v, tf.constant([0], tf.int64))) + tf.reduce_sum(tf.gather(v, [3])), v)
    return out, None


def grads_gather_placeholder(tf):
    x = tf.placeholder(tf.float64, [None, 2])
    out = tf.gradients(tf.reduce_sum(tf.gather(x, [[0, 1], [1, 1]])), x)
    feed = {x: np.ones((3, 2))}
    return out, feed


def grads_gather_axis1_dense(tf):
    x = tf.placeholder(tf.float64, [2, 3])
    out = tf.gradients(tf.reduce_sum(tf.gather(x, [2, 2, 0], axis=1)), x)
    feed = {x: np.ones((2, 3))}
    return out, feed


def grads_gather_then_reshape(tf):
    v = tf.Variable(np.ones((4, 3)))
    out = tf.gradients(tf.reduce_sum(tf.reshape(tf.gather(v, [1, 2]), [-1])), v)
    return out, None


def grads_boolean_mask(tf):
    x = tf.placeholder(tf.float64, [2, 3])
    out = tf.gradients(tf.reduce_sum(tf.boolean_mask(x, [[True, False, True], [False, False, True]])), x)
    feed = {x: np.ones((2, 3))}
    return out, feed


def grads_stop_gradient(tf):
    x = tf.placeholder(tf.float64, [2])
    out = tf.gradients(tf.reduce_sum(tf.stop_gradient(x) * x), x)
    feed = {x: np.array([2., 3.])}
    return out, feed


def grads_unsorted_segment_sum(tf):
    x = tf.placeholder(tf.float64, [4])
    out = tf.gradients(tf.reduce_sum(tf.unsorted_segment_sum(x, [0, -1, 2, 0], 3) * [1., 2., 3.]), x)
    feed = {x: np.ones(4)}
    return out, feed


def grads_concat0_then_gather(tf):
    a = tf.Variable(np.arange(6.).reshape(3, 2))
    b = tf.Variable(np.arange(4.).reshape(2, 2))
    y = tf.gather(tf.concat([a, b], 0), [4, 0, 3, 0])
    out = tf.gradients(tf.reduce_sum(y * y), [a, b])
    return out, None


def grads_concat1_then_gather(tf):
    a = tf.Variable(np.arange(6.).reshape(3, 2))
    b = tf.Variable(np.arange(3.).reshape(3, 1))
    y = tf.gather(tf.concat([a, b], 1), [2, 0])
    out = tf.gradients(tf.reduce_sum(y * y), [a, b])
    return out, None


SHAPE_CASES = {
    "transpose_default": shape_transpose_default,
    "transpose_perm": shape_transpose_perm,
    "transpose_unknown_rank": shape_transpose_unknown_rank,
    "transpose_unknown_perm": shape_transpose_unknown_perm,
    "expand_dims_last": shape_expand_dims_last,
    "expand_dims_0": shape_expand_dims_0,
    "expand_dims_dim_kw": shape_expand_dims_dim_kw,
    "expand_dims_unknown": shape_expand_dims_unknown,
    "squeeze_all_known": shape_squeeze_all_known,
    "squeeze_unknown": shape_squeeze_unknown,
    "squeeze_axis_unknown": shape_squeeze_axis_unknown,
    "squeeze_neg": shape_squeeze_neg,
    "concat_0": shape_concat_0,
    "concat_neg": shape_concat_neg,
    "concat_partial": shape_concat_partial,
    "concat_unknown_axis": shape_concat_unknown_axis,
    "concat_unknown_rank": shape_concat_unknown_rank,
    "concat_one": shape_concat_one,
    "stack_1": shape_stack_1,
    "stack_neg": shape_stack_neg,
    "stack_merge": shape_stack_merge,
    "stack_consts": shape_stack_consts,
    "unstack_axis1": shape_unstack_axis1,
    "unstack_num": shape_unstack_num,
    "split_sizes": shape_split_sizes,
    "split_num": shape_split_num,
    "split_unknown_dim": shape_split_unknown_dim,
    "split_tensor_sizes": shape_split_tensor_sizes,
    "slice_minus1": shape_slice_minus1,
    "slice_unknown_begin": shape_slice_unknown_begin,
    "gather_axis1": shape_gather_axis1,
    "gather_unknown_idx": shape_gather_unknown_idx,
    "gather_neg_axis": shape_gather_neg_axis,
    "gather_scalar_idx": shape_gather_scalar_idx,
    "gather_nd_1": shape_gather_nd_1,
    "gather_nd_full": shape_gather_nd_full,
    "gather_nd_unknown": shape_gather_nd_unknown,
    "scatter_nd": shape_scatter_nd,
    "scatter_nd_unknown": shape_scatter_nd_unknown,
    "tile": shape_tile,
    "tile_unknown": shape_tile_unknown,
    "pad": shape_pad,
    "pad_v2": shape_pad_v2,
    "pad_reflect": shape_pad_reflect,
    "pad_unknown": shape_pad_unknown,
    "reverse": shape_reverse,
    "one_hot": shape_one_hot,
    "one_hot_axis0": shape_one_hot_axis0,
    "one_hot_dtype": shape_one_hot_dtype,
    "one_hot_f64": shape_one_hot_f64,
    "boolean_mask": shape_boolean_mask,
    "boolean_mask_axis": shape_boolean_mask_axis,
    "boolean_mask_static": shape_boolean_mask_static,
    "where1": shape_where1,
    "where3": shape_where3,
    "sequence_mask": shape_sequence_mask,
    "sequence_mask_maxlen": shape_sequence_mask_maxlen,
    "unique": shape_unique,
    "unique_int64": shape_unique_int64,
    "eye": shape_eye,
    "eye_rect": shape_eye_rect,
    "linspace": shape_linspace,
    "lin_space_f64": shape_lin_space_f64,
    "size": shape_size,
    "size_int64": shape_size_int64,
    "shape": shape_shape,
    "shape_n": shape_shape_n,
    "rank": shape_rank,
    "range_int": shape_range_int,
    "range_float": shape_range_float,
    "range_mixed": shape_range_mixed,
    "reshape_infer": shape_reshape_infer,
    "reshape_partial": shape_reshape_partial,
    "reshape_known": shape_reshape_known,
    "zeros_dynamic": shape_zeros_dynamic,
    "fill_dims": shape_fill_dims,
    "broadcast_to": shape_broadcast_to,
    "identity_n": shape_identity_n,
    "stop_gradient": shape_stop_gradient,
    "sort": shape_sort,
    "argsort": shape_argsort,
    "ss_newaxis": shape_ss_newaxis,
    "ss_shrink": shape_ss_shrink,
    "ss_unknown_slice": shape_ss_unknown_slice,
    "ss_known_slices": shape_ss_known_slices,
    "ss_neg_step": shape_ss_neg_step,
    "ss_out_of_range_slice": shape_ss_out_of_range_slice,
    "ss_tensor_index": shape_ss_tensor_index,
    "ss_tensor_slice": shape_ss_tensor_slice,
    "ss_unknown_rank": shape_ss_unknown_rank,
    "ss_int64_tensor": shape_ss_int64_tensor,
    "segment_sum": shape_segment_sum,
    "unsorted_segment_sum": shape_unsorted_segment_sum,
    "unsorted_segment_sum_2d": shape_unsorted_segment_sum_2d,
    "invert_permutation": shape_invert_permutation,
    "grad_concat": shape_grad_concat,
    "grad_slice": shape_grad_slice,
    "grad_pad": shape_grad_pad,
    "grad_mirror_pad": shape_grad_mirror_pad,
    "grad_tile": shape_grad_tile,
    "grad_transpose": shape_grad_transpose,
    "grad_gather_axis1": shape_grad_gather_axis1,
    "grad_gather_nd": shape_grad_gather_nd,
    "grad_reverse": shape_grad_reverse,
    "grad_ss": shape_grad_ss,
    "grad_split": shape_grad_split,
    "grad_unstack": shape_grad_unstack,
    "grad_stack": shape_grad_stack,
    "grad_reshape": shape_grad_reshape,
    "grad_expand_squeeze": shape_grad_expand_squeeze,
    "grad_select": shape_grad_select,
    "grad_broadcast_to": shape_grad_broadcast_to,
    "grad_unsorted_segment_sum": shape_grad_unsorted_segment_sum,
}

NAME_CASES = {
    "masks": names_masks,
    "more": names_more,
    "like": names_like,
    "getitem_tensor": names_getitem_tensor,
    "transpose": names_transpose,
    "concat_stack_split": names_concat_stack_split,
    "misc": names_misc,
}

ERROR_CASES = {
    "concat_mismatch": error_concat_mismatch,
    "concat_rank": error_concat_rank,
    "concat_axis_range": error_concat_axis_range,
    "concat_dtype": error_concat_dtype,
    "reshape_incompatible": error_reshape_incompatible,
    "reshape_infer_bad": error_reshape_infer_bad,
    "stack_shapes": error_stack_shapes,
    "stack_axis": error_stack_axis,
    "unstack_num_unknown": error_unstack_num_unknown,
    "split_uneven": error_split_uneven,
    "split_sizes_bad": error_split_sizes_bad,
    "expand_dims_range": error_expand_dims_range,
    "squeeze_not_one": error_squeeze_not_one,
    "transpose_perm_len": error_transpose_perm_len,
    "gather_axis": error_gather_axis,
    "gather_nd_too_deep": error_gather_nd_too_deep,
    "gather_float_idx": error_gather_float_idx,
    "tile_len": error_tile_len,
    "pad_shape": error_pad_shape,
    "one_hot_dtype_mismatch": error_one_hot_dtype_mismatch,
    "boolean_mask_scalar": error_boolean_mask_scalar,
    "boolean_mask_unknown_rank": error_boolean_mask_unknown_rank,
    "boolean_mask_shape": error_boolean_mask_shape,
    "ss_oob": error_ss_oob,
    "ss_oob_neg": error_ss_oob_neg,
    "ss_too_many": error_ss_too_many,
    "ss_zero_step": error_ss_zero_step,
    "ss_float_index": error_ss_float_index,
    "ss_float_tensor": error_ss_float_tensor,
    "sort_direction": error_sort_direction,
    "sort_axis_tensor": error_sort_axis_tensor,
    "where_one_of": error_where_one_of,
    "scatter_nd_updates": error_scatter_nd_updates,
    "segment_ids_dtype": error_segment_ids_dtype,
}

RUNTIME_ERROR_CASES = {
    "gather_oob": rterror_gather_oob,
    "gather_oob_2d": rterror_gather_oob_2d,
    "gather_negative": rterror_gather_negative,
    "ss_oob": rterror_ss_oob,
    "reshape_bad": rterror_reshape_bad,
    "reshape_bad_infer": rterror_reshape_bad_infer,
    "concat_bad": rterror_concat_bad,
    "gather_nd_oob": rterror_gather_nd_oob,
    "slice_oob": rterror_slice_oob,
    "split_uneven": rterror_split_uneven,
    "unsorted_segment_oob": rterror_unsorted_segment_oob,
    "segment_unsorted": rterror_segment_unsorted,
    "squeeze_bad": rterror_squeeze_bad,
    "reshape_two_minus1": rterror_reshape_two_minus1,
    "transpose_bad_perm": rterror_transpose_bad_perm,
    "slice_oob_static": rterror_slice_oob_static,
    "reflect_too_big": rterror_reflect_too_big,
    "symmetric_too_big": rterror_symmetric_too_big,
    "one_hot_axis": rterror_one_hot_axis,
    "unstack_bad": rterror_unstack_bad,
}

RUN_CASES = {
    "one_hot_axis0": run_one_hot_axis0,
    "one_hot_axis1_onoff": run_one_hot_axis1_onoff,
    "unique": run_unique,
    "unique_float": run_unique_float,
    "mirror_reflect": run_mirror_reflect,
    "mirror_symmetric": run_mirror_symmetric,
    "pad_v2": run_pad_v2,
    "scatter_nd_dups": run_scatter_nd_dups,
    "scatter_nd_2d": run_scatter_nd_2d,
    "gather_nd_slices": run_gather_nd_slices,
    "sort_desc": run_sort_desc,
    "argsort_ties": run_argsort_ties,
    "argsort_desc_ties": run_argsort_desc_ties,
    "sequence_mask": run_sequence_mask,
    "sequence_mask_maxlen": run_sequence_mask_maxlen,
    "segment_max_empty": run_segment_max_empty,
    "segment_mean": run_segment_mean,
    "unsorted_segment_negative": run_unsorted_segment_negative,
    "where_coords": run_where_coords,
    "boolean_mask_axis": run_boolean_mask_axis,
    "eye_batch": run_eye_batch,
    "linspace": run_linspace,
    "linspace_one": run_linspace_one,
    "range_neg": run_range_neg,
    "range_float": run_range_float,
    "invert_permutation": run_invert_permutation,
    "split_minus1": run_split_minus1,
    "tile_scalar_rank": run_tile_scalar_rank,
    "reverse_multi": run_reverse_multi,
    "shape_n": run_shape_n,
    "ss_dynamic": run_ss_dynamic,
}

INDEXED_SLICES_CASES = {
    "gather_var": grads_gather_var,
    "gather_and_dense": grads_gather_and_dense,
    "gather_and_dense_reversed": grads_gather_and_dense_reversed,
    "two_gathers": grads_two_gathers,
    "gather_int64_and_int32": grads_gather_int64_and_int32,
    "gather_placeholder": grads_gather_placeholder,
    "gather_axis1_dense": grads_gather_axis1_dense,
    "gather_then_reshape": grads_gather_then_reshape,
    "boolean_mask": grads_boolean_mask,
    "stop_gradient": grads_stop_gradient,
    "unsorted_segment_sum": grads_unsorted_segment_sum,
    "concat0_then_gather": grads_concat0_then_gather,
    "concat1_then_gather": grads_concat1_then_gather,
}

SECTIONS = {"shapes": SHAPE_CASES, "names": NAME_CASES, "errors": ERROR_CASES,
            "runtime_errors": RUNTIME_ERROR_CASES, "runs": RUN_CASES,
            "indexed_slices": INDEXED_SLICES_CASES}


# -- recording under TF 1.14 --------------------------------------------------------------

def as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def static_shape(t):
    s = t.shape
    return None if s.ndims is None else [d.value if hasattr(d, "value") else d for d in s.dims]


def cases(tf):
    """"<section>/<key>" -> what TF 1.14 gives for each case (see the module docstring)."""
    from goldenio import GoldenError
    out = {}
    for key, fn in SHAPE_CASES.items():
        with tf.Graph().as_default():
            out["shapes/" + key] = [[t.dtype.base_dtype.name, static_shape(t)]
                                    for t in as_list(fn(tf))]
    for key, fn in NAME_CASES.items():
        with tf.Graph().as_default() as g:
            fn(tf)
            out["names/" + key] = [[o.name, o.type] for o in g.get_operations()]
    for key, fn in ERROR_CASES.items():
        with tf.Graph().as_default():
            try:
                fn(tf)
            except (ValueError, TypeError) as e:
                out["errors/" + key] = GoldenError.of(e, str(e).split(" for '")[0])
            else:
                raise AssertionError("errors/%s: no error" % key)
    for key, fn in RUNTIME_ERROR_CASES.items():
        with tf.Graph().as_default():
            fetches, feed = fn(tf)
            with tf.Session() as sess:
                try:
                    sess.run(fetches, feed)
                except tf.errors.OpError as e:
                    out["runtime_errors/" + key] = GoldenError.of(e, e.message.split("\n")[0])
                else:
                    raise AssertionError("runtime_errors/%s: no error" % key)
    for key, fn in RUN_CASES.items():
        with tf.Graph().as_default():
            fetches, feed = fn(tf)
            with tf.Session() as sess:
                out["runs/" + key] = [np.asarray(v) for v in sess.run(as_list(fetches), feed)]
    for key, fn in INDEXED_SLICES_CASES.items():
        with tf.Graph().as_default():
            grads, feed = fn(tf)
            grads = as_list(grads)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                vals = iter(sess.run([gr for gr in grads if gr is not None], feed))
            enc = []
            for gr in grads:
                if gr is None:
                    enc.append(None)
                elif isinstance(gr, tf.IndexedSlices):
                    v = next(vals)
                    enc.append({"values": v.values, "indices": v.indices,
                                "dense_shape": v.dense_shape,
                                "indices_dtype": gr.indices.dtype.name})
                else:
                    enc.append({"dense": next(vals)})
            out["indexed_slices/" + key] = {
                "kinds": [type(gr).__name__ if gr is not None else None for gr in grads],
                "values": enc}
    return out

