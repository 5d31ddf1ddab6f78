"""TF 1.14 goldens for tf.contrib.seq2seq's helpers, BasicDecoder, dynamic_decode and
attention (Bahdanau, Luong, monotonic, AttentionWrapper): outputs, final states,
sequence lengths, gradients of a loss w.r.t. the inputs and every variable, variable
names and shapes, and errors. Every variable is set to values drawn from its name
(_set_weights), so no initializer's randomness is involved.

Output: decoder.json, read by tests/test_seq2seq_decoder.py, which runs these same case
functions with flowgrad.
"""
import zlib

import numpy as np

import goldenio

B, T, D, U, V = 3, 5, 2, 4, 7
_rng = np.random.RandomState(13)
X = _rng.uniform(-1, 1, (B, T, D))
MEM = _rng.uniform(-1, 1, (B, 4, 5))
LENGTHS = [5, 2, 0]


def _w(name, shape, dtype):
    rs = np.random.RandomState(zlib.crc32(name.encode()) % (2 ** 31))
    return rs.uniform(-0.7, 0.7, shape).astype(dtype)


def _set_weights(tf):
    return [tf.assign(v, _w(v.op.name, v.shape.as_list(), v.dtype.base_dtype.as_numpy_dtype))
            for v in tf.global_variables()]


def _names(tf):
    return [[v.name, v.shape.as_list()] for v in tf.global_variables()]


def _leaves(tf, x):
    if isinstance(x, (list, tuple)):
        out = []
        for c in x:
            out.extend(_leaves(tf, c))
        return out
    if isinstance(x, tf.TensorArray):
        return [x.stack()]
    return [x]


def _run(tf, outputs, state, lengths, xs=(), extra=None):
    """Values of outputs, state and lengths, and the gradients of a loss touching all of
    them w.r.t. `xs` and every trainable variable."""
    out_l, state_l = _leaves(tf, outputs), _leaves(tf, state)  # one stack() per TensorArray
    flat = [t for t in out_l + state_l if t.dtype.is_floating]
    loss = tf.add_n([tf.reduce_sum(tf.sin(t * (i + 1.0))) for i, t in enumerate(flat)])
    wrt = list(xs) + tf.trainable_variables()
    grads = [g if g is None or isinstance(g, tf.Tensor) else tf.convert_to_tensor(g)
             for g in (tf.gradients(loss, wrt) if wrt else [])]  # IndexedSlices made dense
    assigns = _set_weights(tf)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(assigns)
        fetch = {"out": out_l, "state": state_l,
                 "lengths": lengths, "loss": loss,
                 "grads": [g for g in grads if g is not None]}
        if extra is not None:
            fetch["extra"] = extra
        res = sess.run(fetch)
    res["names"] = _names(tf)
    res["none_grads"] = [i for i, g in enumerate(grads) if g is None]
    return res


def _cell(tf, kind="lstm", units=U):
    rc = tf.nn.rnn_cell
    if kind == "lstm":
        return rc.BasicLSTMCell(units)
    if kind == "gru":
        return rc.GRUCell(units)
    return rc.LSTMCell(units, use_peepholes=True)


def _train(tf, impute=False, time_major=False, output_time_major=False, lengths=LENGTHS,
           max_iter=None, kind="lstm", layer=True):
    x = tf.constant(np.transpose(X, (1, 0, 2)) if time_major else X)
    cell = _cell(tf, kind)
    helper = tf.contrib.seq2seq.TrainingHelper(x, tf.constant(lengths), time_major=time_major)
    dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(B, tf.float64),
                                          output_layer=tf.layers.Dense(V) if layer else None)
    out, state, lens = tf.contrib.seq2seq.dynamic_decode(
        dec, output_time_major=output_time_major, impute_finished=impute,
        maximum_iterations=max_iter)
    res = _run(tf, out, state, lens, [x])
    res["shapes"] = [str(t.shape) for t in (list(out) + [lens])]
    return res


def _embedding(tf):
    return tf.get_variable("embedding", [V, 3], tf.float64)


