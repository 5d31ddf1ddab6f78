"""TF 1.14 goldens for tf.contrib.crf: crf_log_likelihood / crf_log_norm /
crf_sequence_score / crf_unary_score / crf_binary_score / crf_multitag_sequence_score
values and gradients (to the potentials and the transition parameters), crf_decode,
viterbi_decode, the three RNN cells, single-step and dynamic-length inputs, the
"transitions" variable, TF's errors. Output: crf.json, read by tests/test_crf.py, which
runs these same case functions with flowgrad (CASES: name -> function(tf) -> value).
"""
import numpy as np

_rng = np.random.RandomState(21)
X = _rng.randn(3, 5, 4).astype(np.float32)
TAGS = _rng.randint(0, 4, (3, 5)).astype(np.int32)
TP = _rng.randn(4, 4).astype(np.float32)
LENS = np.array([5, 3, 0], np.int32)
LENS2 = np.array([5, 1, 2], np.int32)

CASES = {}


def _case(name):
    def deco(fn):
        CASES[name] = fn
        return fn
    return deco


def _run(tf, fetches, feed=None):
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        try:
            return s.run(fetches, feed)
        except Exception as e:  # noqa: BLE001 - TF's error is the golden
            return e


def _crf(tf):
    return tf.contrib.crf


def _with_grads(tf, fn, x=X, tags=TAGS, lens=LENS, tp=TP):
    xs = tf.constant(x)
    tps = tf.constant(tp)
    y = fn(xs, tf.constant(tags), tf.constant(lens), tps)
    gx, gt = tf.gradients(y, [xs, tps], grad_ys=tf.constant(
        np.linspace(0.5, 1.5, x.shape[0]).astype(np.float32)))
    return _run(tf, {"y": y, "gx": gx, "gt": gt if gt is not None else "none"})


@_case("log_likelihood")
def _(tf):
    return _with_grads(tf, lambda x, t, l, p: _crf(tf).crf_log_likelihood(x, t, l, p)[0])


@_case("log_likelihood_lens2")
def _(tf):
    return _with_grads(tf, lambda x, t, l, p: _crf(tf).crf_log_likelihood(x, t, l, p)[0],
                       lens=LENS2)


@_case("log_likelihood_int64_tags")
def _(tf):
    return _with_grads(tf, lambda x, t, l, p: _crf(tf).crf_log_likelihood(x, t, l, p)[0],
                       tags=TAGS.astype(np.int64), lens=LENS.astype(np.int64))


@_case("log_likelihood_single_step")
def _(tf):
    return _with_grads(tf, lambda x, t, l, p: _crf(tf).crf_log_likelihood(x, t, l, p)[0],
                       x=X[:, :1].copy(), tags=TAGS[:, :1].copy(), lens=np.array([1, 0, 1],
                                                                                  np.int32))


@_case("log_norm")
def _(tf):
    return _with_grads(tf, lambda x, t, l, p: _crf(tf).crf_log_norm(x, l, p))


@_case("sequence_score")
def _(tf):
    return _with_grads(tf, lambda x, t, l, p: _crf(tf).crf_sequence_score(x, t, l, p))


@_case("unary_score")
def _(tf):
    return _run(tf, _crf(tf).crf_unary_score(tf.constant(TAGS), tf.constant(LENS2),
                                             tf.constant(X)))


@_case("binary_score")
def _(tf):
    return _with_grads(tf, lambda x, t, l, p: _crf(tf).crf_binary_score(t, l, p) + 0 * x[:, 0, 0])


@_case("multitag")
def _(tf):
    bitmap = _rng_bitmap()
    return _with_grads(tf, lambda x, t, l, p: _crf(tf).crf_multitag_sequence_score(
        x, tf.constant(bitmap), l, p), lens=np.array([5, 3, 1], np.int32))


def _rng_bitmap():
    rng = np.random.RandomState(2)
    b = rng.rand(3, 5, 4) > 0.5
    b[:, :, 0] = True
    return b


@_case("dynamic_length")
def _(tf):
    x = tf.placeholder(tf.float32, [None, None, 4])
    t = tf.placeholder(tf.int32, [None, None])
    tp = tf.constant(TP)
    ll, _ = _crf(tf).crf_log_likelihood(x, t, tf.constant(LENS2), tp)
    dec, score = _crf(tf).crf_decode(x, tp, tf.constant(LENS2))
    out = {}
    for n in (5, 1):
        out[str(n)] = _run(tf, {"ll": ll, "dec": dec, "score": score},
                           {x: X[:, :n], t: TAGS[:, :n]})
    out["shapes"] = [str(ll.shape), str(dec.shape), str(score.shape)]
    return out


