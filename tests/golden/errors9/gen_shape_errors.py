"""Errors found while building a graph (an op's shape inference): TF 1.14's class and the
first line of its message, with TF's context (the op, its input shapes, and the input
values its shape function read: "and with computed input tensors: input[1] = <0 5>",
"and with input tensors computed as partial shapes: input[1] = [5,?]"); or, where TF
builds the op, "OK" and the result's static shape.
"""

import numpy as np


def _shape(t):
    if isinstance(t, (list, tuple)):
        return [_shape(x) for x in t]
    s = t.shape
    return None if s.ndims is None else s.as_list()


def _outcome(tf, fn):
    a = tf.zeros([2, 3])
    try:
        out = fn(tf, a)
    except Exception as e:  # noqa: BLE001 - the error is the case's answer
        return [type(e).__name__, str(e).split("\n")[0]]
    return ["OK", _shape(out)]


def _img(tf, shape):
    return tf.zeros(shape)


_CASES = [
    # -- tile / transpose / slice / pad -----------------------------------------------------
    ("tile_rank", lambda tf, a: tf.tile(a, [2, 2, 2])),
    ("tile_minus_one", lambda tf, a: tf.tile(a, [2, -1])),
    ("tile_negative", lambda tf, a: tf.tile(a, [2, -3])),
    ("tile_ok", lambda tf, a: tf.tile(a, [2, 3])),
    ("transpose_out_of_range", lambda tf, a: tf.transpose(a, [0, 2])),
    ("transpose_repeated", lambda tf, a: tf.transpose(a, [0, 0])),
    ("transpose_300", lambda tf, a: tf.transpose(a, list(range(300)))),
    ("transpose_perm_rank2", lambda tf, a: tf.transpose(a, [[0, 1]])),
    ("transpose_negative", lambda tf, a: tf.transpose(a, [-1, 0])),
    ("slice_bounds", lambda tf, a: tf.slice(a, [0, 0], [3, 1])),
    ("slice_rank", lambda tf, a: tf.slice(a, [0, 0, 0], [1, 1, 1])),
    ("slice_begin_size_lengths", lambda tf, a: tf.slice(a, [0, 0], [1, 1, 1])),
    ("slice_size_below", lambda tf, a: tf.slice(a, [0, 0], [1, -2])),
    ("slice_begin_negative", lambda tf, a: tf.slice(a, [0, -2], [1, 1])),
    ("slice_ok_minus_one", lambda tf, a: tf.slice(a, [1, 1], [-1, -1])),
    ("pad_rank3", lambda tf, a: tf.pad(a, [[1, 1], [2, 2], [0, 0]])),
    ("pad_rank1", lambda tf, a: tf.pad(a, [[1, 1]])),
    ("pad_negative", lambda tf, a: tf.pad(a, [[1, -1], [0, 0]])),
    ("pad_negative_int64", lambda tf, a: tf.pad(a, np.full([2, 2], -1, np.int64))),
    ("pad_three_columns", lambda tf, a: tf.pad(a, [[1, 1, 1], [0, 0, 0]])),
    ("pad_reflect_too_big", lambda tf, a: tf.pad(a, [[2, 2], [0, 0]], "REFLECT")),
    # -- reductions / argmax / cumsum / reverse ------------------------------------------------
    ("sum_axis", lambda tf, a: tf.reduce_sum(a, [0, 5])),
    ("sum_axis_int64", lambda tf, a: tf.reduce_sum(a, tf.constant([0, 5], tf.int64))),
    ("sum_300_axes", lambda tf, a: tf.reduce_sum(tf.zeros([2] * 3), list(range(300)))),
    ("sum_axes_rank2", lambda tf, a: tf.reduce_sum(a, np.arange(4).reshape(2, 2))),
    ("max_keepdims", lambda tf, a: tf.reduce_max(a, 2, keepdims=True)),
    ("mean_negative", lambda tf, a: tf.reduce_mean(a, -3)),
    ("prod_axis", lambda tf, a: tf.reduce_prod(a, [1, 2])),
    ("all_axis", lambda tf, a: tf.reduce_all(tf.cast(a, tf.bool), 4)),
    ("argmax_axis", lambda tf, a: tf.argmax(a, 3)),
    ("argmin_axis", lambda tf, a: tf.argmin(a, -3)),
    ("cumsum_axis", lambda tf, a: tf.cumsum(a, 4)),
    ("cumprod_axis", lambda tf, a: tf.cumprod(a, -5)),
    ("reverse_axis", lambda tf, a: tf.reverse(a, [3])),
    ("reverse_twice", lambda tf, a: tf.reverse(a, [1, 1])),
    ("reverse_bool_ok", lambda tf, a: tf.reverse(a, [True, False, True])),
    # -- split / concat / stack ------------------------------------------------------------
    ("split_uneven", lambda tf, a: tf.split(a, 4, 1)),
    ("split_sizes", lambda tf, a: tf.split(a, [1, 1], 1)),
    ("split_sizes_axis0", lambda tf, a: tf.split(a, [1, 5], 0)),
    ("split_four_sizes", lambda tf, a: tf.split(a, [1, 1, 1, 1], 1)),
    ("split_axis", lambda tf, a: tf.split(a, 2, 5)),
    ("split_sizes_axis", lambda tf, a: tf.split(a, [1, 2], 5)),
    ("split_two_minus_one", lambda tf, a: tf.split(a, [-1, -1, 1], 1)),
    ("concat_dims", lambda tf, a: tf.concat([a, tf.zeros([3, 4])], 1)),
    ("concat_int64_axis", lambda tf, a: tf.concat([a, tf.zeros([3, 4])], tf.constant(1, tf.int64))),
    ("concat_axis", lambda tf, a: tf.concat([a, a], 2)),
    ("concat_negative_axis", lambda tf, a: tf.concat([a, a], -3)),
    ("concat_ranks", lambda tf, a: tf.concat([a, tf.zeros([2])], 0)),
    ("stack_axis", lambda tf, a: tf.stack([a, a], axis=5)),
    ("stack_shapes", lambda tf, a: tf.stack([a, tf.zeros([3, 2])])),
    ("unstack_axis", lambda tf, a: tf.unstack(a, axis=5)),
    ("unstack_num", lambda tf, a: tf.unstack(a, num=3)),
    # -- reshape / fill / random / broadcast -----------------------------------------------
    ("reshape_divisible", lambda tf, a: tf.reshape(a, [5, -1])),
    ("reshape_elements", lambda tf, a: tf.reshape(a, [4, 2])),
    ("reshape_300", lambda tf, a: tf.reshape(a, list(range(1, 300)))),
    ("reshape_below", lambda tf, a: tf.reshape(a, [-2, 3])),
    ("reshape_two_unknown_ok", lambda tf, a: tf.reshape(a, [-1, -1])),
    ("reshape_empty", lambda tf, a: tf.reshape(a, tf.constant([], tf.int32))),
    ("reshape_scalar_shape", lambda tf, a: tf.reshape(a, 7)),
    ("fill_negative", lambda tf, a: tf.fill([2, -3], 1.0)),
    ("fill_minus_one", lambda tf, a: tf.fill([2, -1], 1.0)),
    ("fill_scalar_dims", lambda tf, a: tf.fill(-3, 1.0)),
    ("fill_rank2_dims", lambda tf, a: tf.fill([[2]], 1.0)),
    ("fill_value_rank", lambda tf, a: tf.fill([2], [1.0, 2.0])),
    ("zeros_negative", lambda tf, a: tf.zeros([2, -3])),
    ("ones_negative", lambda tf, a: tf.ones([-2])),
    ("random_uniform_minus_one", lambda tf, a: tf.random_uniform([2, -1])),
    ("random_normal_negative", lambda tf, a: tf.random_normal([2, -2])),
    ("truncated_normal_negative", lambda tf, a: tf.truncated_normal([-5])),
    (
        "random_int_add",
        lambda tf, a: tf.random_uniform([2, 3], maxval=5, dtype=tf.int32) + tf.zeros([5], tf.int32),
    ),
    ("broadcast_to_dims", lambda tf, a: tf.broadcast_to(a, [4, 3])),
    ("broadcast_to_below", lambda tf, a: tf.broadcast_to(a, [-2, 3])),
    ("broadcast_to_rank", lambda tf, a: tf.broadcast_to(a, [3])),
    ("broadcast_to_minus_one_ok", lambda tf, a: tf.broadcast_to(a, [-1, 3])),
    ("eye_negative", lambda tf, a: tf.eye(-2)),
    ("range_positive_delta", lambda tf, a: tf.range(5, 1, 1)),
    ("range_float", lambda tf, a: tf.range(5.5, 1.0, 0.5)),
    ("range_float_negative", lambda tf, a: tf.range(0.1, 1.0, -0.3)),
    ("range_float64", lambda tf, a: tf.range(np.float64(0.1), 1.0, -0.3)),
    ("range_float_digits", lambda tf, a: tf.range(np.float32(1e10), 1.0, 7.123456789)),
    ("range_inf", lambda tf, a: tf.range(1e-7, 1.0, -np.inf)),
    ("range_zero_delta", lambda tf, a: tf.range(1, 5, 0)),
    ("linspace_num", lambda tf, a: tf.linspace(0.0, 1.0, -3)),
    # -- gather / scatter / one_hot / top_k / segment -------------------------------------
    ("gather_axis", lambda tf, a: tf.gather(a, [0], axis=-3)),
    ("gather_axis_tensor", lambda tf, a: tf.gather(a, [1], axis=tf.constant(5))),
    ("gather_nd_last_dim", lambda tf, a: tf.gather_nd(a, [[0, 0, 0]])),
    ("scatter_nd_below", lambda tf, a: tf.scatter_nd([[0]], [1.0], [2, -2])),
    ("scatter_nd_updates", lambda tf, a: tf.scatter_nd([[0]], [1.0, 2.0], [2])),
    ("scatter_nd_shape", lambda tf, a: tf.scatter_nd([[0]], [[1.0, 2.0]], [2, 3])),
    ("one_hot_depth", lambda tf, a: tf.one_hot(tf.zeros([2], tf.int32), -3)),
    ("one_hot_depth_tensor", lambda tf, a: tf.one_hot(tf.zeros([2], tf.int32), tf.constant(-3))),
    ("top_k_k", lambda tf, a: tf.nn.top_k(a, 5)),
    ("top_k_negative", lambda tf, a: tf.nn.top_k(a, -1)),
    ("in_top_k_k", lambda tf, a: tf.nn.in_top_k(a, [0, 1], -1)),
    ("unsorted_segment_sum_num", lambda tf, a: tf.unsorted_segment_sum(a, [0, 1], -1)),
    ("unsorted_segment_sum_ids", lambda tf, a: tf.unsorted_segment_sum(a, [0, 1, 2], 3)),
    ("segment_sum_ids", lambda tf, a: tf.segment_sum(a, [0, 0, 1])),
    ("sparse_to_dense_below", lambda tf, a: tf.sparse_to_dense([[0, 0]], [2, -2], 1.0)),
    ("boolean_mask_shape", lambda tf, a: tf.boolean_mask(a, [True])),
    ("where_shapes", lambda tf, a: tf.where(tf.zeros([2], tf.bool), a, a)),
    ("where_mismatch", lambda tf, a: tf.where(tf.zeros([3], tf.bool), a, a)),
    # -- strided slicing -----------------------------------------------------------------------
    ("strided_slice_dims", lambda tf, a: tf.strided_slice(a, [0, 0, 0], [1, 1, 1])),
    ("strided_slice_zero_stride", lambda tf, a: tf.strided_slice(a, [0, 0], [1, 1], [1, 0])),
    ("getitem_index", lambda tf, a: a[5]),
    ("getitem_too_many", lambda tf, a: a[0, 0, 0]),
    ("getitem_negative", lambda tf, a: a[:, -4]),
    # -- expand_dims / squeeze -----------------------------------------------------------
    ("expand_dims_axis", lambda tf, a: tf.expand_dims(a, -4)),
    ("expand_dims_list_axis", lambda tf, a: tf.expand_dims(a, [-4])),
    ("expand_dims_tensor_axis", lambda tf, a: tf.expand_dims(a, tf.constant(3))),
    ("squeeze_not_one", lambda tf, a: tf.squeeze(a, [0])),
    ("squeeze_axis", lambda tf, a: tf.squeeze(a, [5])),
    ("squeeze_second_axis", lambda tf, a: tf.squeeze(tf.zeros([1, 2]), [0, -3])),
    # -- binary ops / matmul / einsum / tensordot ------------------------------------------
    ("add_shapes", lambda tf, a: tf.zeros([2, 3]) + tf.zeros([4])),
    ("band_part_add", lambda tf, a: tf.matrix_band_part(a, 1, 1) + tf.zeros([5])),
    ("diag_part_add", lambda tf, a: tf.matrix_diag_part(a) + tf.zeros([5])),
    ("matmul_dims", lambda tf, a: tf.matmul(a, a)),
    ("matmul_transposed_add", lambda tf, a: tf.matmul(a, a, transpose_a=True) + tf.zeros([7])),
    ("matmul_rank", lambda tf, a: tf.matmul(a, tf.zeros([3]))),
    ("batch_matmul_dims", lambda tf, a: tf.matmul(tf.zeros([4, 2, 3]), tf.zeros([4, 2, 3]))),
    ("batch_matmul_batch", lambda tf, a: tf.matmul(tf.zeros([4, 2, 3]), tf.zeros([5, 3, 2]))),
    ("einsum_dims", lambda tf, a: tf.einsum("ij,jk->ik", a, a)),
    ("tensordot_dims", lambda tf, a: tf.tensordot(a, a, 1)),
    ("diag_part_square", lambda tf, a: tf.diag_part(a)),
    ("matrix_set_diag", lambda tf, a: tf.matrix_set_diag(a, tf.zeros([5]))),
    ("softmax_axis", lambda tf, a: tf.nn.softmax(a, axis=5)),
    ("bias_add_dims", lambda tf, a: tf.nn.bias_add(a, tf.zeros([5]))),
    ("reverse_sequence_batch", lambda tf, a: tf.reverse_sequence(a, [1, 1, 1], 1, 0)),
    ("roll_axis", lambda tf, a: tf.manip.roll(a, [1], [5])),
    # -- convolution / pooling / space_to_batch ----------------------------------------------
    (
        "conv2d_negative",
        lambda tf, a: tf.nn.conv2d(
            tf.zeros([1, 2, 2, 1]), tf.zeros([3, 3, 1, 1]), [1, 1, 1, 1], "VALID"
        ),
    ),
    (
        "conv2d_channels",
        lambda tf, a: tf.nn.conv2d(
            tf.zeros([1, 4, 4, 2]), tf.zeros([3, 3, 1, 1]), [1, 1, 1, 1], "SAME"
        ),
    ),
    (
        "conv2d_rank",
        lambda tf, a: tf.nn.conv2d(
            tf.zeros([4, 4, 2]), tf.zeros([3, 3, 2, 1]), [1, 1, 1, 1], "SAME"
        ),
    ),
    (
        "conv2d_transpose_channels_ok",
        lambda tf, a: tf.nn.conv2d_transpose(
            tf.zeros([1, 2, 2, 3]), tf.zeros([2, 2, 4, 3]), [1, 5, 5, 5], [1, 1, 1, 1]
        ),
    ),
    (
        "conv2d_transpose_input_channels",
        lambda tf, a: tf.nn.conv2d_transpose(
            tf.zeros([1, 2, 2, 2]), tf.zeros([2, 2, 4, 3]), [1, 5, 5, 4], [1, 1, 1, 1]
        ),
    ),
    (
        "conv2d_backprop_input_sizes",
        lambda tf, a: tf.nn.conv2d_backprop_input(
            [1, 5, 5, 5], tf.zeros([2, 2, 4, 3]), tf.zeros([1, 2, 2, 3]), [1, 1, 1, 1], "VALID"
        ),
    ),
    (
        "conv1d_channels",
        lambda tf, a: tf.nn.conv1d(tf.zeros([1, 5, 2]), tf.zeros([3, 3, 1]), 1, "SAME"),
    ),
    (
        "max_pool_negative",
        lambda tf, a: tf.nn.max_pool(tf.zeros([1, 2, 2, 1]), [1, 3, 3, 1], [1, 1, 1, 1], "VALID"),
    ),
    (
        "avg_pool_rank",
        lambda tf, a: tf.nn.avg_pool(tf.zeros([2, 2, 1]), [1, 1, 1, 1], [1, 1, 1, 1], "VALID"),
    ),
    (
        "max_pool_ksize_batch",
        lambda tf, a: tf.nn.max_pool(tf.zeros([1, 4, 4, 1]), [2, 2, 2, 1], [1, 1, 1, 1], "VALID"),
    ),
    (
        "depthwise_channels",
        lambda tf, a: tf.nn.depthwise_conv2d(
            tf.zeros([1, 4, 4, 2]), tf.zeros([3, 3, 3, 1]), [1, 1, 1, 1], "SAME"
        ),
    ),
    (
        "space_to_batch_divisible",
        lambda tf, a: tf.space_to_batch_nd(tf.zeros([1, 4, 4, 1]), [3, 3], [[0, 0], [0, 0]]),
    ),
    (
        "batch_to_space_divisible",
        lambda tf, a: tf.batch_to_space_nd(tf.zeros([4, 2, 2, 1]), [3, 3], [[0, 0], [0, 0]]),
    ),
    (
        "space_to_batch_block_zero",
        lambda tf, a: tf.space_to_batch_nd(tf.zeros([1, 4, 4, 1]), [0, 2], [[0, 0], [0, 0]]),
    ),
    (
        "space_to_batch_negative_pad",
        lambda tf, a: tf.space_to_batch_nd(tf.zeros([1, 4, 4, 1]), [2, 2], [[0, -2], [0, 0]]),
    ),
    ("depth_to_space_divisible", lambda tf, a: tf.depth_to_space(tf.zeros([1, 2, 2, 3]), 2)),
    ("space_to_depth_divisible", lambda tf, a: tf.space_to_depth(tf.zeros([1, 3, 3, 1]), 2)),
    # -- image ------------------------------------------------------------------------------
    ("resize_images_rank", lambda tf, a: tf.image.resize_images(tf.zeros([2, 2]), [3, 3])),
    (
        "resize_bilinear_minus_one",
        lambda tf, a: tf.image.resize_bilinear(tf.zeros([1, 2, 2, 1]), [-1, 2]),
    ),
    (
        "resize_bilinear_size_length",
        lambda tf, a: tf.image.resize_bilinear(tf.zeros([1, 2, 2, 1]), [2, 2, 2]),
    ),
    (
        "resize_nearest_rank",
        lambda tf, a: tf.image.resize_nearest_neighbor(tf.zeros([2, 2, 1]), [2, 2]),
    ),
    (
        "crop_to_bounding_box",
        lambda tf, a: tf.image.crop_to_bounding_box(tf.zeros([4, 4, 1]), 0, 0, 5, 5),
    ),
    (
        "pad_to_bounding_box",
        lambda tf, a: tf.image.pad_to_bounding_box(tf.zeros([4, 4, 1]), 0, 0, 2, 2),
    ),
    ("rgb_to_grayscale_channels", lambda tf, a: tf.image.rgb_to_grayscale(tf.zeros([4, 4, 2]))),
    ("adjust_brightness_ok", lambda tf, a: tf.image.adjust_brightness(a, 0.1)),
    ("flip_left_right_rank", lambda tf, a: tf.image.flip_left_right(tf.zeros([2]))),
    # -- more -----------------------------------------------------------------------------
    (
        "sum_axes_2d_300",
        lambda tf, a: tf.reduce_sum(tf.zeros([2] * 3), np.arange(300).reshape(30, 10)),
    ),
    ("transpose_perm_3d", lambda tf, a: tf.transpose(a, np.zeros([2, 2, 2], np.int32))),
    ("expand_dims_nested_axis", lambda tf, a: tf.expand_dims(a, [[-4]])),
    ("reshape_two_unknown_more", lambda tf, a: tf.reshape(a, [5, -1, 2, -1])),
    (
        "max_pool_batch_window",
        lambda tf, a: tf.nn.max_pool(tf.zeros([1, 4, 4, 2]), [1, 2, 2, 1], [2, 1, 1, 1], "VALID"),
    ),
    (
        "max_pool_depth_window",
        lambda tf, a: tf.nn.max_pool(tf.zeros([1, 4, 4, 2]), [1, 2, 2, 2], [1, 1, 1, 1], "VALID"),
    ),
    (
        "max_pool_depthwise",
        lambda tf, a: tf.nn.max_pool(tf.zeros([1, 4, 4, 2]), [1, 1, 1, 2], [1, 1, 1, 2], "VALID"),
    ),
    (
        "avg_pool_depth_window",
        lambda tf, a: tf.nn.avg_pool(tf.zeros([1, 4, 4, 2]), [1, 2, 2, 2], [1, 1, 1, 1], "VALID"),
    ),
    (
        "conv2d_groups_ok",
        lambda tf, a: tf.nn.conv2d(
            tf.zeros([1, 4, 4, 4]), tf.zeros([3, 3, 2, 4]), [1, 1, 1, 1], "SAME"
        ),
    ),
    (
        "conv2d_filter_depth",
        lambda tf, a: tf.nn.conv2d(
            tf.zeros([1, 4, 4, 4]), tf.zeros([3, 3, 3, 4]), [1, 1, 1, 1], "SAME"
        ),
    ),
    (
        "conv2d_transpose_output_rank",
        lambda tf, a: tf.nn.conv2d_transpose(
            tf.zeros([1, 2, 2, 3]), tf.zeros([2, 2, 4, 3]), [1, 5, 5], [1, 1, 1, 1]
        ),
    ),
    ("mirror_pad_three_columns", lambda tf, a: tf.pad(a, [[1, 1, 1], [0, 0, 0]], "REFLECT")),
    ("mirror_pad_rank", lambda tf, a: tf.pad(a, [[1, 1]], "SYMMETRIC")),
    ("split_negative_axis", lambda tf, a: tf.split(a, 2, -5)),
    ("slice_negative_size_from_begin", lambda tf, a: tf.slice(a, [0, 5], [1, -1])),
    ("slice_size_past_end_ok", lambda tf, a: tf.slice(a, [0, 1], [1, 5])),
    (
        "batch_to_space_crops",
        lambda tf, a: tf.batch_to_space_nd(tf.zeros([4, 2, 2, 1]), [2, 2], [[0, 5], [0, 0]]),
    ),
    (
        "batch_to_space_negative_crops",
        lambda tf, a: tf.batch_to_space_nd(tf.zeros([4, 2, 2, 1]), [2, 2], [[0, -1], [0, 0]]),
    ),
    ("gather_indices_axis_ok", lambda tf, a: tf.gather(a, [[0, 1]], axis=1)),
    ("gather_batch_dims", lambda tf, a: tf.gather(a, [0], axis=2)),
    ("gather_nd_rank", lambda tf, a: tf.gather_nd(a, 0)),
    ("segment_mean_ids_rank", lambda tf, a: tf.segment_mean(a, [[0, 0]])),
    ("segment_max_ids_length", lambda tf, a: tf.segment_max(a, [0])),
    ("unsorted_segment_max_num_rank", lambda tf, a: tf.unsorted_segment_max(a, [0, 1], [2, 2])),
    ("unsorted_segment_sum_ids_prefix", lambda tf, a: tf.unsorted_segment_sum(a, [[0, 1, 1]], 2)),
    ("sparse_segment_sum_ids", lambda tf, a: tf.sparse_segment_sum(a, [0, 1], [0])),
    ("one_hot_axis", lambda tf, a: tf.one_hot([0, 1], 3, axis=-2)),
    ("one_hot_float_indices", lambda tf, a: tf.one_hot([0.0, 1.0], 3)),
    ("tile_scalar_multiples", lambda tf, a: tf.tile(a, 2)),
    ("tile_multiples_int64", lambda tf, a: tf.tile(a, tf.constant([1, 2, 3], tf.int64))),
    ("concat_scalars", lambda tf, a: tf.concat([tf.constant(1.0), tf.constant(2.0)], 0)),
    ("stack_ranks", lambda tf, a: tf.stack([a, tf.zeros([2])], axis=1)),
    ("unstack_unknown_num", lambda tf, a: tf.unstack(tf.placeholder(tf.float32))),
    ("matmul_batch_rank", lambda tf, a: tf.matmul(tf.zeros([2, 2, 3]), tf.zeros([3, 2]))),
    ("matmul_scalar", lambda tf, a: tf.matmul(tf.constant(1.0), a)),
    (
        "reduce_mean_placeholder_axis_ok",
        lambda tf, a: tf.reduce_mean(a, tf.placeholder(tf.int32, [None])),
    ),
    ("argmax_axis_vector", lambda tf, a: tf.argmax(a, [0, 1])),
    ("cumsum_axis_vector", lambda tf, a: tf.cumsum(a, [0])),
    ("range_limit_rank", lambda tf, a: tf.range(tf.zeros([2], tf.int32))),
    ("fill_shape_placeholder_ok", lambda tf, a: tf.fill(tf.placeholder(tf.int32, [2]), 1.0)),
    ("fill_packed_negative", lambda tf, a: tf.fill([tf.placeholder(tf.int32, []), -3], 1.0)),
    ("reshape_packed_negative", lambda tf, a: tf.reshape(a, [tf.placeholder(tf.int32, []), -3])),
    ("reshape_shape_of", lambda tf, a: tf.reshape(a, tf.shape(tf.zeros([4, 2])))),
    (
        "reshape_partial_shape_of",
        lambda tf, a: tf.reshape(a, tf.shape(tf.placeholder(tf.float32, [None, 4]))),
    ),
    (
        "strided_slice_placeholder_begin",
        lambda tf, a: tf.strided_slice(a, tf.placeholder(tf.int32, [3]), [1, 1, 1]),
    ),
    ("split_num_placeholder_axis", lambda tf, a: tf.split(a, 4, tf.placeholder(tf.int32, []))),
    ("image_crop_central_fraction", lambda tf, a: tf.image.central_crop(tf.zeros([4, 4, 1]), 1.5)),
    (
        "image_per_image_standardization_rank",
        lambda tf, a: tf.image.per_image_standardization(tf.zeros([2])),
    ),
    (
        "image_resize_with_crop_or_pad_rank",
        lambda tf, a: tf.image.resize_image_with_crop_or_pad(tf.zeros([2]), 2, 2),
    ),
    (
        "image_extract_glimpse_rank",
        lambda tf, a: tf.image.extract_glimpse(tf.zeros([2, 4, 4]), [2, 2], tf.zeros([2, 2])),
    ),
    (
        "image_crop_and_resize_boxes",
        lambda tf, a: tf.image.crop_and_resize(
            tf.zeros([1, 4, 4, 1]), tf.zeros([2, 3]), [0, 0], [2, 2]
        ),
    ),
    ("image_random_crop_size", lambda tf, a: tf.image.random_crop(tf.zeros([4, 4, 1]), [5, 5, 1])),
    # -- losses, nn, linalg, image, random ------------------------------------------------
    ("gather_float_indices", lambda tf, a: tf.gather(a, [0.5])),
    (
        "conv3d_depth",
        lambda tf, a: tf.nn.conv3d(
            tf.zeros([1, 4, 4, 4, 2]), tf.zeros([2, 2, 2, 3, 1]), [1, 1, 1, 1, 1], "SAME"
        ),
    ),
    ("conv1d_rank", lambda tf, a: tf.nn.conv1d(tf.zeros([5, 2]), tf.zeros([3, 2, 1]), 1, "SAME")),
    ("matmul_transpose_b", lambda tf, a: tf.matmul(a, a, transpose_b=False, transpose_a=False)),
    ("batch_matmul_broadcast", lambda tf, a: tf.matmul(tf.zeros([2, 2, 3]), tf.zeros([3, 3, 4]))),
    (
        "softmax_xent_shapes",
        lambda tf, a: tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.zeros([2, 4]), logits=a),
    ),
    (
        "sparse_softmax_xent_rank",
        lambda tf, a: tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=tf.zeros([2, 3], tf.int32), logits=a
        ),
    ),
    (
        "sparse_softmax_xent_dims",
        lambda tf, a: tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=tf.zeros([3], tf.int32), logits=a
        ),
    ),
    ("mse_shapes", lambda tf, a: tf.losses.mean_squared_error(a, tf.zeros([3, 2]))),
    ("embedding_lookup_float", lambda tf, a: tf.nn.embedding_lookup(a, [0.0])),
    ("dense_rank1", lambda tf, a: tf.layers.dense(tf.zeros([3]), 2)),
    (
        "resize_bicubic_int64",
        lambda tf, a: tf.image.resize_bicubic(
            tf.zeros([1, 2, 2, 1]), tf.constant([2, 2], tf.int64)
        ),
    ),
    ("flip_up_down_rank", lambda tf, a: tf.image.flip_up_down(tf.zeros([2]))),
    ("rot90_rank", lambda tf, a: tf.image.rot90(tf.zeros([2]))),
    ("adjust_contrast_rank", lambda tf, a: tf.image.adjust_contrast(a, 0.5)),
    ("grayscale_to_rgb_channels", lambda tf, a: tf.image.grayscale_to_rgb(tf.zeros([2, 2, 2]))),
    ("hsv_to_rgb_channels", lambda tf, a: tf.image.hsv_to_rgb(tf.zeros([2, 2, 2]))),
    ("rgb_to_hsv_channels", lambda tf, a: tf.image.rgb_to_hsv(tf.zeros([2, 2, 4]))),
    ("nms_boxes", lambda tf, a: tf.image.non_max_suppression(tf.zeros([3, 3]), tf.zeros([3]), 2)),
    ("nms_scores", lambda tf, a: tf.image.non_max_suppression(tf.zeros([3, 4]), tf.zeros([2]), 2)),
    (
        "draw_boxes_rank",
        lambda tf, a: tf.image.draw_bounding_boxes(tf.zeros([2, 2, 3]), tf.zeros([1, 1, 4])),
    ),
    ("space_to_depth_block1", lambda tf, a: tf.space_to_depth(tf.zeros([1, 2, 2, 1]), 1)),
    ("segment_sum_float_ids", lambda tf, a: tf.segment_sum(a, [0.0, 1.0])),
    ("unsorted_segment_mean_ids", lambda tf, a: tf.unsorted_segment_mean(a, [0, 1, 1], 2)),
    ("scatter_nd_index_depth", lambda tf, a: tf.scatter_nd([[0, 0, 0]], [1.0], [2, 3])),
    ("gather_nd_depth", lambda tf, a: tf.gather_nd(a, [[0, 0, 0, 0]])),
    ("batch_gather_rank", lambda tf, a: tf.batch_gather(a, [0, 1])),
    ("matrix_inverse_square", lambda tf, a: tf.matrix_inverse(a)),
    ("cholesky_square", lambda tf, a: tf.cholesky(a)),
    ("matrix_determinant_rank", lambda tf, a: tf.matrix_determinant(tf.zeros([3]))),
    ("cross_shapes", lambda tf, a: tf.cross(tf.zeros([2, 3]), tf.zeros([3, 3]))),
    ("cross_last", lambda tf, a: tf.cross(a[:, :2], a[:, :2])),
    ("fft_float", lambda tf, a: tf.fft(a)),
    ("rfft_rank", lambda tf, a: tf.spectral.rfft2d(tf.zeros([3]))),
    ("moments_axes", lambda tf, a: tf.nn.moments(a, [2])),
    ("l2_normalize_axis", lambda tf, a: tf.nn.l2_normalize(a, 3)),
    ("dropout_noise_shape", lambda tf, a: tf.nn.dropout(a, 0.5, noise_shape=[3, 3])),
    ("lrn_rank", lambda tf, a: tf.nn.lrn(a)),
    (
        "fused_batch_norm_rank",
        lambda tf, a: tf.nn.fused_batch_norm(a, tf.zeros([3]), tf.zeros([3])),
    ),
    (
        "fused_batch_norm_scale",
        lambda tf, a: tf.nn.fused_batch_norm(tf.zeros([1, 2, 2, 3]), tf.zeros([4]), tf.zeros([4])),
    ),
    ("bias_add_rank1", lambda tf, a: tf.nn.bias_add(tf.zeros([3]), tf.zeros([3]))),
    ("sequence_mask_rank", lambda tf, a: tf.sequence_mask(a)),
    ("where_one_arg_ok", lambda tf, a: tf.where(tf.zeros([2, 3], tf.bool))),
    ("clip_by_value_shapes", lambda tf, a: tf.clip_by_value(a, tf.zeros([4]), 1.0)),
    (
        "separable_conv_channels",
        lambda tf, a: tf.nn.separable_conv2d(
            tf.zeros([1, 4, 4, 2]),
            tf.zeros([3, 3, 3, 1]),
            tf.zeros([1, 1, 3, 4]),
            [1, 1, 1, 1],
            "SAME",
        ),
    ),
    (
        "pad_constant_values_rank",
        lambda tf, a: tf.pad(a, [[1, 1], [1, 1]], constant_values=[1.0, 2.0]),
    ),
    ("top_k_tensor_k", lambda tf, a: tf.nn.top_k(a, tf.constant(7))),
    ("bincount_float", lambda tf, a: tf.bincount(a)),
    ("pool_window_rank", lambda tf, a: tf.nn.pool(tf.zeros([1, 4, 4, 1]), [2], "MAX", "VALID")),
    (
        "atrous_conv_channels",
        lambda tf, a: tf.nn.atrous_conv2d(
            tf.zeros([1, 5, 5, 2]), tf.zeros([3, 3, 3, 1]), 2, "SAME"
        ),
    ),
    ("log_softmax_axis", lambda tf, a: tf.nn.log_softmax(a, axis=-3)),
    ("reduce_logsumexp_axis", lambda tf, a: tf.reduce_logsumexp(a, 2)),
    ("norm_axis", lambda tf, a: tf.norm(a, axis=3)),
    ("diag_rank", lambda tf, a: tf.diag(tf.zeros([]))),
    ("matrix_band_part_rank", lambda tf, a: tf.matrix_band_part(tf.zeros([3]), 1, 1)),
    ("trace_rank", lambda tf, a: tf.trace(tf.zeros([3]))),
    ("matrix_transpose_rank", lambda tf, a: tf.matrix_transpose(tf.zeros([3]))),
    ("cumsum_axis_tensor", lambda tf, a: tf.cumsum(a, tf.constant(3))),
    ("argmax_int64_axis", lambda tf, a: tf.argmax(a, tf.constant(5, tf.int64))),
    ("stack_zero_ok", lambda tf, a: tf.stack([a])),
    ("concat_one_ok", lambda tf, a: tf.concat([a], 5)),
    ("unstack_negative_axis", lambda tf, a: tf.unstack(a, axis=-3)),
    ("split_zero", lambda tf, a: tf.split(a, 0, 1)),
    ("one_hot_axis_too_big", lambda tf, a: tf.one_hot([0, 1], 3, axis=3)),
    ("slice_int64_begin", lambda tf, a: tf.slice(a, tf.constant([0, 0], tf.int64), [1, 1])),
    ("strided_slice_shrink_oob", lambda tf, a: tf.strided_slice(a, [5], [6], shrink_axis_mask=1)),
    ("tile_placeholder_rank", lambda tf, a: tf.tile(tf.placeholder(tf.float32), [2, 2])),
    (
        "reshape_placeholder_divisible",
        lambda tf, a: tf.reshape(tf.placeholder(tf.float32, [None, 3]), [-1, 2]),
    ),
    (
        "reshape_placeholder_equal",
        lambda tf, a: tf.reshape(tf.placeholder(tf.float32, [None, 3]), [-1, 3]),
    ),
    ("fill_rank_unknown_dims", lambda tf, a: tf.fill(tf.placeholder(tf.int32), 1.0)),
    ("expand_dims_two", lambda tf, a: tf.expand_dims(a, [0, 1])),
    ("random_uniform_shape_float", lambda tf, a: tf.random_uniform([2.0, 3.0])),
    ("multinomial_rank", lambda tf, a: tf.multinomial(tf.zeros([3]), 2)),
    ("random_shuffle_ok", lambda tf, a: tf.random_shuffle(a)),
    ("random_crop_rank", lambda tf, a: tf.random_crop(a, [1, 1, 1])),
    (
        "image_crop_offset_negative",
        lambda tf, a: tf.image.crop_to_bounding_box(tf.zeros([4, 4, 1]), -1, 0, 2, 2),
    ),
    (
        "image_pad_offset",
        lambda tf, a: tf.image.pad_to_bounding_box(tf.zeros([4, 4, 1]), 3, 0, 5, 5),
    ),
    ("image_central_crop_rank", lambda tf, a: tf.image.central_crop(tf.zeros([4]), 0.5)),
    (
        "image_resize_size_rank",
        lambda tf, a: tf.image.resize_images(tf.zeros([1, 2, 2, 1]), [[2, 2]]),
    ),
    ("image_total_variation_rank", lambda tf, a: tf.image.total_variation(tf.zeros([2]))),
    (
        "image_ssim_shapes",
        lambda tf, a: tf.image.ssim(tf.zeros([1, 16, 16, 1]), tf.zeros([1, 16, 16, 3]), 1.0),
    ),
    (
        "image_psnr_shapes",
        lambda tf, a: tf.image.psnr(tf.zeros([1, 4, 4, 1]), tf.zeros([1, 4, 4, 3]), 1.0),
    ),
    ("image_sobel_rank", lambda tf, a: tf.image.sobel_edges(tf.zeros([4, 4, 1]))),
]


def _make(fn):
    def case(tf):
        return _outcome(tf, fn)

    return case


for _name, _fn in _CASES:
    globals()["case_" + _name] = _make(_fn)


def cases(tf):
    out = {}
    for name, _ in _CASES:
        tf.reset_default_graph()
        out[name] = globals()["case_" + name](tf)
    return out
