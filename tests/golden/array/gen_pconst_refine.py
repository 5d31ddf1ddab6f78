"""Static shapes TF 1.14's shape refiner gives when a shape function asks for an input's
value (EvaluateConstantTensor runs any stateless subgraph of constants whole, with no op
list and no size bound; Merge/Enter/Exit/PlaceholderWithDefault and stateful ops stop it)
or reads a shape tensor partially (ConstantPartialShape: Shape, Pack, Concat and
PartialStridedSliceShape's `[b:e:s]` with begin/end masks 0 or 1, cut by Subshape, whose
negative-stride error TF 1.14 raises; a Cast is evaluated whole)."""


def _shape(t):
    return None if t.shape.ndims is None else t.shape.as_list()


def _cases(tf):
    return [
        # -- whole evaluation of constant subgraphs (op kinds flowgrad had no case for)
        ("fill_square", lambda v: tf.fill(tf.square(tf.constant([2, 3])), 1.0)),
        ("fill_abs", lambda v: tf.fill(tf.abs(tf.constant([-2, 3])), 1.0)),
        ("onehot_depth_arith", lambda v: tf.one_hot([1, 2], tf.constant(3) + 2)),
        ("onehot_depth_reduce", lambda v: tf.one_hot([0, 1], tf.reduce_sum(
            tf.constant([2, 3])))),
        ("onehot_depth_cast", lambda v: tf.one_hot([0, 1], tf.cast(tf.constant(4.7),
                                                                   tf.int32))),
        ("onehot_depth_partial_shape", lambda v: tf.one_hot([0, 1], tf.shape(v["x"])[1])),
        ("zeros_sqrt", lambda v: tf.zeros(tf.cast(tf.sqrt(tf.constant([4.0, 9.0])),
                                                  tf.int32))),
        ("reshape_argmax", lambda v: tf.reshape(tf.zeros([6]), tf.stack(
            [tf.argmax(tf.constant([1, 5, 2])), -1]))),
        ("zeros_reverse", lambda v: tf.zeros(tf.reverse(tf.constant([2, 3]), [0]))),
        ("zeros_transpose", lambda v: tf.zeros(tf.reshape(tf.transpose(
            tf.constant([[2], [3]])), [-1]))),
        ("zeros_top_k", lambda v: tf.zeros(tf.nn.top_k(tf.constant([2, 3, 5]), 2).values)),
        ("zeros_cumsum_exclusive", lambda v: tf.zeros(tf.cumsum(
            tf.constant([1, 2]), exclusive=True) + 1)),
        ("zeros_identity_n", lambda v: tf.zeros(tf.identity_n([tf.constant([2, 3])])[0])),
        ("zeros_matmul", lambda v: tf.zeros(tf.cast(tf.reshape(tf.matmul(
            tf.constant([[1.0, 2.0]]), tf.constant([[1.0, 0.0], [0.0, 2.0]])), [-1]),
            tf.int32))),
        ("zeros_string_length", lambda v: tf.zeros(tf.strings.length(
            tf.constant(["ab", "cde"])))),
        ("zeros_bitcast", lambda v: tf.zeros(tf.bitcast(tf.constant([2, 3], tf.int32),
                                                        tf.int32))),
        ("zeros_matrix_diag_part", lambda v: tf.zeros(tf.reshape(tf.matrix_diag_part(
            tf.constant([[2, 0], [0, 3]])), [-1]))),
        ("zeros_argsort", lambda v: tf.zeros(tf.argsort(tf.constant([5, 1, 3])) + 1)),
        ("zeros_bincount", lambda v: tf.zeros(tf.math.bincount(tf.constant([1, 1, 2])))),
        ("zeros_scatter_nd", lambda v: tf.zeros(tf.scatter_nd([[0], [1]],
                                                              tf.constant([2, 4]), [2]))),
        ("zeros_setdiff", lambda v: tf.zeros(tf.setdiff1d(tf.constant([1, 2, 5]),
                                                          tf.constant([2])).out)),
        ("zeros_string_to_number", lambda v: tf.zeros(tf.strings.to_number(
            tf.constant(["2", "3"]), tf.int32))),
        ("zeros_check_numerics", lambda v: tf.zeros(tf.cast(tf.debugging.check_numerics(
            tf.constant([2.0, 3.0]), "m"), tf.int32))),
        ("zeros_segment_sum", lambda v: tf.zeros(tf.segment_sum(tf.constant([1, 1, 3]),
                                                                [0, 0, 1]))),
        ("zeros_big_chain", lambda v: tf.range(tf.size(tf.ones(tf.constant([50, 50]))
                                                       + 1.0))),
        ("tile_reduce_big", lambda v: tf.tile(v["z"], tf.cast(tf.reduce_sum(
            tf.ones([100, 2]), 0) / 50.0, tf.int32))),
        ("tile_pow", lambda v: tf.tile(tf.zeros([2, 3]), tf.pow(tf.constant([2, 1]), 2))),
        ("tile_mod", lambda v: tf.tile(tf.zeros([2, 3]), tf.mod(tf.constant([5, 7]), 3))),
        ("range_reduce_max", lambda v: tf.range(tf.reduce_max(tf.constant([[3, 9],
                                                                          [4, 1]])))),
        ("range_float", lambda v: tf.range(tf.constant(0.0), tf.constant(80.0) + 0.0)),
        ("expand_dims_axis", lambda v: tf.expand_dims(v["z"], tf.constant(1) + 1)),
        ("concat_axis", lambda v: tf.concat([v["z"], v["z"]], tf.constant(0) + 1)),
        ("split_axis", lambda v: tf.split(v["z"], 3, tf.constant(1) * 1)[0]),
        ("gather_axis", lambda v: tf.gather(v["z"], [0, 1], axis=tf.constant(1) + 0)),
        ("reverse_axis", lambda v: tf.reverse(v["z"], tf.constant([1]) - 0)),
        # -- what stops it
        ("zeros_random", lambda v: tf.zeros(tf.cast(tf.random_uniform([2], 1, 2),
                                                    tf.int32))),
        ("zeros_placeholder_with_default", lambda v: tf.zeros(tf.placeholder_with_default(
            tf.constant([2, 3]), [2]))),
        ("zeros_cond", lambda v: tf.zeros(tf.cond(tf.constant(True), lambda: tf.constant([2]),
                                                  lambda: tf.constant([3])))),
        ("zeros_maximum_partial", lambda v: tf.zeros(tf.maximum(tf.shape(v["x"])[1:], 7))),
        # -- partial shapes
        ("zeros_cast_partial_shape", lambda v: tf.zeros(tf.cast(tf.shape(v["x"]),
                                                                tf.int64))),
        ("reshape_cast_pack", lambda v: tf.reshape(v["x"], tf.cast(tf.stack(
            [tf.shape(v["x"])[0], 24]), tf.int64))),
        ("reshape_concat_arith", lambda v: tf.reshape(v["x"], tf.concat(
            [tf.shape(v["x"])[:1], tf.constant([4]) * 6], 0))),
        ("ss_ellipsis", lambda v: tf.zeros(tf.shape(v["x"])[..., 1:])),
        ("ss_const_begin", lambda v: tf.zeros(tf.shape(v["x"])[tf.constant(1):])),
        ("ss_stride2", lambda v: tf.zeros(tf.shape(v["x"])[::2])),
        ("ss_stride2_begin", lambda v: tf.zeros(tf.shape(v["x"])[1::2])),
        ("ss_negative_stride", lambda v: tf.zeros(tf.shape(v["x"])[::-1])),
        ("ss_negative_stride_const", lambda v: tf.zeros(v["c"][::-1])),
        ("ss_negative_begin", lambda v: tf.zeros(tf.shape(v["x"])[-2:])),
        ("ss_end", lambda v: tf.zeros(tf.shape(v["x"])[:2])),
        ("ss_new_axis_const", lambda v: tf.zeros(tf.reshape(v["c"][tf.newaxis, 1:], [-1]))),
        ("ss_ellipsis_const", lambda v: tf.zeros(v["c"][..., 1:])),
        ("ss_of_ss", lambda v: tf.zeros(tf.shape(v["x"])[1:][1:])),
        ("ss_of_ss_reversed", lambda v: tf.zeros(tf.shape(v["x"])[1:][::-1])),
        ("ss_of_concat", lambda v: tf.zeros(tf.concat([tf.shape(v["x"]), [5]], 0)[1:])),
        ("ss_of_pack", lambda v: tf.zeros(tf.stack([tf.shape(v["x"])[1], 7,
                                                    tf.shape(v["x"])[0]])[1:])),
        ("ss_of_cast", lambda v: tf.zeros(tf.cast(tf.shape(v["x"]), tf.int64)[1:])),
        ("ss_placeholder_begin", lambda v: tf.zeros(tf.shape(v["x"])[v["i"]:])),
        ("identity_of_shape", lambda v: tf.zeros(tf.identity(tf.shape(v["x"])))),
        ("fill_identity_of_slice", lambda v: tf.fill(tf.identity(tf.shape(v["x"])[1:]), 1.0)),
        # -- input_tensor reads a shape's known slice whole (unknown), an input read as a
        # partial shape keeps it (Tile, Slice's size, BroadcastTo)
        ("range_partial", lambda v: tf.range(tf.shape(v["x"])[1])),
        ("range_partial_arith", lambda v: tf.range(tf.shape(v["x"])[1] * 2)),
        ("segment_partial", lambda v: tf.unsorted_segment_sum(tf.zeros([3]), [0, 1, 1],
                                                              tf.shape(v["x"])[1])),
        ("onehot_partial", lambda v: tf.one_hot([0], tf.shape(v["x"])[1])),
        ("bincount_partial", lambda v: tf.math.bincount([1, 2], minlength=tf.shape(v["x"])[1])),
        ("reshape_prod_partial", lambda v: tf.reshape(v["x"], [-1, tf.reduce_prod(
            tf.shape(v["x"])[1:])])),
        ("pad_partial", lambda v: tf.pad(tf.zeros([2, 2]), [[tf.shape(v["x"])[1], 0],
                                                            [0, 0]])),
        ("transpose_perm_partial", lambda v: tf.transpose(v["x"], tf.stack(
            [0, tf.shape(v["x"])[2] - 2, 1]))),
        ("tile_partial", lambda v: tf.tile(tf.zeros([1, 1]), tf.shape(v["x"])[1:])),
        ("slice_size_partial", lambda v: tf.slice(tf.zeros([9, 9]), [0, 0],
                                                  tf.shape(v["x"])[1:])),
        ("broadcast_to_partial", lambda v: tf.broadcast_to(tf.zeros([4]),
                                                           tf.shape(v["x"])[1:])),
        # -- other shape functions' input_tensor reads of computed constants
        ("argmax_axis", lambda v: tf.argmax(v["z"], axis=tf.constant(1) * 1)),
        ("space_to_batch", lambda v: tf.space_to_batch_nd(
            tf.zeros([1, 4, 4, 1]), tf.constant([2, 2]) * 1, tf.zeros([2, 2], tf.int32))),
        ("batch_to_space", lambda v: tf.batch_to_space_nd(
            tf.zeros([4, 2, 2, 1]), tf.constant([2, 2]) * 1, tf.zeros([2, 2], tf.int32))),
        ("crop_and_resize", lambda v: tf.image.crop_and_resize(
            tf.zeros([1, 4, 4, 1]), [[0., 0., 1., 1.]], [0], tf.constant([2, 3]) * 1)),
        ("extract_glimpse", lambda v: tf.image.extract_glimpse(
            tf.zeros([1, 4, 4, 1]), tf.constant([2, 2]) * 1, [[0.0, 0.0]])),
        ("topk_k", lambda v: tf.nn.top_k(v["z"], tf.constant(1) + 1).values),
        ("sequence_mask_maxlen", lambda v: tf.sequence_mask([1, 2], tf.constant(1) + 3)),
        ("resize_size", lambda v: tf.image.resize_images(tf.zeros([1, 4, 4, 1]),
                                                         tf.constant([2, 3]) * 2)),
        ("random_uniform_shape", lambda v: tf.random_uniform(tf.constant([2, 3]) * 2)),
        ("reduce_sum_axis", lambda v: tf.reduce_sum(v["z"], axis=tf.constant(1) * 1)),
        ("rfft_length", lambda v: tf.spectral.rfft(v["w"], tf.stack([tf.constant(6) * 1]))),
        ("irfft_length", lambda v: tf.spectral.irfft(tf.complex(v["w"], v["w"]),
                                                     tf.stack([tf.constant(6) * 1]))),
        ("stft_fft_length", lambda v: tf.signal.stft(tf.zeros([2, 64]), 16, 8,
                                                     fft_length=tf.constant(16) * 1)),
        ("histogram_nbins", lambda v: tf.histogram_fixed_width(v["w"], [0.0, 1.0],
                                                               nbins=tf.constant(7) * 1)),
        ("sparse_reduce_axis", lambda v: tf.sparse_reduce_sum(tf.SparseTensor(
            [[0, 0]], [1.0], [3, 4]), axis=tf.constant(1) * 1, keepdims=True)),
        ("sparse_segment_num", lambda v: tf.sparse.segment_sum(
            tf.zeros([3, 2]), [0, 1], [0, 0], num_segments=tf.constant(4) * 1)),
        ("multinomial_samples", lambda v: tf.multinomial(tf.zeros([2, 3]),
                                                         tf.constant(5) * 1)),
        ("reduce_join_axis", lambda v: tf.strings.reduce_join(
            tf.constant([["a", "b"], ["c", "d"]]), axis=tf.constant(1) * 1)),
        ("nms_padded_size", lambda v: tf.image.non_max_suppression_padded(
            tf.zeros([5, 4]), tf.zeros([5]), tf.constant(3) * 1,
            pad_to_max_output_size=True)[0]),
        ("combined_nms_sizes", lambda v: tf.image.combined_non_max_suppression(
            tf.zeros([2, 5, 1, 4]), tf.zeros([2, 5, 3]), tf.constant(3) * 1,
            tf.constant(4) * 1)[0]),
    ]