def _greedy(tf, sample=False, max_iter=6, attention=False):
    emb = _embedding(tf)
    cell = _cell(tf, "gru")
    batch = B
    if attention:
        mech = tf.contrib.seq2seq.LuongAttention(U, tf.constant(MEM), dtype=tf.float64)
        cell = tf.contrib.seq2seq.AttentionWrapper(cell, mech, attention_layer_size=3)
    if sample:
        helper = tf.contrib.seq2seq.SampleEmbeddingHelper(emb, tf.fill([batch], 1), 2,
                                                          softmax_temperature=0.5, seed=3)
    else:
        helper = tf.contrib.seq2seq.GreedyEmbeddingHelper(emb, tf.fill([batch], 1), 2)
    dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(batch, tf.float64),
                                          output_layer=tf.layers.Dense(V))
    out, state, lens = tf.contrib.seq2seq.dynamic_decode(dec, maximum_iterations=max_iter,
                                                         impute_finished=True)
    return _run(tf, out, state, lens)


def _attention(tf, mech="bahdanau", multi=False, history=False, layer_size=3,
               output_attention=True, memory_lengths=(4, 2, 3), normalize=False,
               layer=None, initial_state=False, custom_input=False, impute=True,
               bias=np.float64(0.3)):
    mem = tf.constant(MEM)
    lens = None if memory_lengths is None else tf.constant(list(memory_lengths))
    s2s = tf.contrib.seq2seq

    def make(kind):
        if kind == "bahdanau":
            return s2s.BahdanauAttention(U, mem, memory_sequence_length=lens,
                                         normalize=normalize, dtype=tf.float64)
        if kind == "luong":
            return s2s.LuongAttention(U, mem, memory_sequence_length=lens, scale=normalize,
                                      dtype=tf.float64)
        if kind == "luong_hardmax":
            return s2s.LuongAttention(U, mem, memory_sequence_length=lens,
                                      probability_fn=s2s.hardmax, dtype=tf.float64)
        if kind.startswith("bahdanau_mono_"):
            return s2s.BahdanauMonotonicAttention(U, mem, memory_sequence_length=lens,
                                                  normalize=normalize,
                                                  score_bias_init=np.float64(-0.5),
                                                  mode=kind[len("bahdanau_mono_"):],
                                                  dtype=tf.float64)
        return s2s.LuongMonotonicAttention(U, mem, memory_sequence_length=lens, scale=True,
                                           score_bias_init=bias, mode=kind[len("luong_mono_"):],
                                           dtype=tf.float64)
    mechs = [make(m) for m in mech.split("+")] if multi else make(mech)
    cell = _cell(tf)
    kwargs = {}
    if custom_input:
        kwargs["cell_input_fn"] = lambda inp, att: tf.concat([inp * 2.0, att], -1)
    if initial_state:
        kwargs["initial_cell_state"] = tf.nn.rnn_cell.LSTMStateTuple(
            tf.constant(np.full((B, U), 0.25)), tf.constant(np.full((B, U), -0.5)))
    if layer is not None:
        kwargs["attention_layer"] = [tf.layers.Dense(n, name="att%d" % n) for n in layer] \
            if multi else tf.layers.Dense(layer[0], use_bias=True)
    elif layer_size is not None:
        kwargs["attention_layer_size"] = [layer_size, layer_size - 1] if multi else layer_size
    cell = s2s.AttentionWrapper(cell, mechs, alignment_history=history,
                                output_attention=output_attention, **kwargs)
    x = tf.constant(X)
    helper = s2s.TrainingHelper(x, tf.constant([5, 3, 4]))
    dec = s2s.BasicDecoder(cell, helper, cell.zero_state(B, tf.float64),
                           output_layer=tf.layers.Dense(V))
    out, state, lens = s2s.dynamic_decode(dec, impute_finished=impute)
    return _run(tf, out, state, lens, [x, mem])


