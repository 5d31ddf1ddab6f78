"""TF 1.14's InferenceContext::input_tensor runs the evaluated tensor's own op on its inputs
(EvaluateConstantTensor materializes only a Const target): a raw Shape of a fully defined
placeholder read whole is unknown (strided_slice's begin/end/strides, transpose's perm,
split's size_splits, gather's axis, range's limit, a Size or Rank target), while the same
Shape read as an input of the evaluated subgraph is fed (`Shape(p) + 0`), and the same
tensor read through two edges (`Equal(s, s)`) is fed twice: unknown. A Shape of a constant
is computed. MakeShapeFromShapeTensor's partial reads (tile multiples, slice sizes) read
the shape itself. ExpandDims with an unknown dim has an unknown shape. Static shapes and
op counts."""


def _shape(t):
    return None if t.shape.ndims is None else t.shape.as_list()


def _cases(tf):
    ph = lambda shape=(2, 3): tf.placeholder(tf.float32, shape)  # noqa: E731
    sh = lambda p: tf.raw_ops.Shape(input=p)  # noqa: E731
    size = lambda p: tf.raw_ops.Size(input=p)  # noqa: E731
    rank = lambda p: tf.raw_ops.Rank(input=p)  # noqa: E731
    z = tf.zeros
    eq_one = lambda s: tf.cast(tf.equal(s, s), tf.int32)  # noqa: E731
    eq_two = lambda p: tf.cast(tf.equal(sh(p), sh(p)), tf.int32)  # noqa: E731
    return [
        ("ss_end", lambda: tf.strided_slice(z([5, 5]), [0, 0], sh(ph()))),
        ("ss_begin", lambda: tf.strided_slice(z([5, 5]), sh(ph([1, 0])), [5, 5])),
        ("ss_strides", lambda: tf.strided_slice(z([5, 5]), [0, 0], [5, 5], sh(ph([1, 2])))),
        ("ss_end_add0", lambda: tf.strided_slice(z([5, 5]), [0, 0], sh(ph()) + 0)),
        ("ss_end_const_shape", lambda: tf.strided_slice(z([5, 5]), [0, 0], sh(z([2, 3])))),
        ("transpose_perm", lambda: tf.transpose(z([4, 5, 6]), sh(ph([0, 1, 2])))),
        ("transpose_perm_identity", lambda: tf.transpose(z([4, 5, 6]),
                                                         tf.identity(sh(ph([0, 1, 2]))))),
        ("transpose_perm_const_shape", lambda: tf.transpose(z([4, 5, 6]), sh(z([0, 1, 2])))),
        ("transpose_perm_sub", lambda: tf.transpose(z([4, 5]), sh(ph()) - 2)),
        ("split_sizes", lambda: tf.split(z([5, 2]), sh(ph()), 0)),
        ("split_sizes_add0", lambda: tf.split(z([5, 2]), sh(ph()) + 0, 0)),
        ("slice_size", lambda: tf.slice(z([5, 5]), [0, 0], sh(ph()))),
        ("tile_multiples", lambda: tf.tile(z([2, 3]), sh(ph()))),
        ("zeros_cast_shape", lambda: tf.zeros(tf.cast(sh(ph()), tf.int64))),
        ("gather_axis_size", lambda: tf.gather(z([2, 3]), [0], axis=size(ph([1])))),
        ("gather_axis_rank", lambda: tf.gather(z([2, 3]), [0], axis=rank(ph([1])))),
        ("gather_axis_rank_add0", lambda: tf.gather(z([2, 3]), [0], axis=rank(ph([1])) + 0)),
        ("range_size", lambda: tf.range(size(ph()))),
        ("range_cast64_size", lambda: tf.range(tf.cast(size(ph()), tf.int64))),
        ("range_fill_size", lambda: tf.range(tf.fill([], size(ph())))),
        ("range_shape_elem", lambda: tf.range(sh(ph())[1])),
        ("one_hot_identity_size", lambda: tf.one_hot([0], tf.identity(size(ph())))),
        ("expand_dims_rank", lambda: tf.expand_dims(z([2, 3]), rank(ph([1])))),
        ("expand_dims_rank_add0", lambda: tf.expand_dims(z([2, 3]), rank(ph([1])) + 0)),
        ("expand_dims_placeholder", lambda: tf.expand_dims(ph(), tf.placeholder(tf.int32, []))),
        ("concat_axis_rank", lambda: tf.concat([z([2, 3]), z([2, 3])], rank(ph([1])))),
        ("reverse_axis_shape", lambda: tf.reverse(z([2, 3]), sh(ph([1])))),
        ("zeros_equal_one_leaf", lambda: tf.zeros(eq_one(sh(ph([4, 5]))))),
        ("zeros_equal_two_leaves", lambda: tf.zeros(eq_two(ph([4, 5])))),
        ("tile_equal_one_leaf", lambda: tf.tile(z([2, 3]), eq_one(sh(ph([4, 5]))))),
        ("tile_equal_two_leaves", lambda: tf.tile(z([2, 3]), eq_two(ph([4, 5])))),
        ("tile_not_equal_one_leaf", lambda: tf.tile(z([2, 3]), tf.cast(
            tf.not_equal(sh(ph([4, 5])), sh(ph([4, 5]))), tf.int32) + 2)),
        ("transpose_equal_one_leaf", lambda: tf.transpose(z([4, 5]), eq_one(sh(ph([4, 5]))))),
        ("transpose_equal_two_leaves", lambda: tf.transpose(z([4, 5]), eq_two(ph([4, 5])))),
        ("split_equal_one_leaf", lambda: tf.split(
            z([5, 2]), eq_one(sh(ph([4, 5]))) * 2 + [1, 0], 0)),
        ("split_cast64_shape", lambda: tf.split(z([5, 2]), tf.cast(sh(ph()), tf.int64), 0)),
    ]


def cases(tf):
    out = {}
    for name, fn in _cases(tf):
        with tf.Graph().as_default():
            try:
                r = fn()
                n = len(tf.get_default_graph().get_operations())
                if isinstance(r, (list, tuple)):
                    out[name] = ["ok", [t.op.name for t in r], [_shape(t) for t in r], n]
                else:
                    out[name] = ["ok", r.op.name, _shape(r), n]
            except Exception as ex:  # noqa: BLE001 - the error is the case's result
                out[name] = [type(ex).__name__, str(ex)[:300]]
    return out
