"""Two parts. (1) A binary op's gradient that receives IndexedSlices (a GatherV2
downstream): TF 1.14 converts the slices at each op that reads them, inside that op's scope
(`mul_grad/Mul/x`, `add_grad/Sum/input`, `Maximum_grad/Select/t`,
`SquaredDifference_grad/mul_1/x`); each case records the gradient's ops (name, type,
inputs, control inputs) and values. (2) Python wrappers reading an argument's value when
building, with arguments built from Size/Rank/Fill/Pack/ConcatV2/Less: smart_cond
(tensor_util.constant_value, then TF_TryEvaluateConstant), keras and contrib.layers'
training flags, keras hinge labels, train.batch/bucket keep_input and batch sizes, tf.data
batch sizes and drop_remainder, distributions' sample_shape, seq2seq's AttentionWrapper
batch check and beam penalties, image resize sizes; the op type, static shape and op
count of the result, or the error, and feedability after the read."""


def _shape(t):
    return None if t.shape.ndims is None else t.shape.as_list()


def _res(tf, ts):
    if not isinstance(ts, (list, tuple)):
        ts = [ts]
    out = []
    for t in ts:
        if t is None:
            out.append(None)
        elif hasattr(t, "output_shapes"):
            out.append(["ds", str(tf.compat.v1.data.get_output_shapes(t))])
        elif hasattr(t, "batch_shape"):
            out.append(["dist", str(t.batch_shape), str(t.event_shape)])
        else:
            out.append([t.op.type, _shape(t)])
    return {"out": out, "ops": len(tf.get_default_graph().get_operations())}


def _size(tf, n):
    return tf.raw_ops.Size(input=tf.zeros([n]))


def _beam_step(tf, pen):
    cell = tf.nn.rnn_cell.GRUCell(3)
    dec = tf.contrib.seq2seq.BeamSearchDecoder(
        cell, tf.zeros([5, 2]), tf.fill([2], 1), 2, cell.zero_state(6, tf.float32), 3,
        length_penalty_weight=pen)
    _, inputs, state = dec.initialize()
    out = dec.step(0, inputs, state)
    return [out[0].scores, out[0].predicted_ids]


def _rs(tf, init, target):
    """rejection_resample's dataset (static prob_of_original: zip, filter or sample)."""
    ds = tf.data.Dataset.range(10).map(lambda x: tf.cast(x % 2, tf.int32))
    return tf.data.experimental.rejection_resample(lambda x: x, target, init, seed=3)(ds)


