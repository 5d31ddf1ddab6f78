"""Golden cases for array/indexing/sparse ops: code strings run with `tf` = TF 1.14 or flowgrad.

Each string builds a graph; `out` is what is compared (and `feed`, when present,
is passed to `Session.run`).
"""
P = "x = tf.placeholder(tf.float32, [None, 3, 4])\n"
U = "u = tf.placeholder(tf.float32)\n"

SHAPE_CASES = {
    "transpose_default": P + "out = tf.transpose(x)",
    "transpose_perm": P + "out = tf.transpose(x, [1, 0, 2])",
    "transpose_unknown_rank": U + "out = tf.transpose(u)",
    "transpose_unknown_perm": P + "out = tf.transpose(x, tf.placeholder(tf.int32, [3]))",
    "expand_dims_last": P + "out = tf.expand_dims(x, -1)",
    "expand_dims_0": P + "out = tf.expand_dims(x, 0)",
    "expand_dims_dim_kw": P + "out = tf.expand_dims(x, dim=2)",
    "expand_dims_unknown": U + "out = tf.expand_dims(u, 0)",
    "squeeze_all_known": "out = tf.squeeze(tf.zeros([1, 2, 1, 3]))",
    "squeeze_unknown": "out = tf.squeeze(tf.placeholder(tf.float32, [1, None, 1]))",
    "squeeze_axis_unknown": "out = tf.squeeze(tf.placeholder(tf.float32, [1, None, 1]), [0])",
    "squeeze_neg": "out = tf.squeeze(tf.zeros([2, 1]), axis=-1)",
    "concat_0": P + "out = tf.concat([x, x], 0)",
    "concat_neg": P + "out = tf.concat([x, x], -1)",
    "concat_partial": "out = tf.concat([tf.placeholder(tf.float32, [None, 3]), "
                      "tf.placeholder(tf.float32, [2, None])], 0)",
    "concat_unknown_axis": P + "out = tf.concat([x, x], tf.placeholder(tf.int32, []))",
    "concat_unknown_rank": U + "out = tf.concat([u, tf.zeros([2, 3])], 1)",
    "concat_one": P + "out = tf.concat([x], 1)",
    "stack_1": P + "out = tf.stack([x, x], 1)",
    "stack_neg": P + "out = tf.stack([x, x, x], -1)",
    "stack_merge": "out = tf.stack([tf.placeholder(tf.float32, [None, 3]), "
                   "tf.placeholder(tf.float32, [2, None])])",
    "stack_consts": "out = tf.stack([1, 2, 3])",
    "unstack_axis1": P + "out = tf.unstack(x, axis=1)",
    "unstack_num": "out = tf.unstack(tf.placeholder(tf.float32, [None, 2]), num=3)",
    "split_sizes": P + "out = tf.split(x, [1, -1], 2)",
    "split_num": P + "out = tf.split(x, 2, 2)",
    "split_unknown_dim": P + "out = tf.split(x, [1, 2], 0)",
    "split_tensor_sizes": P + "out = tf.split(x, tf.constant([3, 1]), 2)",
    "slice_minus1": P + "out = tf.slice(x, [0, 1, 0], [-1, 2, -1])",
    "slice_unknown_begin": P + "out = tf.slice(x, tf.placeholder(tf.int32, [3]), [1, 2, 3])",
    "gather_axis1": P + "out = tf.gather(x, [1, 2], axis=1)",
    "gather_unknown_idx": P + "out = tf.gather(x, tf.placeholder(tf.int32, [None, 2]))",
    "gather_neg_axis": P + "out = tf.gather(x, [[0]], axis=-1)",
    "gather_scalar_idx": P + "out = tf.gather(x, 1, axis=2)",
    "gather_nd_1": P + "out = tf.gather_nd(x, [[0, 1]])",
    "gather_nd_full": P + "out = tf.gather_nd(x, [[0, 1, 2], [1, 2, 3]])",
    "gather_nd_unknown": P + "out = tf.gather_nd(x, tf.placeholder(tf.int32, [None, 2]))",
    "scatter_nd": "out = tf.scatter_nd([[1], [3]], tf.ones([2, 5]), [4, 5])",
    "scatter_nd_unknown": "out = tf.scatter_nd([[1]], tf.ones([1, 3]), "
                          "tf.placeholder(tf.int32, [2]))",
    "tile": P + "out = tf.tile(x, [2, 1, 3])",
    "tile_unknown": P + "out = tf.tile(x, tf.placeholder(tf.int32, [3]))",
    "pad": P + "out = tf.pad(x, [[1, 1], [0, 0], [2, 0]])",
    "pad_v2": P + "out = tf.pad(x, [[1, 1], [0, 0], [2, 0]], constant_values=3.0)",
    "pad_reflect": P + "out = tf.pad(x, [[0, 0], [1, 2], [3, 0]], 'REFLECT')",
    "pad_unknown": P + "out = tf.pad(x, tf.placeholder(tf.int32, [3, 2]))",
    "reverse": P + "out = tf.reverse(x, [1, -1])",
    "one_hot": "out = tf.one_hot([1, 2], 3)",
    "one_hot_axis0": "out = tf.one_hot(tf.placeholder(tf.int32, [None]), 4, axis=0)",
    "one_hot_dtype": "out = tf.one_hot([[1, 2]], 3, on_value=5, off_value=-1)",
    "one_hot_f64": "out = tf.one_hot([1], 2, dtype=tf.float64)",
    "boolean_mask": P + "out = tf.boolean_mask(x, tf.placeholder(tf.bool, [None, 3]))",
    "boolean_mask_axis": P + "out = tf.boolean_mask(x, tf.placeholder(tf.bool, [3]), axis=1)",
    "boolean_mask_static": "out = tf.boolean_mask(tf.zeros([2, 3, 4]), "
                           "tf.placeholder(tf.bool, [2, 3]))",
    "where1": "out = tf.where(tf.placeholder(tf.bool, [None, 3]))",
    "where3": "out = tf.where(tf.placeholder(tf.bool, [2]), tf.zeros([2, 3]), tf.ones([2, 3]))",
    "sequence_mask": "out = tf.sequence_mask([1, 2])",
    "sequence_mask_maxlen": "out = tf.sequence_mask([[1], [2]], 4, dtype=tf.float32)",
    "unique": "out = tf.unique([1, 2, 1])",
    "unique_int64": "out = tf.unique(tf.constant([1., 2.]), out_idx=tf.int64)",
    "eye": "out = tf.eye(3, batch_shape=[2])",
    "eye_rect": "out = tf.eye(2, 4, dtype=tf.int32)",
    "linspace": "out = tf.linspace(0., 1., 5)",
    "lin_space_f64": "out = tf.lin_space(tf.constant(0., tf.float64), 1., 3)",
    "size": P + "out = tf.size(x)",
    "size_int64": "out = tf.size(tf.zeros([2, 3]), out_type=tf.int64)",
    "shape": P + "out = tf.shape(x)",
    "shape_n": P + "out = tf.shape_n([x, tf.zeros([2])], out_type=tf.int64)",
    "rank": P + "out = tf.rank(x)",
    "range_int": "out = tf.range(3, 18, 3)",
    "range_float": "out = tf.range(0., 1., 0.3)",
    "range_mixed": "out = tf.range(tf.constant(2, tf.int64), 5)",
    "reshape_infer": P + "out = tf.reshape(x, [-1, 12])",
    "reshape_partial": P + "out = tf.reshape(x, [tf.shape(x)[0], 2, -1])",
    "reshape_known": "out = tf.reshape(tf.zeros([2, 6]), [3, -1])",
    "zeros_dynamic": P + "out = tf.zeros(tf.shape(x))",
    "fill_dims": "out = tf.fill([2, 3], 9)",
    "broadcast_to": "out = tf.broadcast_to(tf.zeros([3]), [2, 3])",
    "identity_n": P + "out = tf.identity_n([x, tf.zeros([2], tf.int32)])",
    "stop_gradient": P + "out = tf.stop_gradient(x)",
    "sort": P + "out = tf.sort(x, axis=1)",
    "argsort": P + "out = tf.argsort(x, direction='DESCENDING')",
    "ss_newaxis": P + "out = x[..., tf.newaxis, ::-1]",
    "ss_shrink": P + "out = x[1]",
    "ss_unknown_slice": P + "out = x[1:3]",
    "ss_known_slices": P + "out = x[:, 1:, -3:-1]",
    "ss_neg_step": P + "out = x[:, ::-2, 3:0:-2]",
    "ss_out_of_range_slice": P + "out = x[:, 10:, -10:2]",
    "ss_tensor_index": P + "out = x[:, tf.placeholder(tf.int32, [])]",
    "ss_tensor_slice": P + "out = x[:, tf.placeholder(tf.int32, []):]",
    "ss_unknown_rank": U + "out = u[1, ..., 2]",
    "ss_int64_tensor": P + "out = x[tf.constant(1, tf.int64)]",
    "segment_sum": "out = tf.segment_sum(tf.zeros([4, 3]), [0, 0, 1, 3])",
    "unsorted_segment_sum": "out = tf.unsorted_segment_sum(tf.zeros([4, 3]), [0, 0, 1, 3], 5)",
    "unsorted_segment_sum_2d": "out = tf.unsorted_segment_sum(tf.zeros([2, 4, 3]), "
                               "tf.zeros([2, 4], tf.int32), 7)",
    "invert_permutation": "out = tf.invert_permutation([2, 0, 1])",

    # static shapes of gradients through unknown dims
    "grad_concat": "x = tf.placeholder(tf.float32, [None, 3])\ny = tf.placeholder(tf.float32, "
                   "[None, 2])\nout = tf.gradients(tf.concat([x, y], 1), [x, y])",
    "grad_slice": P + "out = tf.gradients(tf.slice(x, [0, 1, 0], [-1, 1, 2]), x)",
    "grad_pad": P + "out = tf.gradients(tf.pad(x, [[1, 1], [0, 0], [2, 0]]), x)",
    "grad_mirror_pad": P + "out = tf.gradients(tf.pad(x, [[0, 0], [1, 1], [2, 0]], 'REFLECT'), x)",
    "grad_tile": P + "out = tf.gradients(tf.tile(x, [2, 1, 3]), x)",
    "grad_transpose": P + "out = tf.gradients(tf.transpose(x), x)",
    "grad_gather_axis1": P + "out = tf.gradients(tf.gather(x, [0, 0], axis=1), x)",
    "grad_gather_nd": P + "out = tf.gradients(tf.gather_nd(x, [[0, 1]]), x)",
    "grad_reverse": P + "out = tf.gradients(tf.reverse(x, [1]), x)",
    "grad_ss": P + "out = tf.gradients(x[:, 1:, ::2], x)",
    "grad_split": P + "out = tf.gradients(tf.split(x, [1, 3], 2)[1], x)",
    "grad_unstack": P + "out = tf.gradients(tf.unstack(x, axis=1)[0], x)",
    "grad_stack": P + "out = tf.gradients(tf.stack([x, x], 1), x)",
    "grad_reshape": P + "out = tf.gradients(tf.reshape(x, [-1]), x)",
    "grad_expand_squeeze": P + "out = tf.gradients(tf.squeeze(tf.expand_dims(x, 0)), x)",
    "grad_select": P + "out = tf.gradients(tf.where(x > 0, x, -x), x)",
    "grad_broadcast_to": "x = tf.placeholder(tf.float32, [None, 1])\n"
                         "out = tf.gradients(tf.broadcast_to(x, [2, 3]), x)",
    "grad_unsorted_segment_sum": "x = tf.placeholder(tf.float32, [None, 2])\n"
                                 "out = tf.gradients(tf.unsorted_segment_sum(x, [0, 1, 0], 4), x)",
}