def _in_loop(tf, fn):
    out = []

    def body(i):
        out.append(_shape(fn()))
        return i + 1
    tf.while_loop(lambda i: i < 3, body, [0])
    return out


def _in_cond(tf, pred, fn):
    out = []

    def branch():
        z = fn()
        out.append(_shape(z))
        return tf.reduce_sum(z)
    tf.cond(pred, branch, branch)
    return out


def _control_flow_cases(tf):
    """An op made in a cond branch / loop body reads an outside tensor itself (TF rewires
    it to a Switch/Enter afterwards); an earlier op of the context reads the Switch/Enter,
    where the evaluation stops."""
    def build(which, fn):
        with tf.Graph().as_default():
            c = tf.constant([2, 3])
            v = {"c": c, "c2": c * 2, "x": tf.placeholder(tf.float32, [None, 3]),
                 "p": tf.placeholder(tf.bool, [])}
            if which == "loop":
                return _in_loop(tf, lambda: fn(v))
            return _in_cond(tf, v["p"], lambda: fn(v))
    specs = {
        "direct_const": lambda v: tf.zeros(v["c"]),
        "direct_computed": lambda v: tf.zeros(v["c2"]),
        "arith_on_capture": lambda v: tf.zeros(v["c"] * 2),
        "shape_of_outside": lambda v: tf.zeros(tf.shape(v["x"])[1:]),
        "inner_constants": lambda v: tf.one_hot([0], tf.constant(2) + 1),
        "known_shape_inside": lambda v: tf.zeros(tf.shape(tf.zeros([2, 5]))),
    }
    out = {}
    for which in ("loop", "cond"):
        for name, fn in sorted(specs.items()):
            out["%s_%s" % (which, name)] = build(which, fn)
    return out


def cases(tf):
    out = _control_flow_cases(tf)
    for name, fn in _cases(tf):
        with tf.Graph().as_default():
            v = {"x": tf.placeholder(tf.float32, [None, 6, 4]),
                 "z": tf.placeholder(tf.float32, [2, 3]),
                 "i": tf.placeholder(tf.int32, []), "c": tf.constant([2, 3, 4]),
                 "w": tf.placeholder(tf.float32, [2, 3, 8])}
            try:
                out[name] = ["ok", _shape(fn(v))]
            except ValueError as e:
                out[name] = ["ValueError", str(e)]
    return out
