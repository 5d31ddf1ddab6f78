"""TF 1.14's EvaluateConstantTensor (ExtractConstantSubgraph) feeds a Shape/Rank/Size of a
known shape once per edge of the evaluated subgraph that reads it: a leaf read twice is
fed twice, the run fails and the value is unknown (`reshape(stack([e, e - 1]), [2])` as a
shape is (?, ?)); a shared non-leaf is walked once; ConstantPartialShape evaluates each
Pack element on its own; a value the refiner evaluated before (its const_tensor_map_,
e.g. a Range limit) is fed as one tensor the first time it is reached and walked the next;
TF_TryEvaluateConstant (smart_cond) has no such cache. The evaluated tensor itself, a Size
or Rank, is run on its input (of a placeholder: unknown). Static shapes and op counts of
shapes, multiples, ranges, pads and smart_cond predicates built from such leaves."""


def _shape(t):
    return None if t.shape.ndims is None else t.shape.as_list()


def _cases(tf):
    sz = lambda n: tf.raw_ops.Size(input=tf.zeros([n]))  # noqa: E731
    rs = lambda x, n: tf.reshape(x, [n])  # noqa: E731

    def reshape_cached(e):
        x = tf.stack([e, 1])
        tf.zeros(rs(x, 2))   # (the refiner evaluates the Reshape, not x)
        return tf.zeros(rs(x * e, 2))

    def cached(fn, make=lambda e: e * 1):
        def build(e):
            x = make(e)
            tf.range(x)   # (the refiner evaluates x, Range's limit, and keeps its value)
            return fn(x, e)
        return build

    def sc(p):
        return tf.contrib.framework.smart_cond(p, lambda: tf.zeros([2]) + 1.,
                                               lambda: tf.zeros([2]) - 1.)

    img = lambda: tf.placeholder(tf.float32, [None, 8, 8, 3])  # noqa: E731
    ph = lambda: tf.placeholder(tf.float32, [2, 3])  # noqa: E731
    size_ph = lambda: tf.raw_ops.Size(input=ph())  # noqa: E731
    return [
        ("stack_e_em1", lambda e: tf.zeros(rs(tf.stack([e, e - 1]), 2))),
        ("stack_e_e", lambda e: tf.zeros(rs(tf.stack([e, e]), 2))),
        ("add_e_e", lambda e: tf.zeros(rs(e + e, 1))),
        ("mul_e_2", lambda e: tf.zeros(rs(e * 2, 1))),
        ("stack_e_1", lambda e: tf.zeros(rs(tf.stack([e, 1]), 2))),
        ("stack_e_other", lambda e: tf.zeros(rs(tf.stack([e, sz(3)]), 2))),
        ("shared_nonleaf", lambda e: (lambda f: tf.zeros(rs(tf.stack([f, f + 1]), 2)))(
            e * 1)),
        ("shared_identity", lambda e: (lambda f: tf.zeros(rs(tf.stack([f, f + 1]), 2)))(
            tf.identity(e))),
        ("two_via_ops", lambda e: tf.zeros(rs(tf.stack([e * 1, e - 1]), 2))),
        ("cast_twice", lambda e: tf.zeros(rs(tf.stack([e, tf.cast(tf.cast(e, tf.int64),
                                                                   tf.int32)]), 2))),
        ("pack_direct", lambda e: tf.zeros(tf.stack([e, e + 1]))),
        ("pack_direct_e_e", lambda e: tf.zeros(tf.stack([e, e]))),
        ("pack_elem_e_e", lambda e: tf.zeros(tf.stack([e + e, 3]))),
        ("concat_parts", lambda e: tf.zeros(tf.concat([tf.stack([e]), tf.stack([e + 1])],
                                                      0))),
        ("concat_whole", lambda e: tf.zeros(rs(tf.concat([tf.stack([e]),
                                                          tf.stack([e + 1])], 0), 2))),
        ("rank_two", lambda e: (lambda r: tf.zeros(rs(tf.stack([r, r - 1]), 2)))(
            tf.raw_ops.Rank(input=tf.zeros([1, 1, 1])))),
        ("shape_two", lambda e: (lambda s: tf.zeros(rs(s + s, 2)))(
            tf.raw_ops.Shape(input=tf.zeros([2, 3])))),
        ("shape_slices", lambda e: (lambda s: tf.zeros(rs(tf.stack([s[0], s[1]]), 2)))(
            tf.raw_ops.Shape(input=tf.zeros([2, 3])))),
        ("shape_once", lambda e: tf.zeros(rs(tf.raw_ops.Shape(input=tf.zeros([2, 3])) * 2,
                                              2))),
        ("tile_e_e", lambda e: tf.tile(tf.zeros([1, 1]), tf.stack([e, e]))),
        ("tile_e_3", lambda e: tf.tile(tf.zeros([1, 1]), tf.stack([e, 3]))),
        ("range_e_e", lambda e: tf.range(e + e)),
        ("range_e_2", lambda e: tf.range(e * 2)),
        ("range_start_limit", lambda e: tf.range(e, e + 3)),
        ("slice_size", lambda e: tf.slice(tf.zeros([5, 5]), [0, 0], tf.stack([e, e + 1]))),
        ("random_shape", lambda e: tf.random_uniform(rs(tf.stack([e, e]), 2))),
        ("reshape_cached", reshape_cached),
        ("cached_stack_x_e", cached(lambda x, e: tf.zeros(rs(tf.stack([x, e]), 2)))),
        ("cached_add_stack_x_e", cached(lambda x, e: tf.zeros(rs(tf.stack([x, e]), 2)),
                                        lambda e: e + 0)),
        ("cached_stack_x_x_e", cached(lambda x, e: tf.zeros(rs(tf.stack([x, x, e]), 3)))),
        ("cached_stack_x_x", cached(lambda x, e: tf.zeros(rs(tf.stack([x, x]), 2)))),
        ("cached_add", cached(lambda x, e: tf.zeros(rs(x + e, 1)))),
        ("cached_range", cached(lambda x, e: tf.range(x + e + 0))),
        ("cached_slice", cached(lambda x, e: tf.range(tf.stack([x, e])[0]))),
        ("cached_sum", cached(lambda x, e: tf.range(tf.reduce_sum(tf.stack([x, e]))))),
        ("cached_pack_elem", cached(lambda x, e: tf.zeros(tf.stack([x + e, 1])))),
        ("cached_twice", cached(lambda x, e: tf.zeros(rs(x + e, 1) + 0))),
        ("cached_double", cached(lambda x, e: tf.range(x * e + e))),
        ("uncached_range", lambda e: tf.range(e * 1 + e)),
        ("smart_cond_cached", cached(lambda x, e: sc(tf.equal(x + e, 4)))),
        ("uncached", lambda e: tf.zeros(rs(tf.stack([e, 1]) * e, 2))),
        ("pad_to_bbox", lambda e: tf.image.pad_to_bounding_box(img(), sz(1), sz(2), sz(10),
                                                               sz(11))),
        ("pad_to_bbox_const", lambda e: tf.image.pad_to_bounding_box(img(), 1, 2, 10, 11)),
        ("resize_with_pad", lambda e: tf.image.resize_image_with_pad(img(), sz(10),
                                                                     sz(11))),
        # the evaluated tensor itself is run on its input, not materialized
        ("target_size_ph", lambda e: tf.range(size_ph())),
        ("target_rank_ph", lambda e: tf.range(tf.raw_ops.Rank(input=ph()))),
        ("target_size_zeros", lambda e: tf.range(tf.raw_ops.Size(input=tf.zeros([2, 3])))),
        ("target_rank_zeros", lambda e: tf.range(tf.raw_ops.Rank(input=tf.zeros([2, 3])))),
        ("pack_elem_size_ph", lambda e: tf.zeros(tf.stack([size_ph(), 1]))),
        ("read_size_ph", lambda e: tf.range(size_ph() + 0)),
        ("one_hot_size_ph", lambda e: tf.one_hot([0], size_ph())),
        ("smart_cond_size_ph", lambda e: sc(tf.equal(size_ph(), 6))),
        ("smart_cond_e_e", lambda e: sc(tf.equal(e + e, 4))),
        ("smart_cond_e_2", lambda e: sc(tf.equal(e * 2, 4))),
        ("smart_cond_stack", lambda e: sc(tf.equal(tf.reduce_sum(tf.stack([e, e])), 4))),
        ("smart_cond_less", lambda e: sc(tf.less(e, e + 1))),
    ]


def cases(tf):
    out = {}
    for name, fn in _cases(tf):
        with tf.Graph().as_default():
            e = tf.raw_ops.Size(input=tf.zeros([2]))
            try:
                r = fn(e)
                out[name] = ["ok", r.op.name, _shape(r),
                             len(tf.get_default_graph().get_operations())]
            except Exception as ex:  # noqa: BLE001 - the error is the case's result
                out[name] = [type(ex).__name__, str(ex)[:300]]
    return out