NAME_CASES = {
    "masks": "x = tf.placeholder(tf.float32, [None, 3, 4])\n"
             "tf.boolean_mask(x, tf.placeholder(tf.bool, [None, 3]))\n"
             "tf.boolean_mask(tf.zeros([2, 3]), [True, False, True], axis=1)\n"
             "tf.sequence_mask([1, 2])\ntf.sequence_mask([1, 2], 4, dtype=tf.float32)",
    "more": "x = tf.placeholder(tf.float32, [4, 4])\nn = tf.placeholder(tf.int32, [])\n"
            "tf.fill([2, 3], 9)\ntf.broadcast_to(x, [2, 4, 4])\ntf.range(5)\ntf.range(n)\n"
            "tf.range(0., 1., 0.5)\ntf.linspace(0., 1., 3)\ntf.reshape(x, [16])\n"
            "tf.reshape(x, [n, -1])\ntf.stack([x, x], axis=1)\ntf.split(x, tf.constant([1, 3]))\n"
            "tf.one_hot([1], 2, dtype=tf.int32)\ntf.identity_n([x, x])\ntf.stop_gradient(x)\n"
            "tf.shape_n([x])\ntf.unique([1, 2])\ntf.scatter_nd([[1]], [2.], [3])\n"
            "tf.invert_permutation([1, 0])\ntf.pad(x, [[1, 1], [0, 0]], constant_values=1.)\n"
            "tf.pad(x, [[1, 1], [0, 0]], 'SYMMETRIC')\ntf.sort(x)\ntf.argsort(x, axis=0)",
    "like": "x = tf.placeholder(tf.float32, [2, 3])\nu = tf.placeholder(tf.float32, [None])\n"
            "tf.zeros_like(x)\ntf.zeros_like(u)\ntf.ones_like(x)\ntf.ones_like(u)\n"
            "tf.zeros_like(u, dtype=tf.int32)\ntf.zeros_like(x, optimize=False)\n"
            "tf.zeros([40, 40])\ntf.ones(tf.shape(u), tf.int64)\ntf.zeros([2], tf.bool)",
    "getitem_tensor": "x = tf.placeholder(tf.float32, [3, 4])\nt = tf.placeholder(tf.int32, [])\n"
                      "a = x[t]\nb = x[1:t]\nc = x[..., tf.newaxis, ::-1]",
    "transpose": "x = tf.placeholder(tf.float32, [3, 4])\ntf.transpose(x)\n"
                 "tf.transpose(tf.placeholder(tf.float32))",
    "concat_stack_split": "x = tf.placeholder(tf.float32, [4, 4])\ntf.concat([x, x], 0)\n"
                          "tf.concat([x], 0)\ntf.stack([x, x])\ntf.unstack(x)\n"
                          "tf.split(x, 2)\ntf.split(x, [1, 3], 1)",
    "misc": "x = tf.placeholder(tf.float32, [4, 4])\ntf.expand_dims(x, 0)\ntf.squeeze(x)\n"
            "tf.slice(x, [0, 0], [1, 1])\ntf.gather(x, [1])\ntf.gather_nd(x, [[1, 1]])\n"
            "tf.tile(x, [1, 2])\ntf.pad(x, [[1, 1], [0, 0]])\ntf.reverse(x, [0])\n"
            "tf.one_hot([1], 2)\ntf.where(tf.placeholder(tf.bool, [4]))\ntf.size(x)\n"
            "tf.rank(x)\ntf.shape(x)",
}

