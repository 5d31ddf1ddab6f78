"""Static shapes TF 1.14 gives when a shape function of a sparse, indexing, joining,
image, string, codec, queue or reduction op reads an input's value: InferenceContext's
input_tensor runs the input's whole stateless constant subgraph (EvaluateConstantTensor:
`tf.constant(3) * 2`, a reduce, a Shape of a known shape; a placeholder_with_default, a
variable or a Shape with unknown dims stops it), MakeShapeFromShapeTensor also reads
shapes partially (ConstantPartialShape: Shape, Pack, Concat, StridedSlice of such).
Besides the ops' own outputs, gradients whose ops read a forward shape (StridedSliceGrad,
MirrorPadGrad, CropAndResizeGradImage, SparseSegment*Grad) and SparseTensor dense shapes
read by consumers."""


def _shape(t):
    return None if t.shape.ndims is None else t.shape.as_list()


def _shapes(ts):
    return [_shape(t) for t in ts]


def _sp(tf, shape, dtype=None):
    """A 2-D SparseTensor with two entries and the given dense shape tensor."""
    return tf.SparseTensor(tf.constant([[0, 0], [1, 2]], tf.int64),
                           tf.cast(tf.constant([1.0, 2.0]), dtype or tf.float32), shape)


def _i64(tf, t):
    return tf.cast(t, tf.int64)


def _op(tf, t):
    """The op making `t`, its static shape and the graph's op count."""
    return {"op": t.op.type, "shape": _shape(t),
            "ops": len(tf.get_default_graph().get_operations())}