@_case("dynamic_length_grads")
def _(tf):
    """Sequence length unknown at build time: crf_log_norm's cond picks the single-step or
    the dynamic_rnn branch at run time; only the taken branch runs, gradients included."""
    x = tf.placeholder(tf.float32, [None, None, 4])
    t = tf.placeholder(tf.int32, [None, None])
    tp = tf.constant(TP)
    ll, _ = _crf(tf).crf_log_likelihood(x, t, tf.constant(LENS2), tp)
    w = tf.constant(np.linspace(0.5, 1.5, 3).astype(np.float32))
    gx, gt = tf.gradients(ll, [x, tp], grad_ys=w)
    dec, score = _crf(tf).crf_decode(x, tp, tf.constant(LENS2))
    out = {}
    for n in (5, 1):
        out[str(n)] = _run(tf, {"ll": ll, "gx": gx, "gt": gt, "dec": dec,
                                "score": score}, {x: X[:, :n], t: TAGS[:, :n]})
    return out


@_case("transitions_variable")
def _(tf):
    with tf.variable_scope("crf_layer"):
        ll, tp = _crf(tf).crf_log_likelihood(tf.constant(X), tf.constant(TAGS),
                                             tf.constant(LENS))
    return {"name": tp.name, "shape": str(tp.shape), "ll": str(ll.shape),
            "trainable": [v.name for v in tf.trainable_variables()]}


@_case("decode")
def _(tf):
    dec, score = _crf(tf).crf_decode(tf.constant(X), tf.constant(TP), tf.constant(LENS2))
    return _run(tf, {"dec": dec, "score": score, "shapes": [tf.shape(dec)]})


@_case("decode_zero_length")
def _(tf):
    dec, score = _crf(tf).crf_decode(tf.constant(X), tf.constant(TP), tf.constant(LENS))
    return _run(tf, {"dec": dec, "score": score})


@_case("decode_int64_lengths")
def _(tf):
    dec, score = _crf(tf).crf_decode(tf.constant(X), tf.constant(TP),
                                     tf.constant(LENS2.astype(np.int64)))
    return _run(tf, {"dec": dec, "score": score})


@_case("decode_single_step")
def _(tf):
    dec, score = _crf(tf).crf_decode(tf.constant(X[:, :1]), tf.constant(TP),
                                     tf.constant([1, 1, 0]))
    return _run(tf, {"dec": dec, "score": score})


@_case("viterbi_decode")
def _(tf):
    out = []
    for b in range(3):
        seq, score = _crf(tf).viterbi_decode(X[b].astype(np.float64), TP.astype(np.float64))
        out.append(([int(v) for v in seq], float(score)))
    return out


@_case("cells")
def _(tf):
    crf = _crf(tf)
    state = tf.constant(X[:, 0])
    inp = tf.constant(X[:, 1])
    fwd = crf.CrfForwardRnnCell(tf.constant(TP))
    dfw = crf.CrfDecodeForwardRnnCell(tf.constant(TP))
    bwd = crf.CrfDecodeBackwardRnnCell(4)
    a, a2 = fwd(inp, state)
    bp, ns = dfw(inp, state)
    nt, nt2 = bwd(tf.constant(TAGS[:, :4]), tf.constant([[1], [0], [3]]))
    sizes = [fwd.state_size, fwd.output_size, dfw.state_size, dfw.output_size,
             bwd.state_size, bwd.output_size]
    return {"vals": _run(tf, [a, a2, bp, ns, nt, nt2]), "sizes": sizes,
            "zero": _run(tf, fwd.zero_state(2, tf.float32))}


@_case("err_float64")
def _(tf):
    try:
        _crf(tf).crf_log_likelihood(tf.constant(X.astype(np.float64)), tf.constant(TAGS),
                                    tf.constant(LENS), tf.constant(TP.astype(np.float64)))
    except Exception as e:  # noqa: BLE001
        return e


@_case("err_tags_float")
def _(tf):
    try:
        _crf(tf).crf_log_likelihood(tf.constant(X), tf.constant(TAGS.astype(np.float32)),
                                    tf.constant(LENS), tf.constant(TP))
    except Exception as e:  # noqa: BLE001
        return e


@_case("train_transitions")
def _(tf):
    with tf.variable_scope("crf", initializer=tf.constant_initializer(0.1)):
        ll, tp = _crf(tf).crf_log_likelihood(tf.constant(X), tf.constant(TAGS),
                                             tf.constant(LENS2))
    loss = -tf.reduce_mean(ll)
    step = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    out = []
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for _ in range(3):
            out.append(s.run([loss, step])[0])
        out.append(s.run(tp))
    return out


def cases(tf):
    out = {}
    for name in sorted(CASES):
        tf.reset_default_graph()
        with tf.Graph().as_default():
            out[name] = CASES[name](tf)
    return out