CASES = {
    "train/basic": lambda tf: _train(tf),
    "train/impute": lambda tf: _train(tf, impute=True),
    "train/time_major": lambda tf: _train(tf, time_major=True, output_time_major=True),
    "train/max_iter": lambda tf: _train(tf, impute=True, max_iter=3, lengths=[5, 5, 4]),
    "train/max_iter0": lambda tf: _train(tf, max_iter=0, lengths=[5, 5, 4]),
    "train/gru_no_layer": lambda tf: _train(tf, kind="gru", layer=False, lengths=[3, 5, 1]),
    "train/peephole_lstm": lambda tf: _train(tf, kind="peep", impute=True),
    "greedy/basic": lambda tf: _greedy(tf),
    "greedy/attention": lambda tf: _greedy(tf, attention=True, max_iter=7),
    "attention/bahdanau": lambda tf: _attention(tf),
    "attention/bahdanau_norm_history": lambda tf: _attention(tf, normalize=True, history=True),
    "attention/bahdanau_no_layer": lambda tf: _attention(tf, layer_size=None),
    "attention/bahdanau_no_lengths": lambda tf: _attention(tf, memory_lengths=None,
                                                           impute=False),
    "attention/luong": lambda tf: _attention(tf, mech="luong"),
    "attention/luong_scale_cell_output": lambda tf: _attention(
        tf, mech="luong", normalize=True, output_attention=False, history=True),
    "attention/luong_hardmax": lambda tf: _attention(tf, mech="luong_hardmax"),
    "attention/multi": lambda tf: _attention(tf, mech="bahdanau+luong", multi=True,
                                             history=True),
    "attention/custom_layers": lambda tf: _attention(tf, mech="luong+bahdanau", multi=True,
                                                     layer=[3, 2]),
    "attention/single_custom_layer": lambda tf: _attention(tf, layer=[5]),
    "attention/initial_state_input_fn": lambda tf: _attention(tf, initial_state=True,
                                                              custom_input=True),
    "attention/bahdanau_mono_parallel": lambda tf: _attention(tf, mech="bahdanau_mono_parallel",
                                                              history=True),
    "attention/bahdanau_mono_norm": lambda tf: _attention(
        tf, mech="bahdanau_mono_parallel", normalize=True),
    "attention/luong_mono_hard": lambda tf: _attention(tf, mech="luong_mono_hard"),
}


def _custom_helper(tf):
    x = tf.constant(X)
    xt = tf.transpose(x, [1, 0, 2])

    def initialize_fn():
        return tf.zeros([B], tf.bool), xt[0]

    def sample_fn(time, outputs, state):
        return tf.argmax(outputs, -1, output_type=tf.int32)

    def next_inputs_fn(time, outputs, state, sample_ids):
        nxt = tf.minimum(time + 1, T - 1)
        return tf.greater_equal(time + 1, tf.constant([4, 2, 3])), xt[nxt] * 0.5, state
    helper = tf.contrib.seq2seq.CustomHelper(initialize_fn, sample_fn, next_inputs_fn)
    cell = _cell(tf)
    dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(B, tf.float64),
                                          output_layer=tf.layers.Dense(V))
    out, state, lens = tf.contrib.seq2seq.dynamic_decode(dec, impute_finished=True)
    return _run(tf, out, state, lens, [x])


def _inference_helper(tf):
    start = tf.constant(np.full((B, 3), 0.1))
    helper = tf.contrib.seq2seq.InferenceHelper(
        sample_fn=lambda outputs: tf.tanh(outputs[:, :3]), sample_shape=[3],
        sample_dtype=tf.float64, start_inputs=start,
        end_fn=lambda ids: tf.greater(ids[:, 0], 0.3))
    cell = _cell(tf, "gru")
    dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(B, tf.float64),
                                          output_layer=tf.layers.Dense(V))
    out, state, lens = tf.contrib.seq2seq.dynamic_decode(dec, maximum_iterations=6)
    return _run(tf, out, state, lens, [start])


def _scheduled(tf, prob, output=False):
    x = tf.constant(X)
    if output:
        helper = tf.contrib.seq2seq.ScheduledOutputTrainingHelper(
            x, tf.constant(LENGTHS), prob, next_inputs_fn=lambda o: o[:, :D] * 0.5)
    else:
        emb = _embedding(tf)
        helper = tf.contrib.seq2seq.ScheduledEmbeddingTrainingHelper(
            tf.constant(np.tile(X, (1, 1, 2))[:, :, :3]), tf.constant(LENGTHS), emb, prob)
    cell = _cell(tf)
    dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(B, tf.float64),
                                          output_layer=tf.layers.Dense(V))
    out, state, lens = tf.contrib.seq2seq.dynamic_decode(dec, impute_finished=True)
    return _run(tf, out, state, lens, [])


CASES["helper/custom"] = _custom_helper
CASES["helper/inference"] = _inference_helper
# probabilities 0 and 1 make the scheduled helpers deterministic (never / always sample;
# the output helper's sampled inputs come from next_inputs_fn)
CASES["helper/scheduled_embedding_p0"] = lambda tf: _scheduled(tf, 0.0)
CASES["helper/scheduled_output_p0"] = lambda tf: _scheduled(tf, 0.0, output=True)
CASES["helper/scheduled_output_p1"] = lambda tf: _scheduled(tf, 1.0, output=True)