def _probe_cases(tf):
    sz = lambda n: _size(tf, n)  # noqa: E731
    rk = lambda n: tf.raw_ops.Rank(input=tf.zeros([1] * n))  # noqa: E731
    return [
        ("smart_cond_equal_size", lambda v: tf.contrib.framework.smart_cond(
            tf.equal(sz(2), 2), lambda: v["z"] + 1., lambda: v["z"] - 1.)),
        ("smart_cond_fill", lambda v: tf.contrib.framework.smart_cond(
            tf.fill([], True), lambda: v["z"] + 1., lambda: v["z"] - 1.)),
        ("smart_cond_less", lambda v: tf.contrib.framework.smart_cond(
            tf.less(1, 2), lambda: v["z"] + 1., lambda: v["z"] - 1.)),
        ("smart_cond_cast_size", lambda v: tf.contrib.framework.smart_cond(
            tf.cast(sz(1), tf.bool), lambda: v["z"] + 1., lambda: v["z"] - 1.)),
        ("smart_constant_value_less", lambda v: tf.stack([v["z"][0, 0], float(
            tf.contrib.framework.smart_constant_value(tf.less(1, 2)) or 0)])),
        ("keras_dropout_training_fill", lambda v: tf.keras.layers.Dropout(0.5)(
            v["z"], training=tf.fill([], False))),
        ("keras_dropout_training_less", lambda v: tf.keras.layers.Dropout(0.5)(
            v["z"], training=tf.less(2, 1))),
        ("keras_bn_training_fill", lambda v: tf.keras.layers.BatchNormalization()(
            v["z"], training=tf.fill([], False))),
        ("hinge_labels_stack", lambda v: tf.keras.losses.hinge(
            tf.stack([[0., 1., 1.], [1., 0., 0.]]), v["z"])),
        ("hinge_labels_const", lambda v: tf.keras.losses.hinge(
            tf.constant([[0., 1., 1.], [1., 0., 0.]]), v["z"])),
        ("sq_hinge_labels_concat", lambda v: tf.keras.losses.squared_hinge(
            tf.concat([[[0., 1., 1.]], [[1., 0., 0.]]], 0), v["z"])),
        ("hinge_labels_fill", lambda v: tf.keras.losses.hinge(tf.fill([2, 3], 1.0), v["z"])),
        ("train_batch_keep_fill", lambda v: tf.train.batch(
            [v["z"][0]], 4, keep_input=tf.fill([], True))),
        ("train_batch_keep_equal", lambda v: tf.train.batch(
            [v["z"][0]], 4, keep_input=tf.equal(sz(1), 1))),
        ("train_batch_size_size", lambda v: tf.train.batch([v["z"][0]], sz(4))),
        ("train_shuffle_keep_fill", lambda v: tf.train.shuffle_batch(
            [v["z"][0]], 4, 10, 2, keep_input=tf.fill([], False))),
        ("maybe_batch_fill", lambda v: tf.train.maybe_batch(
            [v["z"][0]], tf.fill([], True), 4)),
        ("bucket_keep_fill", lambda v: tf.contrib.training.bucket(
            [v["z"][0]], tf.constant(0), 4, 2, keep_input=tf.fill([], True))[1]),
        ("bucket_batch_size_size", lambda v: tf.contrib.training.bucket(
            [v["z"][0]], tf.constant(0), [sz(4), 3], 2)[1]),
        ("bucket_seq_len_size", lambda v: tf.contrib.training.bucket_by_sequence_length(
            tf.constant(3), [v["z"][0]], sz(4), [2])[1]),
        ("resize_size_stack", lambda v: tf.image.resize_images(v["img"], tf.stack([4, 4]))),
        ("resize_size_stack_sizes", lambda v: tf.image.resize_images(
            v["img"], tf.stack([sz(4), sz(5)]))),
        ("resize_size_same_concat", lambda v: tf.image.resize_images(
            v["img"], tf.concat([[8], [8]], 0))),
        ("resize_size_fill", lambda v: tf.image.resize_images(v["img"], tf.fill([2], 3))),
        ("resize_nn_stack", lambda v: tf.image.resize_nearest_neighbor(
            v["img"], tf.stack([4, sz(5)]))),
        ("resize_bilinear_fill", lambda v: tf.image.resize_bilinear(v["img"], tf.fill([2], 3))),
        ("resize_crop_or_pad_size", lambda v: tf.image.resize_image_with_crop_or_pad(
            v["img"], sz(4), sz(6))),
        ("crop_bbox_size", lambda v: tf.image.crop_to_bounding_box(
            v["img"], sz(1), sz(2), sz(4), sz(3))),
        ("central_crop_img", lambda v: tf.image.central_crop(v["img"], 0.5)),
        ("crop_and_resize_stack", lambda v: tf.image.crop_and_resize(
            v["img"], [[0., 0., 1., 1.]], [0], tf.stack([3, 4]))),
        ("extract_glimpse_stack", lambda v: tf.image.extract_glimpse(
            v["imgk"], tf.stack([2, 2]), [[0., 0.]])),
        ("ds_batch_fill", lambda v: tf.data.Dataset.range(10).batch(
            tf.fill([], tf.constant(2, tf.int64)), drop_remainder=True)),
        ("ds_batch_drop_fill", lambda v: tf.data.Dataset.range(10).batch(
            2, drop_remainder=tf.fill([], True))),
        ("ds_batch_drop_less", lambda v: tf.data.Dataset.range(10).batch(
            2, drop_remainder=tf.less(1, 2))),
        ("ds_batch_size_cast", lambda v: tf.data.Dataset.range(10).batch(
            tf.cast(sz(3), tf.int64), drop_remainder=True)),
        ("ds_padded_batch_stack", lambda v: tf.data.Dataset.range(10).map(
            lambda x: tf.fill([x], x)).padded_batch(2, tf.stack([tf.constant(12, tf.int64)]))),
        ("ds_padded_batch_drop_fill", lambda v: tf.data.Dataset.range(10).map(
            lambda x: tf.fill([x], x)).padded_batch(2, [12], drop_remainder=tf.fill([], True))),
        ("ds_map_and_batch_fill", lambda v: tf.data.Dataset.range(10).apply(
            tf.data.experimental.map_and_batch(lambda x: x, tf.fill([], tf.constant(
                2, tf.int64)), drop_remainder=True))),
        ("dist_normal_sample_stack", lambda v: tf.distributions.Normal(0., 1.).sample(
            tf.stack([2, 3]), seed=1)),
        ("dist_normal_sample_size", lambda v: tf.distributions.Normal(0., 1.).sample(
            sz(2), seed=1)),
        ("dist_normal_sample_concat", lambda v: tf.distributions.Normal(
            [0., 1.], 1.).sample(tf.concat([[2], [sz(3)]], 0), seed=1)),
        ("dist_normal_log_prob_sample", lambda v: tf.distributions.Normal(0., 1.).log_prob(
            tf.distributions.Normal(0., 1.).sample(tf.fill([1], 4), seed=1))),
        ("dist_categorical_sample_fill", lambda v: tf.distributions.Categorical(
            logits=[0., 1.]).sample(tf.fill([2], 2), seed=2)),
        ("dist_bernoulli_sample_rank", lambda v: tf.distributions.Bernoulli(
            probs=0.5).sample(rk(3), seed=3)),
        ("contrib_bn_is_training_less", lambda v: tf.contrib.layers.batch_norm(
            v["z"], is_training=tf.less(1, 2))),
        ("contrib_bn_is_training_fill", lambda v: tf.contrib.layers.batch_norm(
            v["z"], is_training=tf.fill([], False))),
        ("contrib_bn_fused_is_training_fill", lambda v: tf.contrib.layers.batch_norm(
            v["imgk"], is_training=tf.fill([], False), fused=True)),
        ("contrib_dropout_is_training_less", lambda v: tf.contrib.layers.dropout(
            v["z"], is_training=tf.less(2, 1))),
        ("layers_dropout_training_less", lambda v: tf.layers.dropout(
            v["z"], training=tf.less(2, 1))),
        ("layers_bn_training_fill", lambda v: tf.layers.batch_normalization(
            v["z"], training=tf.fill([], False))),
        ("keras_bn_training_less", lambda v: tf.keras.layers.BatchNormalization()(
            v["z"], training=tf.less(2, 1))),
        ("attention_zero_state_fill_bad", lambda v: tf.contrib.seq2seq.AttentionWrapper(
            tf.nn.rnn_cell.GRUCell(3), tf.contrib.seq2seq.BahdanauAttention(
                3, tf.zeros([2, 4, 3]))).zero_state(tf.fill([], 3), tf.float32).cell_state),
        ("attention_zero_state_size_ok", lambda v: tf.contrib.seq2seq.AttentionWrapper(
            tf.nn.rnn_cell.GRUCell(3), tf.contrib.seq2seq.BahdanauAttention(
                3, tf.zeros([2, 4, 3]))).zero_state(sz(2), tf.float32).cell_state),
        ("beam_step_penalties_fill", lambda v: _beam_step(tf, tf.fill([], 0.0))),
        ("beam_step_penalties_size", lambda v: _beam_step(tf, tf.cast(sz(0), tf.float32))),
        ("ds_padded_batch_drop_less", lambda v: tf.data.Dataset.range(10).map(
            lambda x: tf.fill([x], x)).padded_batch(2, [12], drop_remainder=tf.less(1, 2))),
        ("ds_map_and_batch_npb", lambda v: tf.data.Dataset.range(10).apply(
            tf.data.experimental.map_and_batch(lambda x: x, 2, num_parallel_batches=3))),
        ("rs_same_stack", lambda v: _rs(tf, tf.stack([0.5, 0.5]), tf.stack([0.5, 0.5]))),
        ("rs_same_fill", lambda v: _rs(tf, tf.fill([2], 0.5), tf.fill([2], 0.5))),
        ("rs_zero_concat", lambda v: _rs(tf, tf.concat([[0.5], [0.5]], 0), [0.0, 1.0])),
        ("rs_const", lambda v: _rs(tf, [0.5, 0.5], [0.5, 0.5])),
        ("cce_ls_fill0", lambda v: tf.keras.losses.categorical_crossentropy(
            v["y"], v["z"], label_smoothing=tf.fill([], 0.0))),
        ("cce_ls_fill", lambda v: tf.keras.losses.categorical_crossentropy(
            v["y"], v["z"], label_smoothing=tf.fill([], 0.1))),
        ("cce_ls_less", lambda v: tf.keras.losses.categorical_crossentropy(
            v["y"], v["z"], label_smoothing=tf.cast(tf.less(2, 1), tf.float32))),
        ("bce_ls_fill0", lambda v: tf.keras.losses.binary_crossentropy(
            v["y"], v["z"], label_smoothing=tf.fill([], 0.0))),
        ("bce_ls_py", lambda v: tf.keras.losses.binary_crossentropy(
            v["y"], v["z"], label_smoothing=0.2)),
        ("cce_class_ls_fill0", lambda v: tf.keras.losses.CategoricalCrossentropy(
            label_smoothing=tf.fill([], 0.0))(v["y"], v["z"])),
        ("resize_same_stack_sizes", lambda v: tf.image.resize_images(
            v["img"], tf.stack([sz(8), sz(8)]))),
        ("resize_same_fill", lambda v: tf.image.resize_images(v["img"], tf.fill([2], 8))),
        ("resize_nn_same_concat", lambda v: tf.image.resize_images(
            v["img"], tf.concat([[8], [sz(8)]], 0), method=1)),
        ("crop_or_pad_same_size", lambda v: tf.image.resize_image_with_crop_or_pad(
            v["img"], sz(8), sz(8))),
        ("resize_preserve_fill", lambda v: tf.image.resize_images(
            v["img"], tf.fill([2], 4), preserve_aspect_ratio=True)),
        ("sparse_cce_fill", lambda v: tf.keras.losses.sparse_categorical_crossentropy(
            tf.fill([2], 1), v["z"])),
        ("hinge_var_labels", lambda v: tf.keras.losses.hinge(tf.cast(tf.less(
            tf.zeros([2, 3]), 1.0), tf.float32), v["z"])),
        ("tile_batch_mult", lambda v: tf.contrib.seq2seq.tile_batch(v["du"], 3)),
        ("ssim_const", lambda v: tf.image.ssim(v["imgk"], v["imgk"], 1.0, filter_size=3)),
    ]