ERROR_CASES = {
    "concat_mismatch": "tf.concat([tf.zeros([2, 3]), tf.zeros([3, 3])], 1)",
    "concat_rank": "tf.concat([tf.zeros([2, 3]), tf.zeros([3])], 0)",
    "concat_axis_range": "tf.concat([tf.zeros([2, 3]), tf.zeros([2, 3])], 2)",
    "concat_dtype": "tf.concat([tf.zeros([2]), tf.zeros([2], tf.int32)], 0)",
    "reshape_incompatible": "tf.reshape(tf.zeros([2, 3]), [4])",
    "reshape_infer_bad": "tf.reshape(tf.zeros([2, 3]), [4, -1])",
    "stack_shapes": "tf.stack([tf.zeros([2]), tf.zeros([3])])",
    "stack_axis": "tf.stack([tf.zeros([2]), tf.zeros([2])], axis=3)",
    "unstack_num_unknown": "tf.unstack(tf.placeholder(tf.float32, [None, 3]))",
    "split_uneven": "tf.split(tf.zeros([3, 4]), 2)",
    "split_sizes_bad": "tf.split(tf.zeros([3, 4]), [1, 1], 0)",
    "expand_dims_range": "tf.expand_dims(tf.zeros([2, 3]), 4)",
    "squeeze_not_one": "tf.squeeze(tf.zeros([2, 3]), [1])",
    "transpose_perm_len": "tf.transpose(tf.zeros([2, 3]), [0, 1, 2])",
    "gather_axis": "tf.gather(tf.zeros([2, 3]), [0], axis=2)",
    "gather_nd_too_deep": "tf.gather_nd(tf.zeros([2, 2]), [[0, 1, 2]])",
    "gather_float_idx": "tf.gather(tf.zeros([2, 3]), tf.constant([0.]))",
    "tile_len": "tf.tile(tf.zeros([2, 3]), [1, 2, 3])",
    "pad_shape": "tf.pad(tf.zeros([2, 3]), [[1, 1]])",
    "one_hot_dtype_mismatch": "tf.one_hot([1], 2, on_value=1., off_value=0)",
    "boolean_mask_scalar": "tf.boolean_mask(tf.zeros([2]), True)",
    "boolean_mask_unknown_rank": "tf.boolean_mask(tf.zeros([2]), tf.placeholder(tf.bool))",
    "boolean_mask_shape": "tf.boolean_mask(tf.zeros([2, 3]), tf.zeros([2, 4], tf.bool))",
    "ss_oob": "tf.zeros([3, 4])[5]",
    "ss_oob_neg": "tf.zeros([3, 4])[:, -5]",
    "ss_too_many": "tf.zeros([3, 4])[1, 2, 3]",
    "ss_zero_step": "tf.zeros([3, 4])[::0]",
    "ss_float_index": "tf.zeros([3, 4])[1.5]",
    "ss_float_tensor": "tf.zeros([3, 4])[tf.constant(1.)]",
    "sort_direction": "tf.sort([1, 2], direction='UP')",
    "sort_axis_tensor": "tf.sort([1, 2], axis=tf.placeholder(tf.int32, []))",
    "where_one_of": "tf.where([True], [1.])",
    "scatter_nd_updates": "tf.scatter_nd([[1], [2]], tf.ones([3, 4]), [5, 4])",
    "segment_ids_dtype": "tf.unsorted_segment_sum(tf.zeros([2]), tf.constant([0., 1.]), 2)",
}