def _cases(tf):
    c64 = lambda vals: tf.constant(vals, tf.int64)  # noqa: E731
    return [
        # -- SparseToDense's output_shape: MakeShapeFromShapeTensor (partial reads)
        ("sparse_to_dense_arith", lambda v: tf.sparse_to_dense(
            [[0, 0]], tf.constant([3, 4]) * 1, 1.0)),
        ("sparse_to_dense_shape_slice", lambda v: tf.sparse_to_dense(
            [[0, 0]], tf.shape(v["x"])[1:], 1.0)),
        ("sparse_to_dense_pack_partial", lambda v: tf.sparse_to_dense(
            [[0, 0]], tf.stack([tf.shape(v["x"])[1], 3]), 1.0)),
        ("sparse_to_dense_pack_unknown", lambda v: tf.sparse_to_dense(
            [[0, 0]], tf.stack([tf.shape(v["x"])[0], 3]), 1.0)),
        ("sparse_to_dense_reduce", lambda v: tf.sparse_to_dense(
            [[0]], tf.reshape(tf.reduce_prod(tf.shape(v["z"])), [1]), 1.0)),
        ("sparse_to_dense_pwd", lambda v: tf.sparse_to_dense(
            [[0, 0]], tf.placeholder_with_default([3, 4], [2]), 1.0)),
        ("sparse_tensor_to_dense_arith", lambda v: tf.sparse.to_dense(
            _sp(tf, c64([3, 4]) * 1))),
        ("sparse_tensor_to_dense_cast_shape", lambda v: tf.sparse.to_dense(
            _sp(tf, _i64(tf, tf.shape(v["z"]) + 1)))),
        ("sparse_tensor_to_dense_cast_partial", lambda v: tf.sparse.to_dense(
            _sp(tf, _i64(tf, tf.shape(v["x"])[1:])))),
        ("sparse_tensor_get_shape_arith", lambda v: _sp(tf, c64([3, 4]) * 1)),
        ("sparse_reshape_arith", lambda v: tf.sparse_reshape(
            _sp(tf, c64([3, 4])), c64([2, -1]) * 1)),
        ("sparse_reshape_to_dense", lambda v: tf.sparse.to_dense(tf.sparse_reshape(
            _sp(tf, c64([3, 4])), c64([2, -1]) * 1))),
        ("string_split_to_dense", lambda v: tf.sparse.to_dense(tf.string_split(
            tf.constant(["a b", "c"])), "")),
        ("string_split_identity_to_dense", lambda v: tf.sparse.to_dense(tf.string_split(
            tf.identity(tf.constant(["a b", "c"]))), "")),
        ("string_split_join_to_dense", lambda v: tf.sparse.to_dense(tf.string_split(
            tf.strings.join([tf.constant(["a b", "c"]), "x"])), "")),
        ("strings_split_v2_to_dense", lambda v: tf.sparse.to_dense(tf.strings.split(
            tf.identity(tf.constant(["a b c", "d"])), result_type="SparseTensor"), "")),
        ("string_split_placeholder", lambda v: tf.sparse.to_dense(tf.string_split(
            v["s"]), "")),
        # -- SparseTensorDenseMatMul's a_shape, SparseReduceMax's shape/axes
        ("sparse_dense_matmul_shape", lambda v: tf.sparse_tensor_dense_matmul(
            _sp(tf, c64([3, 4]) * 1), tf.zeros([4, 5]))),
        ("sparse_dense_matmul_adjoint", lambda v: tf.sparse_tensor_dense_matmul(
            _sp(tf, c64([4, 3]) + 0), tf.zeros([4, 5]), adjoint_a=True)),
        ("sparse_dense_matmul_partial", lambda v: tf.sparse_tensor_dense_matmul(
            _sp(tf, tf.shape(v["x"], out_type=tf.int64)[1:]), tf.zeros([4, 5]))),
        ("sparse_dense_matmul_pwd", lambda v: tf.sparse_tensor_dense_matmul(
            _sp(tf, tf.placeholder_with_default(c64([3, 4]), [2])), tf.zeros([4, 5]))),
        ("sparse_dense_matmul_cast_shape", lambda v: tf.sparse_tensor_dense_matmul(
            _sp(tf, _i64(tf, tf.shape(v["z"]) + 2)), tf.zeros([5, 2]))),
        ("sparse_reduce_max_shape", lambda v: tf.sparse_reduce_max(
            _sp(tf, c64([3, 4]) * 1), axis=1)),
        ("sparse_reduce_max_axis", lambda v: tf.sparse_reduce_max(
            _sp(tf, c64([3, 4])), axis=tf.constant(0) + 1, keepdims=True)),
        ("sparse_reduce_max_partial", lambda v: tf.sparse_reduce_max(
            _sp(tf, tf.shape(v["x"], out_type=tf.int64)[1:]), axis=1)),
        ("sparse_reduce_max_bad_axis", lambda v: tf.sparse_reduce_max(
            _sp(tf, c64([3, 4]) * 1), axis=tf.constant(2) * 1)),
        ("sparse_reduce_max_negative_axis", lambda v: tf.sparse_reduce_max(
            _sp(tf, c64([3, 4]) * 1), axis=tf.constant(-3) * 1)),
        ("sparse_reduce_sum_bad_axis", lambda v: tf.sparse_reduce_sum(
            _sp(tf, c64([3, 4]) * 1), axis=tf.constant(2) * 1, keepdims=True)),
        ("sparse_reduce_sum_negative_axis", lambda v: tf.sparse_reduce_sum(
            _sp(tf, c64([3, 4])), axis=-3)),
        ("sparse_reduce_sum_partial", lambda v: tf.sparse_reduce_sum(
            _sp(tf, tf.shape(v["x"], out_type=tf.int64)[1:]), axis=1)),
        ("sparse_reduce_max_all", lambda v: tf.sparse_reduce_max(_sp(tf, c64([3, 4]) * 1))),
        ("sparse_reduce_sum_shape", lambda v: tf.sparse_reduce_sum(
            _sp(tf, c64([3, 4]) * 1), axis=0)),
        ("sparse_reduce_max_sparse", lambda v: tf.sparse_reduce_max_sparse(
            _sp(tf, c64([3, 4]) * 1), axis=1).dense_shape),
        # -- EditDistance's hypothesis/truth shapes
        ("edit_distance_arith", lambda v: tf.edit_distance(
            _sp(tf, c64([2, 3]) * 1, tf.int32), _sp(tf, c64([2, 4]) * 1, tf.int32))),
        ("edit_distance_const", lambda v: tf.edit_distance(
            _sp(tf, c64([2, 3]), tf.int32), _sp(tf, c64([2, 4]), tf.int32))),
        ("edit_distance_pwd", lambda v: tf.edit_distance(
            _sp(tf, tf.placeholder_with_default(c64([2, 3]), [2]), tf.int32),
            _sp(tf, c64([2, 4]), tf.int32))),
        ("edit_distance_3d", lambda v: tf.edit_distance(
            tf.SparseTensor(c64([[0, 0, 0]]), [1], c64([2, 5, 3]) * 1),
            tf.SparseTensor(c64([[0, 1, 0]]), [1], c64([2, 5, 4]) * 1))),
        ("edit_distance_partial", lambda v: tf.edit_distance(
            tf.SparseTensor(c64([[0, 0, 0]]), [1], tf.shape(v["x"], out_type=tf.int64)),
            tf.SparseTensor(c64([[0, 1, 0]]), [1], c64([2, 6, 4]) * 1))),
        ("edit_distance_mismatch", lambda v: tf.edit_distance(
            tf.SparseTensor(c64([[0, 0, 0]]), [1], c64([2, 5, 3]) * 1),
            tf.SparseTensor(c64([[0, 1]]), [1], c64([2, 5]) * 1))),
        # -- SparseSegment*Grad's output_dim0 (the data's shape(x)[0])
        ("sparse_segment_mean_grad", lambda v: tf.gradients(tf.sparse.segment_mean(
            v["d"], [0, 2], [0, 0]), v["d"])[0]),
        ("sparse_segment_sqrtn_grad", lambda v: tf.gradients(tf.sparse.segment_sqrt_n(
            v["d"], [0, 2], [0, 1]), v["d"])[0]),
        ("sparse_segment_sum_grad", lambda v: tf.gradients(tf.sparse.segment_sum(
            v["d"], [0, 2], [0, 1]), v["d"])[0]),
        ("sparse_segment_mean_grad_unknown", lambda v: tf.gradients(
            tf.sparse.segment_mean(v["du"], [0, 2], [0, 0]), v["du"])[0]),
        # -- ScatterNd's shape (MakeShapeFromShapeTensor)
        ("scatter_nd_arith", lambda v: tf.scatter_nd([[0]], [1.0], tf.constant([3]) * 1)),
        ("scatter_nd_shape_slice", lambda v: tf.scatter_nd(
            [[0]], tf.zeros([1, 4]), tf.shape(v["x"])[1:])),
        ("scatter_nd_pack_partial", lambda v: tf.scatter_nd(
            [[0]], tf.zeros([1, 4]), tf.stack([tf.shape(v["x"])[0], 4]))),
        ("scatter_nd_range", lambda v: tf.scatter_nd([[0]], tf.zeros([1, 1]),
                                                     tf.range(2, 4))),
        # -- StridedSliceGrad's shape (the forward x's Shape, read partially)
        ("strided_slice_grad_partial", lambda v: tf.gradients(v["x"][:, 1], v["x"])[0]),
        ("strided_slice_grad_known", lambda v: tf.gradients(v["z"][:, 1:], v["z"])[0]),
        ("strided_slice_grad_unknown_rank", lambda v: tf.gradients(
            v["r"][1:], v["r"])[0]),
        # -- Slice's begin and size
        ("slice_begin_arith", lambda v: tf.slice(v["z"], tf.constant([1, 0]) * 1, [1, -1])),
        ("slice_size_arith", lambda v: tf.slice(v["z"], [0, 0], tf.constant([1, 2]) + 0)),
        ("slice_begin_pwd", lambda v: tf.slice(v["z"], tf.placeholder_with_default(
            [1, 0], [2]), [-1, 2])),
        ("slice_begin_partial", lambda v: tf.slice(v["z"], tf.shape(v["y"])[2:], [1, 1])),
        ("strided_slice_begin_partial", lambda v: tf.strided_slice(
            v["z"], tf.shape(v["y"])[2:3], [2])),
        ("strided_slice_strides_partial", lambda v: tf.strided_slice(
            v["z"], [0], [2], tf.shape(v["y"])[2:3])),
        ("transpose_perm_partial", lambda v: tf.transpose(tf.zeros([2, 3, 4]),
                                                          tf.shape(v["y"])[1:])),
        ("slice_size_partial_minus_one", lambda v: tf.slice(v["x"], [0, 0, 1], tf.concat(
            [[-1], tf.shape(v["x"])[1:2], [-1]], 0))),
        ("slice_size_partial_whole", lambda v: tf.slice(v["x"], [0, 0, 1], tf.concat(
            [[1], tf.shape(v["x"])[1:2], [-1]], 0))),
        ("slice_size_shape", lambda v: tf.slice(v["x"], [0, 0, 0], tf.shape(v["x"]))),
        ("slice_size_shape_minus", lambda v: tf.slice(v["z"], [0, 1],
                                                      tf.shape(v["z"]) - [0, 1])),
        ("slice_size_partial_minus", lambda v: tf.slice(v["x"], [0, 1, 0],
                                                        tf.shape(v["x"]) - [0, 1, 0])),
        # -- Pad / MirrorPad paddings (input_tensor) and MirrorPadGrad's
        ("pad_arith", lambda v: tf.pad(v["z"], tf.constant([[1, 1], [2, 0]]) * 1)),
        ("pad_partial_batch", lambda v: tf.pad(v["x"], tf.constant([[0, 0], [1, 1],
                                                                    [2, 2]]) + 0)),
        ("pad_pwd", lambda v: tf.pad(v["z"], tf.placeholder_with_default(
            [[1, 1], [2, 0]], [2, 2]))),
        ("pad_reshape_concat", lambda v: tf.pad(v["z"], tf.reshape(tf.concat(
            [tf.shape(v["z"])[:1], [0, 0, 1]], 0), [2, 2]))),
        ("mirror_pad_arith", lambda v: tf.pad(v["z"], tf.constant([[1, 1], [2, 0]]) * 1,
                                              "REFLECT")),
        ("mirror_pad_too_big_arith", lambda v: tf.pad(
            v["z"], tf.constant([[2, 2], [0, 0]]) * 1, "REFLECT")),
        ("mirror_pad_symmetric_too_big_arith", lambda v: tf.pad(
            v["z"], tf.constant([[3, 0], [0, 0]]) * 1, "SYMMETRIC")),
        ("pad_negative_arith", lambda v: tf.pad(v["z"], tf.constant([[-1, 0], [0, 0]]) * 1)),
        ("pad_negative_const", lambda v: tf.pad(v["z"], [[-1, 0], [0, 0]])),
        ("pad_v2_arith", lambda v: tf.pad(v["z"], tf.constant([[1, 0], [0, 2]]) * 1,
                                          constant_values=1.0)),
        ("mirror_pad_grad", lambda v: tf.gradients(tf.pad(
            v["z"], tf.constant([[1, 1], [2, 0]]) * 1, "REFLECT"), v["z"])[0]),
        ("mirror_pad_grad_const", lambda v: tf.gradients(tf.pad(
            v["z"], [[1, 1], [2, 0]], "SYMMETRIC"), v["z"])[0]),
        ("mirror_pad_grad_partial", lambda v: tf.gradients(tf.pad(
            v["x"], tf.constant([[0, 0], [1, 1], [2, 2]]) + 0, "REFLECT"), v["x"])[0]),
        # -- Tile, Reshape, Fill, BroadcastTo (shapes read partially)
        ("tile_arith", lambda v: tf.tile(v["z"], tf.constant([2, 1]) * 1)),
        ("tile_shape", lambda v: tf.tile(v["z"], tf.shape(v["z"]))),
        ("tile_pwd", lambda v: tf.tile(v["z"], tf.placeholder_with_default([2, 1], [2]))),
        ("reshape_arith", lambda v: tf.reshape(v["z"], tf.constant([3, 2]) * 1)),
        ("reshape_reduce_prod", lambda v: tf.reshape(v["x"], tf.stack(
            [-1, tf.reduce_prod(tf.shape(v["z"]))]))),
        ("fill_arith", lambda v: tf.fill(tf.constant([2, 3]) * 1, 1.0)),
        ("fill_negative_arith", lambda v: tf.fill(tf.constant([-1, 3]) * 1, 1.0)),
        ("fill_negative_const", lambda v: tf.fill(tf.constant([-1, 3]), 1.0)),
        ("fill_negative_pack_partial", lambda v: tf.fill(tf.stack(
            [tf.shape(v["x"])[0], -1]), 1.0)),
        ("fill_negative_concat_partial", lambda v: tf.fill(tf.concat(
            [tf.shape(v["x"])[1:], [-2]], 0), 1.0)),
        ("fill_shape_partial", lambda v: tf.fill(tf.shape(v["x"]), 1.0)),
        ("fill_variable", lambda v: tf.fill(v["var"], 1.0)),
        # -- Split sizes
        ("split_sizes_arith", lambda v: tf.split(v["z"], tf.constant([1, 2]) * 1, 1)[1]),
        ("split_sizes_pwd", lambda v: tf.split(v["z"], tf.placeholder_with_default(
            [1, 2], [2]), 1)[1]),
        ("split_sizes_partial", lambda v: tf.split(v["z"], tf.shape(v["y"])[2:], 1,
                                                   num=2)[1]),
        ("split_sizes_minus_one", lambda v: tf.split(v["z"], tf.constant([1, -1]) * 1,
                                                     1)[1]),
        # -- images
        ("resize_pack_partial", lambda v: tf.image.resize_images(v["img"], tf.stack(
            [tf.shape(v["img"])[1] * 2, 3]))),
        ("resize_shape_known", lambda v: tf.image.resize_bilinear(v["imgk"], tf.shape(
            v["imgk"])[1:3] * 2)),
        ("resize_nearest_arith", lambda v: tf.image.resize_nearest_neighbor(
            v["img"], tf.constant([3, 5]) + 0)),
        ("resize_shape_partial", lambda v: tf.image.resize_bilinear(
            v["imgk"], tf.shape(v["img"])[1:3])),
        ("crop_and_resize_grad_image", lambda v: tf.gradients(tf.image.crop_and_resize(
            v["img"], [[0., 0., 1., 1.]], [0], [2, 2]), v["img"])[0]),
        ("crop_and_resize_grad_image_known", lambda v: tf.gradients(
            tf.image.crop_and_resize(v["imgk"], [[0., 0., 1., 1.]], [0], [2, 2]),
            v["imgk"])[0]),
        ("extract_image_patches", lambda v: tf.extract_image_patches(
            v["imgk"], [1, 2, 2, 1], [1, 1, 1, 1], [1, 1, 1, 1], "VALID")),
        # -- tf.image.resize_images skips the resize when TF's Python constant_value_as_shape
        # of the size equals the image's (a shape slice, not arithmetic)
        ("resize_images_skip_shape_slice", lambda v: _op(tf, tf.image.resize_images(
            v["imgk"], tf.shape(v["imgk"])[1:3]))),
        ("resize_images_skip_partial_slice", lambda v: _op(tf, tf.image.resize_images(
            v["img"], tf.shape(v["img"])[1:3]))),
        ("resize_images_no_skip_arith", lambda v: _op(tf, tf.image.resize_images(
            v["imgk"], tf.constant([4, 4]) * 1))),
        ("resize_images_skip_pack", lambda v: _op(tf, tf.image.resize_images(
            v["imgk"], tf.stack([4, 4])))),
        ("resize_images_skip_cast", lambda v: _op(tf, tf.image.resize_images(
            v["imgk"], tf.cast(tf.constant([4.0, 4.0]), tf.int32)))),
        ("resize_images_aspect", lambda v: _op(tf, tf.image.resize_images(
            v["imgk"], [8, 6], preserve_aspect_ratio=True))),
        ("resize_images_aspect_same", lambda v: _op(tf, tf.image.resize_images(
            v["imgk"], [4, 9], preserve_aspect_ratio=True))),
        ("resize_image_with_pad", lambda v: _op(tf, tf.image.resize_image_with_pad(
            v["imgk"], 4, 4))),
        ("resize_image_with_pad_bigger", lambda v: _op(tf, tf.image.resize_image_with_pad(
            v["imgk"], 8, 6))),
        # -- tf.contrib.image's output_shape (SetOutputToSizedImage: input_tensor, whole)
        ("image_transform_partial", lambda v: tf.contrib.image.transform(
            v["imgk"], [1., 0, 0, 0, 1, 0, 0, 0], output_shape=tf.shape(v["img"])[1:3])),
        ("image_transform_default", lambda v: tf.contrib.image.transform(
            v["img"], [1., 0, 0, 0, 1, 0, 0, 0])),
        ("image_transform_arith", lambda v: tf.contrib.image.transform(
            v["imgk"], [1., 0, 0, 0, 1, 0, 0, 0], output_shape=tf.constant([3, 5]) * 1)),
        ("image_transform_known", lambda v: tf.contrib.image.transform(
            v["imgk"], [1., 0, 0, 0, 1, 0, 0, 0], output_shape=tf.shape(v["imgk"])[1:3])),
        ("image_rotate_partial", lambda v: tf.contrib.image.rotate(v["img"], 0.5)),
        # -- strings
        ("fingerprint_method_identity", lambda v: tf.fingerprint(
            tf.constant(["a"]), tf.identity(tf.constant("farmhash64")))),
        ("fingerprint_bad_method_identity", lambda v: tf.fingerprint(
            tf.constant(["a"]), tf.identity(tf.constant("md5")))),
        ("fingerprint_bad_method_const", lambda v: tf.fingerprint(
            tf.constant(["a"]), tf.constant("md5"))),
        ("fingerprint_bad_method_pwd", lambda v: tf.fingerprint(
            tf.constant(["a"]), tf.placeholder_with_default("md5", []))),
        ("decode_raw", lambda v: tf.io.decode_raw(tf.constant(["abcd", "efgh"]),
                                                  tf.int16)),
        ("unicode_decode_identity", lambda v: tf.strings.unicode_decode(
            tf.identity(tf.constant(["ab", "c"])), "UTF-8").to_tensor()),
        # -- roll
        ("roll_arith", lambda v: tf.manip.roll(v["z"], tf.constant(1) * 1,
                                               tf.constant(1) + 0)),
        # -- queues: DequeueMany's n (input_tensor)
        ("dequeue_many_arith", lambda v: tf.FIFOQueue(10, [tf.float32], shapes=[[3]])
         .dequeue_many(tf.constant(2) * 2)),
        ("dequeue_many_const", lambda v: tf.FIFOQueue(10, [tf.float32], shapes=[[3]])
         .dequeue_many(4)),
        ("dequeue_many_negative_arith", lambda v: tf.FIFOQueue(
            10, [tf.float32], shapes=[[3]]).dequeue_many(tf.constant(-1) * 1)),
        ("dequeue_many_negative_pwd", lambda v: tf.FIFOQueue(
            10, [tf.float32], shapes=[[3]]).dequeue_many(tf.placeholder_with_default(-1, []))),
        ("dequeue_many_negative_shape", lambda v: tf.FIFOQueue(
            10, [tf.float32], shapes=[[3]]).dequeue_many(1 - tf.shape(v["z"])[1])),
        ("dequeue_many_shape", lambda v: tf.FIFOQueue(10, [tf.float32], shapes=[[3]])
         .dequeue_many(tf.shape(v["z"])[1])),
        ("dequeue_many_partial", lambda v: tf.FIFOQueue(10, [tf.float32], shapes=[[3]])
         .dequeue_many(tf.shape(v["x"])[1])),
        ("dequeue_many_two", lambda v: tf.FIFOQueue(10, [tf.float32, tf.int32],
                                                    shapes=[[3], []])
         .dequeue_many(tf.constant(2) + 1)),
        ("dequeue_up_to_arith", lambda v: tf.FIFOQueue(10, [tf.float32], shapes=[[3]])
         .dequeue_up_to(tf.constant(2) * 2)),
        ("dequeue_many_padding", lambda v: tf.PaddingFIFOQueue(
            10, [tf.float32], shapes=[[None]]).dequeue_many(tf.constant(2) * 2)),
        # -- Python-side static shapes from TF's tensor_util.constant_value (Size, Rank,
        # Pack, ConcatV2 of constants; no arithmetic)
        ("dequeue_many_size", lambda v: tf.FIFOQueue(10, [tf.float32], shapes=[[3]])
         .dequeue_many(tf.size(v["z"]))),
        ("dequeue_many_rank", lambda v: tf.FIFOQueue(10, [tf.float32], shapes=[[3]])
         .dequeue_many(tf.rank(v["x"]))),
        ("sparse_reshape_pack", lambda v: tf.sparse_reshape(
            _sp(tf, c64([3, 4])), tf.stack([c64(2), c64(-1)]))),
        ("sparse_reshape_concat", lambda v: tf.sparse_reshape(
            _sp(tf, c64([3, 4])), tf.concat([c64([2]), c64([-1])], 0))),
        ("sparse_reshape_pack_two_unknown", lambda v: tf.sparse_reshape(
            _sp(tf, c64([3, 4])), tf.stack([c64(-1), c64(-1)]))),
        ("sparse_reshape_pack_bad_size", lambda v: tf.sparse_reshape(
            _sp(tf, c64([3, 4])), tf.stack([c64(5), c64(-1)]))),
        ("sparse_transpose_pack", lambda v: tf.sparse.transpose(
            _sp(tf, c64([3, 4])), tf.stack([1, 0]))),
        ("sparse_concat_pack_shapes", lambda v: tf.sparse.concat(1, [
            _sp(tf, tf.stack([c64(3), c64(4)])), _sp(tf, tf.stack([c64(3), c64(5)]))])),
        ("sparse_reset_shape_pack", lambda v: tf.sparse.reset_shape(
            _sp(tf, c64([3, 4])), tf.stack([c64(2), c64(4)]))),
        # -- reductions' axes
        ("reduce_max_axis_arith", lambda v: tf.reduce_max(v["z"], tf.constant(0) + 1)),
        ("reduce_mean_rank_minus", lambda v: tf.reduce_mean(v["x"], tf.rank(v["x"]) - 1)),
        ("reduce_sum_range", lambda v: tf.reduce_sum(v["x"], tf.range(1, 3))),
        ("reduce_sum_keep_arith", lambda v: tf.reduce_sum(v["x"], tf.constant([1]) * 1,
                                                          keepdims=True)),
        ("reduce_any_pwd", lambda v: tf.reduce_any(tf.cast(v["z"], tf.bool),
                                                   tf.placeholder_with_default(1, []))),
        ("bincount_size_arith", lambda v: tf.math.bincount(
            tf.constant([1, 2]), minlength=tf.constant(3) * 2, maxlength=6)),
        ("linspace_num_arith", lambda v: tf.linspace(0.0, 1.0, tf.constant(3) * 2)),
        ("nth_element_n_too_big", lambda v: tf.contrib.nn.nth_element(
            v["z"], tf.constant(3) * 1)),
        ("nth_element_n_negative", lambda v: tf.contrib.nn.nth_element(
            v["z"], tf.constant(-1) * 1)),
        ("nth_element_n_partial", lambda v: tf.contrib.nn.nth_element(
            v["x"], tf.shape(v["x"])[2])),
        ("nth_element_n_arith", lambda v: tf.contrib.nn.nth_element(
            v["z"], tf.constant(1) * 1)),
        ("linspace_num_negative_arith", lambda v: tf.linspace(0.0, 1.0,
                                                             tf.constant(-3) * 1)),
        ("linspace_num_partial", lambda v: tf.linspace(0.0, 1.0, tf.shape(v["x"])[1])),
        ("reduce_sum_axis_partial", lambda v: tf.reduce_sum(v["z"], tf.shape(v["y"])[2:3])),
        ("reduce_sum_axis_partial_keep", lambda v: tf.reduce_sum(
            v["z"], tf.shape(v["y"])[2:3], keepdims=True)),
        # -- invalid shape values read by MakeShapeFromShapeTensor
        ("reshape_negative_arith", lambda v: tf.reshape(v["z"], tf.constant([-2, 3]) * 1)),
        ("zeros_negative_pack_partial", lambda v: tf.zeros(tf.stack(
            [tf.shape(v["x"])[0], -2]))),
        ("reshape_negative_pack_partial", lambda v: tf.reshape(v["x"], tf.stack(
            [tf.shape(v["x"])[0], -2]))),
        ("reshape_negative_concat_partial", lambda v: tf.reshape(v["x"], tf.concat(
            [tf.shape(v["x"])[:1], [-2]], 0))),
        ("tile_negative_arith", lambda v: tf.tile(v["z"], tf.constant([-2, 1]) * 1)),
        ("broadcast_to_negative_concat", lambda v: tf.broadcast_to(v["z"], tf.concat(
            [tf.shape(v["x"])[:1], [-2, 3]], 0))),
        ("random_negative_concat", lambda v: tf.random_uniform(tf.concat(
            [tf.shape(v["x"])[1:], [-3]], 0))),
        # -- raw ops whose shape functions read an input (gradients' ops)
        ("raw_sparse_segment_mean_grad", lambda v: tf.raw_ops.SparseSegmentMeanGrad(
            grad=tf.zeros([2, 2]), indices=[0, 1], segment_ids=[0, 1],
            output_dim0=tf.constant(3) * 1)),
        ("raw_sparse_segment_mean_grad_partial", lambda v: tf.raw_ops.SparseSegmentMeanGrad(
            grad=tf.zeros([2, 2]), indices=[0, 1], segment_ids=[0, 1],
            output_dim0=tf.shape(v["x"])[1])),
        ("raw_mirror_pad_grad", lambda v: tf.raw_ops.MirrorPadGrad(
            input=tf.zeros([4, 5]), paddings=tf.constant([[1, 1], [2, 0]]) * 1,
            mode="REFLECT")),
        ("raw_mirror_pad_grad_pwd", lambda v: tf.raw_ops.MirrorPadGrad(
            input=tf.zeros([4, 5]), paddings=tf.placeholder_with_default(
                [[1, 1], [2, 0]], [2, 2]), mode="REFLECT")),
        ("raw_strided_slice_grad_partial", lambda v: tf.raw_ops.StridedSliceGrad(
            shape=tf.shape(v["x"]), begin=[0], end=[1], strides=[1], dy=tf.zeros([1, 6, 4]))),
        ("raw_strided_slice_grad_arith", lambda v: tf.raw_ops.StridedSliceGrad(
            shape=tf.constant([3, 6]) * 1, begin=[0], end=[1], strides=[1],
            dy=tf.zeros([1, 6]))),
        ("raw_crop_grad_image_partial", lambda v: tf.raw_ops.CropAndResizeGradImage(
            grads=tf.zeros([1, 2, 2, 3]), boxes=[[0., 0., 1., 1.]], box_ind=[0],
            image_size=tf.shape(v["img"]), T=tf.float32)),
        ("raw_crop_grad_image_arith", lambda v: tf.raw_ops.CropAndResizeGradImage(
            grads=tf.zeros([1, 2, 2, 3]), boxes=[[0., 0., 1., 1.]], box_ind=[0],
            image_size=tf.constant([1, 4, 4, 3]) * 1, T=tf.float32)),
        ("raw_avg_pool_grad_partial", lambda v: tf.raw_ops.AvgPoolGrad(
            orig_input_shape=tf.shape(v["img"]), grad=tf.zeros([1, 4, 4, 3]),
            ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="VALID")),
        ("raw_avg_pool_grad_arith", lambda v: tf.raw_ops.AvgPoolGrad(
            orig_input_shape=tf.constant([1, 8, 8, 3]) * 1, grad=tf.zeros([1, 4, 4, 3]),
            ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="VALID")),
        ("raw_bincount_partial", lambda v: tf.raw_ops.Bincount(
            arr=[1, 2], size=tf.shape(v["x"])[1], weights=tf.zeros([0]))),
        ("raw_bincount_arith", lambda v: tf.raw_ops.Bincount(
            arr=[1, 2], size=tf.constant(3) * 2, weights=tf.zeros([0]))),
        ("raw_edit_distance_partial", lambda v: tf.raw_ops.EditDistance(
            hypothesis_indices=tf.zeros([1, 3], tf.int64), hypothesis_values=[1],
            hypothesis_shape=tf.shape(v["x"], out_type=tf.int64),
            truth_indices=tf.zeros([1, 3], tf.int64), truth_values=[1],
            truth_shape=tf.constant([2, 6, 4], tf.int64))),
    ]