def _feedable(tf, make, build):
    """Whether the tensor `make()` gives can still be fed once `build` read it."""
    t = make()
    build(t)
    return {"feedable": tf.get_default_graph().is_feedable(t)}


def _feed_cases(tf):
    return [
        ("feed_smart_cond_fill", lambda v: _feedable(
            tf, lambda: tf.fill([], True), lambda t: tf.contrib.framework.smart_cond(
                t, lambda: v["z"] + 1., lambda: v["z"] - 1.))),
        ("feed_smart_cond_less", lambda v: _feedable(
            tf, lambda: tf.less(1, 2), lambda t: tf.contrib.framework.smart_cond(
                t, lambda: v["z"] + 1., lambda: v["z"] - 1.))),
        ("feed_ds_batch_size_fill", lambda v: _feedable(
            tf, lambda: tf.fill([], tf.constant(2, tf.int64)),
            lambda t: tf.data.Dataset.range(10).batch(t, drop_remainder=True))),
        ("feed_dist_sample_shape_fill", lambda v: _feedable(
            tf, lambda: tf.fill([1], 4), lambda t: tf.distributions.Normal(0., 1.).sample(
                t, seed=1))),
        ("feed_keras_training_less", lambda v: _feedable(
            tf, lambda: tf.less(2, 1), lambda t: tf.keras.layers.Dropout(0.5)(
                v["z"], training=t))),
    ]