RUNTIME_ERROR_CASES = {
    "gather_oob": "x = tf.placeholder(tf.float32, [None, 4])\nout = tf.gather(x, [7])\n"
                  "feed = {x: np.zeros((3, 4))}",
    "gather_oob_2d": "x = tf.placeholder(tf.float32, [None])\nout = tf.gather(x, [[0, 1], [5, 0]])"
                     "\nfeed = {x: np.zeros(3)}",
    "gather_negative": "x = tf.placeholder(tf.float32, [None])\nout = tf.gather(x, [-1])\n"
                       "feed = {x: np.zeros(3)}",
    "ss_oob": "x = tf.placeholder(tf.float32, [None, 4])\nout = x[5]\n"
              "feed = {x: np.zeros((3, 4))}",
    "reshape_bad": "x = tf.placeholder(tf.float32, [None])\nout = tf.reshape(x, [2, 2])\n"
                   "feed = {x: np.zeros(3)}",
    "reshape_bad_infer": "x = tf.placeholder(tf.float32, [None])\nout = tf.reshape(x, [2, -1])\n"
                         "feed = {x: np.zeros(3)}",
    "concat_bad": "x = tf.placeholder(tf.float32, [None, 3])\ny = tf.placeholder(tf.float32, "
                  "[2, None])\nout = tf.concat([x, y], 0)\n"
                  "feed = {x: np.zeros((1, 3)), y: np.zeros((2, 4))}",
    "gather_nd_oob": "x = tf.placeholder(tf.float32, [None, 3])\n"
                     "out = tf.gather_nd(x, [[0, 5]])\nfeed = {x: np.zeros((2, 3))}",
    "slice_oob": "x = tf.placeholder(tf.float32, [None])\nout = tf.slice(x, [1], [5])\n"
                 "feed = {x: np.zeros(3)}",
    "split_uneven": "x = tf.placeholder(tf.float32, [None])\nout = tf.split(x, 2)\n"
                    "feed = {x: np.zeros(3)}",
    "unsorted_segment_oob": "x = tf.placeholder(tf.float32, [None])\n"
                            "out = tf.unsorted_segment_sum(x, [0, 4], 3)\n"
                            "feed = {x: np.zeros(2)}",
    "segment_unsorted": "x = tf.placeholder(tf.float32, [None])\n"
                        "out = tf.segment_sum(x, [1, 0])\nfeed = {x: np.zeros(2)}",
    "squeeze_bad": "x = tf.placeholder(tf.float32, [None])\nout = tf.squeeze(x, [0])\n"
                   "feed = {x: np.zeros(3)}",
    "reshape_two_minus1": "x = tf.placeholder(tf.float32, [None])\n"
                          "out = tf.reshape(x, [-1, -1])\nfeed = {x: np.zeros(3)}",
    "transpose_bad_perm": "x = tf.placeholder(tf.float32, [2, 3])\n"
                          "out = tf.transpose(x, [0, 0])\nfeed = {x: np.zeros((2, 3))}",
    "slice_oob_static": "x = tf.placeholder(tf.float32, [2, 3])\n"
                        "out = tf.slice(x, [0, 1], [1, 3])\nfeed = {x: np.zeros((2, 3))}",
    "reflect_too_big": "x = tf.placeholder(tf.float32, [2, 3])\n"
                       "out = tf.pad(x, [[0, 0], [3, 0]], 'REFLECT')\nfeed = {x: np.zeros((2, 3))}",
    "symmetric_too_big": "x = tf.placeholder(tf.float32, [2, 3])\n"
                         "out = tf.pad(x, [[0, 0], [4, 0]], 'SYMMETRIC')\n"
                         "feed = {x: np.zeros((2, 3))}",
    "one_hot_axis": "x = tf.placeholder(tf.int32, [2])\nout = tf.one_hot(x, 3, axis=3)\n"
                    "feed = {x: [1, 2]}",
    "unstack_bad": "x = tf.placeholder(tf.float32, [None])\nout = tf.unstack(x, num=2)\n"
                   "feed = {x: np.zeros(3)}",
}