def cases(tf):
    out = {}
    for name, fn in _cases(tf):
        with tf.Graph().as_default():
            v = {"x": tf.placeholder(tf.float32, [None, 6, 4]),
                 "z": tf.placeholder(tf.float32, [2, 3]),
                 "r": tf.placeholder(tf.float32),
                 "y": tf.placeholder(tf.float32, [None, 2, 1, 0]),
                 "d": tf.placeholder(tf.float32, [3, 2]),
                 "du": tf.placeholder(tf.float32, [None, 2]),
                 "s": tf.placeholder(tf.string, [None]),
                 "img": tf.placeholder(tf.float32, [None, 8, 8, 3]),
                 "imgk": tf.placeholder(tf.float32, [1, 4, 4, 3]),
                 "var": tf.Variable([2, 3], name="var")}
            try:
                t = fn(v)
                if isinstance(t, dict):
                    out[name] = ["ok", t]
                elif isinstance(t, (list, tuple)):
                    out[name] = ["ok", _shapes(t)]
                elif hasattr(t, "dense_shape"):
                    out[name] = ["ok", [_shape(t.indices), _shape(t.values),
                                        _shape(t.dense_shape), _shape(t)]]
                else:
                    out[name] = ["ok", _shape(t)]
            except Exception as e:  # noqa: BLE001 - the error is the case's result
                out[name] = [type(e).__name__, str(e)]
    return out