def _static_cases(tf):
    out = {}
    for name, fn in _probe_cases(tf) + _feed_cases(tf):
        with tf.Graph().as_default():
            v = {"x": tf.placeholder(tf.float32, [None, 6, 4]),
                 "z": tf.placeholder(tf.float32, [2, 3]),
                 "y": tf.placeholder(tf.float32, [2, 3]),
                 "du": tf.placeholder(tf.float32, [None, 2]),
                 "img": tf.placeholder(tf.float32, [None, 8, 8, 3]),
                 "imgk": tf.placeholder(tf.float32, [1, 4, 4, 3])}
            try:
                r = fn(v)
                out[name] = ["ok", r if isinstance(r, dict) else _res(tf, r)]
            except Exception as e:  # noqa: BLE001 - the error is the case's result
                out[name] = [type(e).__name__, str(e)[:300]]
    return out



def _listing(tf, n0):
    out = []
    for o in tf.get_default_graph().get_operations()[n0:]:
        out.append([o.name, o.type, [i.name for i in o.inputs],
                    sorted(c.name for c in o.control_inputs)])
    return out


def _binary_cases(tf):
    return [
        ("add", lambda d, y: d + y),
        ("sub", lambda d, y: d - y),
        ("mul", lambda d, y: d * y),
        ("mul_scalar", lambda d, y: d * 2.0),
        ("div", lambda d, y: d / y),
        ("div_no_nan", lambda d, y: tf.div_no_nan(d, y)),
        ("maximum", lambda d, y: tf.maximum(d, y)),
        ("minimum", lambda d, y: tf.minimum(d, y)),
        ("squared_difference", lambda d, y: tf.squared_difference(d, y)),
        ("xlogy", lambda d, y: tf.math.xlogy(d, y)),
        ("xdivy", lambda d, y: tf.math.xdivy(d, y)),
        ("pow", lambda d, y: tf.pow(d, y)),
    ]