RUN_CASES = {
    "one_hot_axis0": "out = tf.one_hot([[0, 2], [-1, 1]], 3, axis=0)",
    "one_hot_axis1_onoff": "out = tf.one_hot([[0, 2], [5, 1]], 3, on_value=7, off_value=-2, "
                           "axis=1)",
    "unique": "out = list(tf.unique([4, 1, 4, 2, 1, 7]))",
    "unique_float": "out = list(tf.unique(tf.constant([3., -1., 3., 0.5])))",
    "mirror_reflect": "out = tf.pad(tf.reshape(tf.range(12.), [3, 4]), [[2, 1], [3, 2]], "
                      "'REFLECT')",
    "mirror_symmetric": "out = tf.pad(tf.reshape(tf.range(12.), [3, 4]), [[3, 1], [2, 4]], "
                        "'symmetric')",
    "pad_v2": "out = tf.pad([[1, 2]], [[1, 0], [0, 1]], constant_values=9)",
    "scatter_nd_dups": "out = tf.scatter_nd([[1], [3], [1]], [[1., 2.], [3., 4.], [5., 6.]], "
                       "[5, 2])",
    "scatter_nd_2d": "out = tf.scatter_nd([[0, 1], [2, 2]], [5, 6], [3, 3])",
    "gather_nd_slices": "out = tf.gather_nd(tf.reshape(tf.range(24), [2, 3, 4]), "
                        "[[[1, 2]], [[0, 0]]])",
    "sort_desc": "out = tf.sort([[3., 1., 2.], [0., -1., 5.]], axis=0, direction='DESCENDING')",
    "argsort_ties": "out = tf.argsort([3, 1, 3, 1, 2])",
    "argsort_desc_ties": "out = tf.argsort([3, 1, 3, 1, 2], direction='DESCENDING')",
    "sequence_mask": "out = tf.sequence_mask([[1, 3], [0, 2]])",
    "sequence_mask_maxlen": "out = tf.sequence_mask([1, 3], 5, dtype=tf.int32)",
    "segment_max_empty": "out = tf.segment_max([1., 2., 3.], [0, 0, 2])",
    "segment_mean": "out = tf.segment_mean([[1., 2.], [3., 4.], [5., 6.]], [0, 0, 3])",
    "unsorted_segment_negative": "out = tf.unsorted_segment_sum([1., 2., 3., 4.], "
                                 "[0, -1, 2, 0], 3)",
    "where_coords": "out = tf.where([[True, False], [False, True], [True, True]])",
    "boolean_mask_axis": "out = tf.boolean_mask(tf.reshape(tf.range(24), [2, 3, 4]), "
                         "[True, False, True], axis=1)",
    "eye_batch": "out = tf.eye(2, 3, batch_shape=[2])",
    "linspace": "out = tf.linspace(-1., 2., 4)",
    "linspace_one": "out = tf.linspace(3., 5., 1)",
    "range_neg": "out = tf.range(5, 1, -2)",
    "range_float": "out = tf.range(0., 1., 0.3)",
    "invert_permutation": "out = tf.invert_permutation([3, 4, 0, 2, 1])",
    "split_minus1": "out = tf.split(tf.reshape(tf.range(10), [2, 5]), [1, -1, 2], 1)",
    "tile_scalar_rank": "out = tf.tile([[1, 2]], [2, 3])",
    "reverse_multi": "out = tf.reverse(tf.reshape(tf.range(6), [2, 3]), [0, 1])",
    "shape_n": "x = tf.placeholder(tf.float32, [None, 2])\n"
               "out = tf.shape_n([x, tf.zeros([3])])\nfeed = {x: np.zeros((5, 2))}",
    "ss_dynamic": "x = tf.reshape(tf.range(20), [4, 5])\nt = tf.placeholder(tf.int32, [])\n"
                  "out = [x[t], x[1:t, ::-2], x[..., t], x[t, tf.newaxis]]\nfeed = {t: 2}",
}

