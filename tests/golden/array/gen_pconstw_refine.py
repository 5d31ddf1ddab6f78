"""Python wrappers that read an argument's value when building, as TF 1.14's do with
tensor_util.constant_value (Const, Shape/Size/Rank of known shapes, Range, Cast,
ConcatV2, Pack, Fill of a known shape, Equal/NotEqual): atrous convolutions
(with_space_to_batch, required_space_to_batch_paddings, depthwise_conv2d's rate), signal
framing and windows, sort's axis, RNN zero states and DropoutWrapper's keep
probabilities, ragged row ids and reductions, softmax's dim, dropout's rate, gather's
batch_dims, and the gradients of Sum, ConcatV2 and GatherV2. Each case records the result's
op type, static shape(s) and the graph's op count, or the error raised when building."""


def _shape(t):
    return None if t.shape.ndims is None else t.shape.as_list()


def _res(tf, ts):
    """Op types and static shapes of `ts` (a tensor or a list) and the graph's op count."""
    if not isinstance(ts, (list, tuple)):
        ts = [ts]
    out = []
    for t in ts:
        if t is None:
            out.append(None)
        elif hasattr(t, "flat_values"):
            out.append(["ragged", _shape(t.flat_values),
                        [_shape(s) for s in t.nested_row_splits]])
        elif hasattr(t, "dense_shape"):
            out.append(["slices", _shape(t.values), _shape(t.indices)])
        else:
            out.append([t.op.type, _shape(t)])
    return {"out": out, "ops": len(tf.get_default_graph().get_operations())}


def _size(tf, n):
    """A Size op of a known shape whose value is `n` (tf.size itself makes a Const)."""
    return tf.raw_ops.Size(input=tf.zeros([n]))


def _feedable(tf, make, build):
    """Whether the tensor `make()` gives can still be fed once `build` read it."""
    t = make()
    build(t)
    return {"feedable": tf.get_default_graph().is_feedable(t)}