def cases(tf):
    import numpy as np
    dv = np.array([[1.0, 2.0], [0.5, 3.0], [2.0, 4.0]], np.float32)
    yv = np.array([1.5, 2.0], np.float32)
    out = {}
    for name, fn in _binary_cases(tf):
        with tf.Graph().as_default():
            d = tf.placeholder(tf.float32, [3, 2])
            y = tf.placeholder(tf.float32, [2])
            m = fn(d, y)
            n0 = len(tf.get_default_graph().get_operations())
            g = tf.gradients(tf.gather(m, [0, 2, 0]), [d, y])
            ops = _listing(tf, n0)
            with tf.Session() as s:
                vals = s.run([t for t in g if t is not None], {d: dv, y: yv})
            out["grad_" + name] = {"ops": ops,
                                   "values": [np.round(v, 5).tolist() for v in vals]}
    with tf.Graph().as_default():
        # two products of one IndexedSlices gradient: Mul/x and Mul_1/y in each scope
        d = tf.placeholder(tf.float32, [3, 2])
        e = tf.placeholder(tf.float32, [3, 2])
        n0 = len(tf.get_default_graph().get_operations())
        g = tf.gradients([tf.gather(d * 2, [0, 2]), tf.gather(d * e, [1])], [d, e])
        ops = _listing(tf, n0)
        with tf.Session() as s:
            vals = s.run(g, {d: dv, e: dv + 1})
        out["grad_mul_two_gathers"] = {"ops": ops,
                                       "values": [np.round(v, 5).tolist() for v in vals]}
    out.update(_static_cases(tf))
    return out