INDEXED_SLICES_CASES = {
    "gather_var": "v = tf.Variable(np.arange(10.).reshape(5, 2))\n"
                  "out = tf.gradients(tf.reduce_sum(tf.gather(v, [1, 1, 3])), v)",
    "gather_and_dense": "v = tf.Variable(np.ones((5, 2)))\ny = tf.gather(v, [1, 1, 3])\n"
                        "out = tf.gradients(tf.reduce_sum(y * y) + tf.reduce_sum(v), v)",
    "gather_and_dense_reversed": "v = tf.Variable(np.ones((5, 2)))\ny = tf.gather(v, [4, 0])\n"
                                 "out = tf.gradients(tf.reduce_sum(v) + tf.reduce_sum(y * y), v)",
    "two_gathers": "v = tf.Variable(np.ones((4, 3)))\n"
                   "out = tf.gradients(tf.reduce_sum(tf.gather(v, [0, 2])) + "
                   "tf.reduce_sum(tf.gather(v, [3])), v)",
    "gather_int64_and_int32": "v = tf.Variable(np.ones((4, 3)))\n"
                              "out = tf.gradients(tf.reduce_sum(tf.gather(v, tf.constant([0], "
                              "tf.int64))) + tf.reduce_sum(tf.gather(v, [3])), v)",
    "gather_placeholder": "x = tf.placeholder(tf.float64, [None, 2])\n"
                          "out = tf.gradients(tf.reduce_sum(tf.gather(x, [[0, 1], [1, 1]])), x)\n"
                          "feed = {x: np.ones((3, 2))}",
    "gather_axis1_dense": "x = tf.placeholder(tf.float64, [2, 3])\n"
                          "out = tf.gradients(tf.reduce_sum(tf.gather(x, [2, 2, 0], axis=1)), x)\n"
                          "feed = {x: np.ones((2, 3))}",
    "gather_then_reshape": "v = tf.Variable(np.ones((4, 3)))\n"
                           "out = tf.gradients(tf.reduce_sum(tf.reshape(tf.gather(v, [1, 2]), "
                           "[-1])), v)",
    "boolean_mask": "x = tf.placeholder(tf.float64, [2, 3])\n"
                    "out = tf.gradients(tf.reduce_sum(tf.boolean_mask(x, [[True, False, True], "
                    "[False, False, True]])), x)\nfeed = {x: np.ones((2, 3))}",
    "stop_gradient": "x = tf.placeholder(tf.float64, [2])\n"
                     "out = tf.gradients(tf.reduce_sum(tf.stop_gradient(x) * x), x)\n"
                     "feed = {x: np.array([2., 3.])}",
    "unsorted_segment_sum": "x = tf.placeholder(tf.float64, [4])\n"
                            "out = tf.gradients(tf.reduce_sum(tf.unsorted_segment_sum(x, "
                            "[0, -1, 2, 0], 3) * [1., 2., 3.]), x)\nfeed = {x: np.ones(4)}",
}

INDEXED_SLICES_CASES.update({
    "concat0_then_gather": "a = tf.Variable(np.arange(6.).reshape(3, 2))\n"
                           "b = tf.Variable(np.arange(4.).reshape(2, 2))\n"
                           "y = tf.gather(tf.concat([a, b], 0), [4, 0, 3, 0])\n"
                           "out = tf.gradients(tf.reduce_sum(y * y), [a, b])",
    "concat1_then_gather": "a = tf.Variable(np.arange(6.).reshape(3, 2))\n"
                           "b = tf.Variable(np.arange(3.).reshape(3, 1))\n"
                           "y = tf.gather(tf.concat([a, b], 1), [2, 0])\n"
                           "out = tf.gradients(tf.reduce_sum(y * y), [a, b])",
})