def _cases(tf):
    sz = lambda n: _size(tf, n)  # noqa: E731
    rk = lambda n: tf.raw_ops.Rank(input=tf.zeros([1] * n))  # noqa: E731
    fl = lambda n: tf.fill([], n)  # noqa: E731
    f33 = lambda: tf.zeros([3, 3, 3, 1])  # noqa: E731
    return [
        # -- depthwise_conv2d / with_space_to_batch: the rate and filter shape
        ("depthwise_rate_stack", lambda v: tf.nn.depthwise_conv2d(
            v["imgk"], f33(), [1, 1, 1, 1], "SAME", rate=tf.stack([2, 2]))),
        ("depthwise_rate_stack_valid", lambda v: tf.nn.depthwise_conv2d(
            v["imgk"], f33(), [1, 1, 1, 1], "VALID", rate=tf.stack([2, 2]))),
        ("depthwise_rate_ones_stack", lambda v: tf.nn.depthwise_conv2d(
            v["imgk"], f33(), [1, 1, 1, 1], "SAME", rate=tf.stack([1, 1]))),
        ("depthwise_rate_fill", lambda v: tf.nn.depthwise_conv2d(
            v["imgk"], f33(), [1, 1, 1, 1], "SAME", rate=tf.fill([2], 2))),
        ("depthwise_rate_neg_concat", lambda v: tf.nn.depthwise_conv2d(
            v["imgk"], f33(), [1, 1, 1, 1], "SAME", rate=tf.concat([[0], [2]], 0))),
        ("depthwise_rate_unknown_img", lambda v: tf.nn.depthwise_conv2d(
            v["img"], f33(), [1, 1, 1, 1], "SAME", rate=tf.stack([2, 2]))),
        ("wstb_rate_stack", lambda v: tf.nn.with_space_to_batch(
            v["imgk"], tf.stack([2, 2]), "SAME",
            lambda x, n, p: tf.nn.conv2d(x, tf.zeros([3, 3, 3, 2]), [1, 1, 1, 1], p),
            filter_shape=[3, 3])),
        ("wstb_filter_concat", lambda v: tf.nn.with_space_to_batch(
            v["imgk"], [2, 2], "SAME",
            lambda x, n, p: tf.nn.conv2d(x, tf.zeros([3, 3, 3, 2]), [1, 1, 1, 1], p),
            filter_shape=tf.concat([[3], [3]], 0))),
        ("wstb_filter_stack_sizes", lambda v: tf.nn.with_space_to_batch(
            v["imgk"], [2, 2], "SAME",
            lambda x, n, p: tf.nn.conv2d(x, tf.zeros([3, 3, 3, 2]), [1, 1, 1, 1], p),
            filter_shape=tf.stack([sz(3), sz(3)]))),
        ("wstb_rate_ones_fill", lambda v: tf.nn.with_space_to_batch(
            v["imgk"], tf.fill([2], 1), "VALID",
            lambda x, n, p: tf.nn.conv2d(x, tf.zeros([3, 3, 3, 2]), [1, 1, 1, 1], p))),
        ("wstb_rate_unknown_img", lambda v: tf.nn.with_space_to_batch(
            v["img"], tf.stack([2, 2]), "VALID",
            lambda x, n, p: tf.nn.conv2d(x, tf.zeros([3, 3, 3, 2]), [1, 1, 1, 1], p))),
        ("required_paddings_stack", lambda v: tf.required_space_to_batch_paddings(
            tf.stack([4, 5]), [2, 2])),
        ("required_paddings_base_fill", lambda v: tf.required_space_to_batch_paddings(
            [4, 5], [2, 2], base_paddings=tf.fill([2, 2], 1))),
        ("required_paddings_shape", lambda v: tf.required_space_to_batch_paddings(
            tf.shape(v["z"]), tf.stack([2, 2]))),
        ("required_paddings_partial", lambda v: tf.required_space_to_batch_paddings(
            tf.shape(v["x"])[1:], [2, 2])),
        # -- signal
        ("frame_sizes", lambda v: tf.signal.frame(tf.zeros([10]), sz(4), sz(2))),
        ("frame_rank_step", lambda v: tf.signal.frame(tf.zeros([10]), 4, rk(3))),
        ("frame_axis_size", lambda v: tf.signal.frame(tf.zeros([10, 2]), 4, 2, axis=sz(0))),
        ("frame_pad_sizes", lambda v: tf.signal.frame(tf.zeros([10]), sz(4), sz(3),
                                                      pad_end=True)),
        ("overlap_add_size", lambda v: tf.signal.overlap_and_add(tf.zeros([3, 4]), sz(2))),
        ("overlap_add_stack0", lambda v: tf.signal.overlap_and_add(
            tf.zeros([3, 4]), tf.stack([2])[0])),
        ("hann_size", lambda v: tf.signal.hann_window(sz(5))),
        ("hamming_size_periodic", lambda v: tf.signal.hamming_window(sz(1))),
        ("hann_size_one", lambda v: tf.signal.hann_window(sz(1), periodic=False)),
        ("stft_sizes", lambda v: tf.signal.stft(tf.zeros([100]), sz(16), sz(8))),
        ("stft_fft_size", lambda v: tf.signal.stft(tf.zeros([100]), 16, 8, sz(32))),
        ("inverse_stft_sizes", lambda v: tf.signal.inverse_stft(
            tf.zeros([5, 9], tf.complex64), sz(16), sz(8))),
        ("inverse_stft_fft_size", lambda v: tf.signal.inverse_stft(
            tf.zeros([5, 9], tf.complex64), 16, 8, sz(16))),
        ("rfft_fft_stack", lambda v: tf.signal.rfft(tf.zeros([4, 10]), tf.stack([sz(8)]))),
        ("inverse_stft_window_size", lambda v: tf.signal.inverse_stft_window_fn(sz(8))(
            16, tf.float32)),
        ("inverse_stft_window_fill_length", lambda v: tf.signal.inverse_stft_window_fn(4)(
            fl(16), tf.float32)),
        ("overlap_add_fill_fast", lambda v: tf.signal.overlap_and_add(
            tf.zeros([3, 4]), fl(4))),
        ("frame_concat_length_bad", lambda v: tf.signal.frame(
            tf.zeros([10]), tf.concat([[4]], 0), 2)),
        # -- sort's axis
        ("sort_axis_size", lambda v: tf.sort(v["z"], axis=sz(1))),
        ("sort_axis_rank", lambda v: tf.sort(v["z"], axis=rk(0))),
        ("argsort_axis_size", lambda v: tf.argsort(v["z"], axis=sz(0))),
        ("sort_axis_fill", lambda v: tf.sort(v["z"], axis=fl(0))),
        ("sort_axis_shape_elem", lambda v: tf.sort(v["z"], axis=tf.shape(v["z"])[0])),
        ("frame_fill", lambda v: tf.signal.frame(tf.zeros([10]), fl(4), fl(2))),
        ("frame_fill_axis", lambda v: tf.signal.frame(tf.zeros([10, 2]), 4, 2, axis=fl(0))),
        ("overlap_add_fill", lambda v: tf.signal.overlap_and_add(tf.zeros([3, 4]), fl(2))),
        ("hann_fill", lambda v: tf.signal.hann_window(fl(5))),
        ("hann_fill_one", lambda v: tf.signal.hann_window(fl(1))),
        ("stft_fill", lambda v: tf.signal.stft(tf.zeros([100]), fl(16), fl(8))),
        ("inverse_stft_fill", lambda v: tf.signal.inverse_stft(
            tf.zeros([5, 9], tf.complex64), fl(16), fl(8))),
        ("rfft_fft_concat", lambda v: tf.signal.rfft(tf.zeros([4, 10]),
                                                     tf.concat([[8]], 0))),
        # -- softmax's dim, dropout's rate, gather's batch_dims
        ("softmax_dim_size", lambda v: tf.nn.softmax(v["z"], axis=sz(0))),
        ("softmax_dim_size_bad", lambda v: tf.nn.softmax(v["z"], axis=sz(5))),
        ("log_softmax_dim_rank", lambda v: tf.nn.log_softmax(v["z"], axis=rk(0))),
        ("dropout_rate_fill", lambda v: tf.nn.dropout(v["z"], rate=tf.fill([], 0.0))),
        ("dropout_rate_cast_size", lambda v: tf.nn.dropout(
            v["z"], rate=tf.cast(sz(0), tf.float32))),
        ("softmax_dim_fill_bad", lambda v: tf.nn.softmax(v["z"], axis=fl(3))),
        ("dropout_keep_fill", lambda v: tf.nn.dropout(v["z"], keep_prob=tf.fill([], 1.0))),
        ("gather_batch_dims_const", lambda v: tf.gather(
            tf.zeros([2, 3, 4]), tf.zeros([2, 5], tf.int32), batch_dims=tf.constant(1),
            axis=1)),
        ("softmax_dim_const_tensor", lambda v: tf.nn.softmax(v["z"], axis=tf.constant(0))),
        ("log_softmax_dim_const_last", lambda v: tf.nn.log_softmax(v["z"],
                                                                   axis=tf.constant(-1))),
        ("gather_batch_dims_size", lambda v: tf.gather(
            tf.zeros([2, 3, 4]), tf.zeros([2, 5], tf.int32), batch_dims=sz(1), axis=1)),
        # -- random ops' shapes (their shape functions read the shape tensor)
        ("random_uniform_stack", lambda v: tf.random.uniform(tf.stack([sz(2), 3]))),
        ("random_normal_concat_partial", lambda v: tf.random.normal(
            tf.concat([tf.shape(v["x"])[1:], [sz(2)]], 0))),
        ("truncated_normal_fill", lambda v: tf.random.truncated_normal(tf.fill([2], 3))),
        ("random_uniform_int_stack", lambda v: tf.random.uniform(
            tf.stack([2, sz(3)]), maxval=5, dtype=tf.int32)),
        ("random_gamma_stack", lambda v: tf.random.gamma(tf.stack([sz(2)]), [1.0, 2.0])),
        ("random_poisson_concat", lambda v: tf.random.poisson(
            [1.0, 2.0], tf.concat([[2], [sz(3)]], 0))),
        ("multinomial_size", lambda v: tf.multinomial(tf.zeros([2, 3]), sz(4))),
        ("categorical_fill", lambda v: tf.random.categorical(tf.zeros([2, 3]), fl(5))),
        ("random_crop_stack", lambda v: tf.random_crop(tf.zeros([5, 5, 3]),
                                                       tf.stack([2, sz(2), 3]))),
        ("stateless_uniform_stack", lambda v: tf.random.stateless_uniform(
            tf.stack([sz(2), 3]), seed=[1, 2])),
        ("stateless_normal_partial", lambda v: tf.random.stateless_normal(
            tf.shape(v["x"])[:2], seed=[1, 2])),
        ("stateless_multinomial_size", lambda v: tf.random.stateless_multinomial(
            tf.zeros([2, 3]), sz(4), seed=[1, 2])),
        ("random_shuffle_fill", lambda v: tf.random.shuffle(tf.fill(tf.stack([sz(3)]), 1.0))),
        # -- RNN: zero states, DropoutWrapper, dynamic_rnn
        ("lstm_zero_state_size", lambda v: tf.nn.rnn_cell.BasicLSTMCell(4).zero_state(
            sz(3), tf.float32)),
        ("gru_zero_state_rank", lambda v: [tf.nn.rnn_cell.GRUCell(5).zero_state(
            rk(2), tf.float32)]),
        ("gru_zero_state_shape_elem", lambda v: [tf.nn.rnn_cell.GRUCell(5).zero_state(
            tf.shape(v["x"])[0], tf.float32)]),
        ("dropout_wrapper_fill_one", lambda v: tf.nn.dynamic_rnn(
            tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.GRUCell(2),
                                          output_keep_prob=tf.fill([], 1.0)),
            tf.zeros([3, 4, 2]), dtype=tf.float32)[0]),
        ("dropout_wrapper_cast_size", lambda v: tf.nn.dynamic_rnn(
            tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.GRUCell(2),
                                          input_keep_prob=tf.cast(sz(1), tf.float32)),
            tf.zeros([3, 4, 2]), dtype=tf.float32)[0]),
        ("dropout_wrapper_bad_fill", lambda v: tf.nn.rnn_cell.DropoutWrapper(
            tf.nn.rnn_cell.GRUCell(2), state_keep_prob=tf.fill([], 2.0))),
        ("dynamic_rnn_init_size", lambda v: tf.nn.dynamic_rnn(
            tf.nn.rnn_cell.GRUCell(2), tf.zeros([3, 4, 2]),
            initial_state=tf.nn.rnn_cell.GRUCell(2).zero_state(sz(3), tf.float32))[0]),
        ("initial_state_inputs", lambda v: [tf.nn.rnn_cell.GRUCell(2).get_initial_state(
            inputs=tf.zeros([3, 2]))]),
        ("initial_state_inputs_unknown", lambda v: [tf.nn.rnn_cell.GRUCell(2).get_initial_state(
            inputs=v["du"])]),
        ("initial_state_inputs_list", lambda v: [tf.nn.rnn_cell.GRUCell(2).get_initial_state(
            inputs=[[1.0, 2.0]])]),
        ("initial_state_batch_size_equal", lambda v: [
            tf.nn.rnn_cell.GRUCell(2).get_initial_state(inputs=tf.zeros([3, 2]),
                                                        batch_size=sz(3))]),
        ("initial_state_batch_fill_differs", lambda v: [
            tf.nn.rnn_cell.GRUCell(2).get_initial_state(inputs=tf.zeros([3, 2]),
                                                        batch_size=fl(4))]),
        ("initial_state_batch_int_differs", lambda v: [
            tf.nn.rnn_cell.GRUCell(2).get_initial_state(inputs=tf.zeros([3, 2]),
                                                        batch_size=4)]),
        ("initial_state_batch_unknown", lambda v: [
            tf.nn.rnn_cell.GRUCell(2).get_initial_state(inputs=v["du"], batch_size=sz(3))]),
        ("initial_state_dtype_differs", lambda v: [
            tf.nn.rnn_cell.GRUCell(2).get_initial_state(inputs=tf.zeros([3, 2]),
                                                        dtype=tf.float64)]),
        ("initial_state_no_dtype", lambda v: [
            tf.nn.rnn_cell.GRUCell(2).get_initial_state(batch_size=3)]),
        ("lstm_initial_state_batch", lambda v: tf.nn.rnn_cell.LSTMCell(2).get_initial_state(
            batch_size=sz(3), dtype=tf.float32)),
        ("static_rnn_batch_size", lambda v: tf.nn.static_rnn(
            tf.nn.rnn_cell.GRUCell(2), [v["du"]] * 2,
            initial_state=tf.zeros(tf.stack([sz(4), 2])))[0]),
        # -- ragged
        ("ragged_rowids_nrows_size", lambda v: tf.RaggedTensor.from_value_rowids(
            tf.zeros([3]), [0, 0, 1], nrows=sz(3))),
        ("ragged_rowids_stack", lambda v: tf.RaggedTensor.from_value_rowids(
            tf.zeros([3]), tf.stack([0, 0, 2]))),
        ("ragged_rowids_nrows_bad", lambda v: tf.RaggedTensor.from_value_rowids(
            tf.zeros([3]), [0, 0, 4], nrows=sz(3))),
        ("ragged_segment_ids_num_size", lambda v: tf.RaggedTensor.from_value_rowids(
            tf.zeros([3]), tf.identity([0, 0, 1]), nrows=sz(4))),
        ("ragged_reduce_axis_size", lambda v: tf.reduce_sum(tf.ragged.constant(
            [[1, 2], [3]]), axis=sz(1))),
        ("ragged_reduce_axis_rank", lambda v: tf.reduce_max(tf.ragged.constant(
            [[1, 2], [3]]), axis=rk(0))),
        ("ragged_rowids_nrows_cast", lambda v: tf.RaggedTensor.from_value_rowids(
            tf.zeros([3]), [0, 0, 1], nrows=tf.cast(sz(3), tf.int64))),
        ("ragged_rowids_nrows_cast_bad", lambda v: tf.RaggedTensor.from_value_rowids(
            tf.zeros([3]), [0, 0, 4], nrows=tf.cast(sz(3), tf.int64))),
        ("ragged_rowids_nrows_fill_neg", lambda v: tf.RaggedTensor.from_value_rowids(
            tf.zeros([3]), [0, 0, 1], nrows=tf.fill([], tf.constant(-1, tf.int64)))),
        ("ragged_rowids_concat", lambda v: tf.RaggedTensor.from_value_rowids(
            tf.zeros([3]), tf.concat([[0, 0], [2]], 0))),
        ("ragged_reduce_axis_fill", lambda v: tf.reduce_sum(tf.ragged.constant(
            [[1, 2], [3]]), axis=fl(1))),
        ("ragged_reduce_axis_stack", lambda v: tf.reduce_sum(tf.ragged.constant(
            [[1, 2], [3]]), axis=tf.stack([0, 1]))),
        ("ragged_segment_ids_to_splits", lambda v: tf.ragged.segment_ids_to_row_splits(
            [0, 0, 1], num_segments=sz(4))),
        # -- a value read with constant_value can no longer be fed (as TF)
        ("feed_dropout_rate", lambda v: _feedable(
            tf, lambda: tf.constant(0.3), lambda t: tf.nn.dropout(v["z"], rate=t))),
        ("feed_sort_axis", lambda v: _feedable(
            tf, lambda: tf.constant(1), lambda t: tf.sort(v["z"], axis=t))),
        ("feed_frame_step", lambda v: _feedable(
            tf, lambda: tf.constant(2), lambda t: tf.signal.frame(tf.zeros([10]), 4, t))),
        ("feed_depthwise_rate", lambda v: _feedable(
            tf, lambda: tf.constant([2, 2]), lambda t: tf.nn.depthwise_conv2d(
                v["imgk"], f33(), [1, 1, 1, 1], "SAME", rate=t))),
        ("feed_dropout_wrapper_prob", lambda v: _feedable(
            tf, lambda: tf.constant(0.5), lambda t: tf.nn.rnn_cell.DropoutWrapper(
                tf.nn.rnn_cell.GRUCell(2), output_keep_prob=t))),
        ("feed_sum_grad_axes", lambda v: _feedable(
            tf, lambda: tf.constant([0, 1]), lambda t: tf.gradients(
                tf.reduce_sum(v["z"], t), v["z"]))),
        ("feed_sum_axes_no_grad", lambda v: _feedable(
            tf, lambda: tf.constant([0, 1]), lambda t: tf.reduce_sum(v["z"], t))),
        ("feed_gather_grad_axis", lambda v: _feedable(
            tf, lambda: tf.constant(1), lambda t: tf.gradients(
                tf.gather(v["d"], [0, 1], axis=t), v["d"]))),
        ("feed_hann_length", lambda v: _feedable(
            tf, lambda: tf.constant(5), lambda t: tf.signal.hann_window(t))),
        ("feed_ragged_nrows", lambda v: _feedable(
            tf, lambda: tf.constant(3, tf.int64), lambda t: tf.RaggedTensor.from_value_rowids(
                tf.zeros([3]), [0, 0, 1], nrows=t))),
        ("feed_softmax_dim", lambda v: _feedable(
            tf, lambda: tf.constant(0), lambda t: tf.nn.softmax(v["z"], axis=t))),
        # -- gradients: Sum's axes, ConcatV2's axis, GatherV2's axis
        ("sum_grad_range_rank", lambda v: tf.gradients(
            tf.reduce_sum(v["z"], tf.range(tf.rank(v["z"]))), v["z"])),
        ("sum_grad_stack", lambda v: tf.gradients(
            tf.reduce_sum(v["z"], tf.stack([0, 1])), v["z"])),
        ("sum_grad_concat", lambda v: tf.gradients(
            tf.reduce_sum(v["z"], tf.concat([[0], [1]], 0)), v["z"])),
        ("sum_grad_size_axis", lambda v: tf.gradients(
            tf.reduce_sum(v["z"], sz(1)), v["z"])),
        ("mean_grad_stack", lambda v: tf.gradients(
            tf.reduce_mean(v["z"], tf.stack([0, 1])), v["z"])),
        ("prod_grad_stack", lambda v: tf.gradients(
            tf.reduce_prod(v["z"], tf.stack([0, 1])), v["z"])),
        ("max_grad_stack", lambda v: tf.gradients(
            tf.reduce_max(v["z"], tf.stack([1])), v["z"])),
        ("sum_grad_unknown_stack", lambda v: tf.gradients(
            tf.reduce_sum(v["x"], tf.stack([0, 1, 2])), v["x"])),
        ("prod_grad_concat", lambda v: tf.gradients(
            tf.reduce_prod(v["x"], tf.concat([[1], [2]], 0)), v["x"])),
        ("prod_grad_fill_axis", lambda v: tf.gradients(
            tf.reduce_prod(v["z"], tf.fill([1], 1)), v["z"])),
        ("max_grad_concat", lambda v: tf.gradients(
            tf.reduce_max(v["x"], tf.concat([[0], [2]], 0)), v["x"])),
        ("mean_grad_size_axis", lambda v: tf.gradients(
            tf.reduce_mean(v["x"], sz(1)), v["x"])),
        ("min_grad_fill_keep", lambda v: tf.gradients(
            tf.reduce_min(v["z"], tf.fill([1], 0), keepdims=True), v["z"])),
        ("logsumexp_grad_concat", lambda v: tf.gradients(
            tf.reduce_logsumexp(v["z"], tf.concat([[0], [1]], 0)), v["z"])),
        ("concat_grad_axis_size", lambda v: tf.gradients(
            tf.concat([v["z"], v["z"] * 2], sz(1)), v["z"])),
        ("concat_grad_axis_rank", lambda v: tf.gradients(
            tf.concat([v["z"], v["z"] * 2], rk(0)), v["z"])),
        ("concat_grad_sparse_axis_size", lambda v: tf.gradients(
            tf.concat([tf.gather(v["d"], [0, 1]), v["d"]], sz(0)), v["d"])),
        ("concat_grad_slices_axis_size", lambda v: tf.gradients(
            tf.gather(tf.concat([v["d"], v["d"] * 2], sz(0)), [0, 4]), v["d"])),
        ("concat_grad_slices_axis_fill", lambda v: tf.gradients(
            tf.gather(tf.concat([v["d"], v["d"] * 2], fl(0)), [0, 4]), v["d"])),
        ("concat_grad_slices_axis_neg", lambda v: tf.gradients(
            tf.gather(tf.concat([v["d"], v["d"] * 2], -2), [0, 4]), v["d"])),
        ("concat_grad_slices_axis_neg_size", lambda v: tf.gradients(
            tf.gather(tf.concat([v["d"], v["d"] * 2], -sz(2)), [0, 4]), v["d"])),
        ("concat_grad_slices_axis1_fill", lambda v: tf.gradients(
            tf.gather(tf.concat([v["d"], v["d"] * 2], fl(1)), [0, 2]), v["d"])),
        ("gather_grad_axis_fill", lambda v: tf.gradients(
            tf.gather(v["d"], [0, 1], axis=fl(1)), v["d"])),
        ("gather_grad_axis_size", lambda v: tf.gradients(
            tf.gather(v["d"], [0, 1], axis=sz(0)), v["d"])),
        ("gather_grad_axis_rank1", lambda v: tf.gradients(
            tf.gather(v["d"], [0, 1], axis=rk(1)), v["d"])),
    ]


def cases(tf):
    out = {}
    for name, fn in _cases(tf):
        with tf.Graph().as_default():
            v = {"x": tf.placeholder(tf.float32, [None, 6, 4]),
                 "z": tf.placeholder(tf.float32, [2, 3]),
                 "d": tf.placeholder(tf.float32, [3, 2]),
                 "du": tf.placeholder(tf.float32, [None, 2]),
                 "img": tf.placeholder(tf.float32, [None, 8, 8, 3]),
                 "imgk": tf.placeholder(tf.float32, [1, 4, 4, 3])}
            try:
                r = fn(v)
                out[name] = ["ok", r if isinstance(r, dict) else _res(tf, r)]
            except Exception as e:  # noqa: BLE001 - the error is the case's result
                out[name] = [type(e).__name__, str(e)]
    return out