def _functions(tf):
    logits = tf.constant([[0.5, 2.0, -1.0], [3.0, 3.0, 1.0]], tf.float64)
    p = tf.constant([[0.2, 0.9, 0.5, 0.0], [0.7, 0.1, 1.0, 0.3]], tf.float64)
    prev = tf.constant([[1.0, 0.0, 0.0, 0.0], [0.3, 0.5, 0.2, 0.0]], tf.float64)
    s2s = tf.contrib.seq2seq
    fetch = {"hardmax": s2s.hardmax(logits),
             "safe_cumprod": s2s.safe_cumprod(p, axis=1, exclusive=True),
             "mono_parallel": s2s.monotonic_attention(p, prev, "parallel"),
             "mono_hard": s2s.monotonic_attention(p, prev, "hard")}
    with tf.Session() as sess:
        return sess.run(fetch)


CASES["functions"] = _functions


def _error(fn):
    def case(tf):
        try:
            fn(tf)
        except Exception as e:  # noqa: BLE001 - the golden records the class and message
            # the last line: TF 1.14's autograph wraps errors raised in a cell's call
            lines = [ln.strip() for ln in str(e).splitlines() if ln.strip()]
            last = lines[-1] if lines else ""
            prefix = type(e).__name__ + ": "
            return goldenio.GoldenError.of(e, last[len(prefix):] if last.startswith(prefix)
                                           else last)
        return "no error"
    return case


def _mem(tf):
    return tf.constant(MEM)


CASES["error/seq_len_not_vector"] = _error(lambda tf: tf.contrib.seq2seq.TrainingHelper(
    tf.constant(X), tf.constant([[1, 2, 3]])))
CASES["error/start_tokens_not_vector"] = _error(
    lambda tf: tf.contrib.seq2seq.GreedyEmbeddingHelper(tf.ones([5, 2]), [[1]], 2))
CASES["error/end_token_not_scalar"] = _error(
    lambda tf: tf.contrib.seq2seq.GreedyEmbeddingHelper(tf.ones([5, 2]), [1], [2]))
CASES["error/not_a_decoder"] = _error(lambda tf: tf.contrib.seq2seq.dynamic_decode(3))
CASES["error/not_a_helper"] = _error(lambda tf: tf.contrib.seq2seq.BasicDecoder(
    _cell(tf), 3, None))
CASES["error/not_a_mechanism"] = _error(
    lambda tf: tf.contrib.seq2seq.AttentionWrapper(_cell(tf), 3))
CASES["error/layer_size_and_layer"] = _error(
    lambda tf: tf.contrib.seq2seq.AttentionWrapper(
        _cell(tf), tf.contrib.seq2seq.LuongAttention(U, _mem(tf), dtype=tf.float64),
        attention_layer_size=2, attention_layer=tf.layers.Dense(2)))
CASES["error/layer_size_count"] = _error(
    lambda tf: tf.contrib.seq2seq.AttentionWrapper(
        _cell(tf), tf.contrib.seq2seq.LuongAttention(U, _mem(tf), dtype=tf.float64),
        attention_layer_size=[2, 3]))
CASES["error/luong_units"] = _error(
    lambda tf: tf.contrib.seq2seq.LuongAttention(3, _mem(tf), dtype=tf.float64)(
        tf.ones([B, U], tf.float64), None))
CASES["error/zero_state_batch"] = _error(
    lambda tf: tf.contrib.seq2seq.AttentionWrapper(
        _cell(tf), tf.contrib.seq2seq.LuongAttention(U, _mem(tf), dtype=tf.float64)
    ).zero_state(B + 1, tf.float64))
CASES["error/monotonic_mode"] = _error(
    lambda tf: tf.contrib.seq2seq.monotonic_attention(tf.ones([2, 3]), tf.ones([2, 3]), "x"))
# TF 1.14: a float64 monotonic mechanism needs a float64 score_bias_init, and the
# recursive mode builds float32 ones (so only float32 memories work)
CASES["error/mono_float_bias"] = _error(lambda tf: _attention(tf, mech="luong_mono_hard",
                                                              bias=0.0))
CASES["error/mono_recursive_float64"] = _error(
    lambda tf: _attention(tf, mech="bahdanau_mono_recursive"))
CASES["error/max_iter_not_scalar"] = _error(
    lambda tf: tf.contrib.seq2seq.dynamic_decode(tf.contrib.seq2seq.BasicDecoder(
        _cell(tf), tf.contrib.seq2seq.TrainingHelper(tf.constant(X), LENGTHS),
        _cell(tf).zero_state(B, tf.float64)), maximum_iterations=[3]))


def cases(tf):
    out = {}
    for name in sorted(CASES):
        with tf.Graph().as_default():
            out[name] = CASES[name](tf)
    return out
