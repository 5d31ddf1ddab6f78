"""TF 1.14 goldens for CTC: tf.nn.ctc_loss (values, gradients w.r.t. the logits, every
option, errors and messages, the ops it and its gradient create),
tf.nn.ctc_beam_search_decoder(_v2) and tf.nn.ctc_greedy_decoder (decoded SparseTensors,
log probabilities, errors). Output: ctc.json, read by tests/test_ctc.py, which runs these
same case functions with flowgrad (CASES: name -> function(tf) -> value).
"""
import numpy as np

_rng = np.random.RandomState(13)
X = _rng.randn(5, 2, 4).astype(np.float32)
BIG = (2.0 * _rng.randn(20, 4, 6)).astype(np.float32)
BEAM = _rng.randn(12, 3, 5).astype(np.float32)
SEQ_BIG = [20, 13, 7, 1]


def _big_labels():
    rng = np.random.RandomState(5)
    ind, vals = [], []
    for b, n in enumerate([6, 4, 3, 1]):
        for j in range(n):
            ind.append([b, j])
            vals.append(int(rng.randint(0, 5)))
    return ind, vals, [4, 6]


CASES = {}


def _case(name):
    def deco(fn):
        CASES[name] = fn
        return fn
    return deco


def _run(tf, fetches):
    with tf.Session() as s:
        try:
            return s.run(fetches)
        except Exception as e:  # noqa: BLE001 - TF's error is the golden
            return e


def _loss(tf, ind, vals, shape, seq, x=None, **kw):
    try:
        xi = tf.constant(X if x is None else x)
        sp = tf.SparseTensor(np.array(ind, np.int64), np.array(vals, np.int32),
                             np.array(shape, np.int64))
        loss = tf.nn.ctc_loss(sp, xi, seq, **kw)
        g = tf.gradients(loss, xi, grad_ys=tf.constant(
            np.linspace(0.5, 1.5, int(loss.shape[0])).astype(np.float32)))[0]
    except Exception as e:  # noqa: BLE001
        return e
    return _run(tf, {"loss": loss, "grad": g})


_L = ([[0, 0], [0, 1], [1, 0]], [1, 2, 2], [2, 2])
_REP = ([[0, 0], [0, 1], [0, 2], [0, 3], [0, 4], [1, 0]], [1, 1, 1, 1, 1, 2], [2, 5])
_REP2 = ([[0, 0], [0, 1], [0, 2], [1, 0], [1, 1]], [1, 1, 2, 2, 2], [2, 3])


@_case("loss/basic")
def _(tf):
    return _loss(tf, *_L, seq=[5, 5])


@_case("loss/short_sequence")
def _(tf):
    return _loss(tf, *_L, seq=[5, 1])


@_case("loss/label_gaps")
def _(tf):
    return _loss(tf, [[0, 0], [0, 2], [1, 0]], [1, 2, 1], [2, 3], seq=[5, 4])


@_case("loss/blank_label_ends_sequence")
def _(tf):
    return _loss(tf, [[0, 0], [0, 1], [1, 0]], [1, 3, 2], [2, 2], seq=[5, 5])


@_case("loss/no_valid_path")
def _(tf):
    return _loss(tf, *_REP, seq=[5, 5])


@_case("loss/collapse_repeated")
def _(tf):
    return _loss(tf, *_REP, seq=[5, 5], preprocess_collapse_repeated=True)


@_case("loss/no_merge_repeated")
def _(tf):
    return _loss(tf, *_REP2, seq=[5, 5], ctc_merge_repeated=False)


@_case("loss/collapse_and_no_merge")
def _(tf):
    return _loss(tf, *_REP2, seq=[5, 4], ctc_merge_repeated=False,
                 preprocess_collapse_repeated=True)


@_case("loss/ignore_longer")
def _(tf):
    return _loss(tf, [[0, 0], [0, 1], [0, 2], [1, 0]], [1, 2, 1, 2], [2, 3], seq=[2, 5],
                 ignore_longer_outputs_than_inputs=True)


@_case("loss/ignore_longer_zero_length")
def _(tf):
    return _loss(tf, *_L, seq=[5, 0], ignore_longer_outputs_than_inputs=True)


@_case("loss/batch_major")
def _(tf):
    return _loss(tf, *_L, seq=[5, 5], x=X.transpose(1, 0, 2).copy(), time_major=False)


@_case("loss/logits_keyword")
def _(tf):
    xi = tf.constant(X)
    sp = tf.SparseTensor(*_L)
    return _run(tf, tf.nn.ctc_loss(sp, logits=xi, sequence_length=[5, 4]))


@_case("loss/big_random")
def _(tf):
    ind, vals, shape = _big_labels()
    return _loss(tf, ind, vals, shape, seq=SEQ_BIG, x=BIG)


@_case("loss/big_random_no_merge")
def _(tf):
    ind, vals, shape = _big_labels()
    return _loss(tf, ind, vals, shape, seq=SEQ_BIG, x=BIG, ctc_merge_repeated=False)


@_case("loss/extreme_logits")
def _(tf):
    x = X.copy()
    x[:, :, 0] += 60.0
    return _loss(tf, *_L, seq=[5, 5], x=x)


@_case("loss_v2/blank0")
def _(tf):
    xi = tf.constant(X)
    sp = tf.SparseTensor([[0, 0], [0, 1], [1, 0]], [1, 3, 2], [2, 2])
    loss = tf.nn.ctc_loss_v2(sp, xi, None, [5, 4], blank_index=0)
    return _run(tf, {"loss": loss, "grad": tf.gradients(loss, xi)[0]})


@_case("loss_v2/blank_last_batch_major")
def _(tf):
    xi = tf.constant(X.transpose(1, 0, 2).copy())
    sp = tf.SparseTensor(*_L)
    return _run(tf, tf.nn.ctc_loss_v2(sp, xi, None, [5, 3], logits_time_major=False,
                                      blank_index=-1))


@_case("loss_v2/blank_middle")
def _(tf):
    sp = tf.SparseTensor([[0, 0], [0, 1], [1, 0]], [0, 3, 1], [2, 2])
    return _run(tf, tf.nn.ctc_loss_v2(sp, tf.constant(X), None, [5, 4], blank_index=2))


@_case("loss_v2/err_no_blank")
def _(tf):
    try:
        tf.nn.ctc_loss_v2(tf.SparseTensor(*_L), tf.constant(X), None, [5, 4])
    except Exception as e:  # noqa: BLE001
        return e


def _dense_v2(tf, x, labels, label_length, logit_length, **kw):
    xi = tf.constant(x)
    loss = tf.nn.ctc_loss_v2(tf.constant(labels), xi, tf.constant(label_length),
                             tf.constant(logit_length), **kw)
    g = tf.gradients(loss, xi, grad_ys=tf.constant(
        np.linspace(0.5, 1.5, len(labels)).astype(np.float32)))[0]
    return _run(tf, {"loss": loss, "grad": g, "shape": tf.shape(loss)})


@_case("loss_v2_dense/blank0")
def _(tf):
    """Dense labels: TF's ctc_loss_dense (the blank class 0 by default), padded labels and
    shorter logit sequences."""
    return _dense_v2(tf, X, [[1, 3, 3], [2, 0, 0]], [3, 1], [5, 4])


@_case("loss_v2_dense/blank_last_batch_major")
def _(tf):
    return _dense_v2(tf, X.transpose(1, 0, 2).copy(), [[1, 2], [0, 0]], [2, 1], [5, 3],
                     logits_time_major=False, blank_index=-1)


@_case("loss_v2_dense/blank_middle_big")
def _(tf):
    rng = np.random.RandomState(8)
    labels = rng.randint(0, 5, (4, 6))
    return _dense_v2(tf, BIG, labels, [6, 4, 3, 1], SEQ_BIG, blank_index=2)


@_case("loss_v2_dense/unknown_shapes")
def _(tf):
    x = tf.placeholder_with_default(X, [None, None, 4])
    labels = tf.placeholder_with_default(np.array([[1, 2], [3, 3]], np.int32), [None, None])
    loss = tf.nn.ctc_loss_v2(labels, x, [2, 2], [5, 5])
    return _run(tf, [loss, tf.gradients(tf.reduce_sum(loss), x)[0]])


@_case("unique_labels")
def _(tf):
    u, idx = tf.nn.ctc_unique_labels(tf.constant([[3, 4, 4, 3, 0], [1, 1, 2, 2, 5]]))
    u2, idx2 = tf.nn.ctc_unique_labels(tf.constant(np.array([[7, 7]], np.int64)))
    return _run(tf, [u, idx, u2, idx2])


# -- errors ------------------------------------------------------------------------------------
@_case("loss/err_not_enough_time")
def _(tf):
    return _loss(tf, *_L, seq=[5, 0])


@_case("loss/err_not_enough_time_collapse")
def _(tf):
    return _loss(tf, [[0, 0], [0, 1], [1, 0], [1, 1], [1, 2]], [1, 2, 1, 1, 1], [2, 3],
                 seq=[5, 2], preprocess_collapse_repeated=True)


@_case("loss/err_empty_labels")
def _(tf):
    return _loss(tf, [[0, 0], [0, 1]], [1, 2], [2, 2], seq=[5, 5])


@_case("loss/err_null_then_label")
def _(tf):
    return _loss(tf, [[0, 0], [0, 1], [1, 0], [1, 1]], [1, 2, 3, 1], [2, 2], seq=[5, 5])


@_case("loss/err_negative_label")
def _(tf):
    return _loss(tf, [[0, 0], [0, 1], [1, 0]], [1, 2, -1], [2, 2], seq=[5, 5])


@_case("loss/err_seq_too_long")
def _(tf):
    return _loss(tf, *_L, seq=[6, 5])


@_case("loss/err_seq_negative")
def _(tf):
    return _loss(tf, *_L, seq=[5, -1])


@_case("loss/err_indices_order")
def _(tf):
    return _loss(tf, [[0, 1], [0, 0], [1, 0]], [1, 2, 2], [2, 2], seq=[5, 5])


@_case("loss/err_indices_repeated")
def _(tf):
    return _loss(tf, [[0, 0], [0, 0], [1, 0]], [1, 2, 2], [2, 2], seq=[5, 5])


@_case("loss/err_indices_bounds")
def _(tf):
    return _loss(tf, [[0, 0], [0, 1], [2, 0]], [1, 2, 2], [3, 2], seq=[5, 5])


@_case("loss/err_batch_mismatch")
def _(tf):
    return _loss(tf, *_L, seq=[5, 5, 5])


@_case("loss/err_rank")
def _(tf):
    try:
        tf.nn.ctc_loss(tf.SparseTensor([[0, 0]], [1], [1, 1]), tf.zeros([3, 4]), [3])
    except Exception as e:  # noqa: BLE001
        return e


@_case("loss/err_float64")
def _(tf):
    try:
        tf.nn.ctc_loss(tf.SparseTensor([[0, 0]], [1], [1, 1]), tf.zeros([3, 1, 4], tf.float64),
                       [3])
    except Exception as e:  # noqa: BLE001
        return e


@_case("loss/err_dense_labels")
def _(tf):
    try:
        tf.nn.ctc_loss(tf.constant([[1]]), tf.zeros([3, 1, 4]), [3])
    except Exception as e:  # noqa: BLE001
        return e


@_case("loss/err_logits_and_inputs")
def _(tf):
    try:
        tf.nn.ctc_loss(tf.SparseTensor([[0, 0]], [1], [1, 1]), tf.zeros([3, 1, 4]), [3],
                       logits=tf.zeros([3, 1, 4]))
    except Exception as e:  # noqa: BLE001
        return e


@_case("loss/ops")
def _(tf):
    x = tf.placeholder(tf.float32, [None, None, 4])
    loss = tf.nn.ctc_loss(tf.SparseTensor([[0, 0]], [1], [1, 1]), x, [3])
    fwd = [(op.type, op.name) for op in tf.get_default_graph().get_operations()]
    g = tf.gradients(loss, x)[0]
    grad_ops = [(op.type, op.name) for op in tf.get_default_graph().get_operations()
                if "CTCLoss_grad" in op.name]
    try:
        tf.gradients(g, x)
        second = None
    except Exception as e:  # noqa: BLE001
        second = e
    return {"fwd": fwd, "grad_ops": grad_ops, "shape": str(loss.shape), "g_shape": str(g.shape),
            "second": second}


# -- decoders ----------------------------------------------------------------------------------
def _decode(tf, fn):
    try:
        decoded, lp = fn()
    except Exception as e:  # noqa: BLE001
        return e
    return _run(tf, {"decoded": [(d.indices, d.values, d.dense_shape) for d in decoded],
                     "log_prob": lp})


@_case("beam/top2")
def _(tf):
    return _decode(tf, lambda: tf.nn.ctc_beam_search_decoder(BEAM, [12, 4, 1], beam_width=3,
                                                             top_paths=2))


@_case("beam/no_merge")
def _(tf):
    return _decode(tf, lambda: tf.nn.ctc_beam_search_decoder(
        BEAM, [12, 9, 2], beam_width=4, top_paths=3, merge_repeated=False))


@_case("beam/default_width")
def _(tf):
    return _decode(tf, lambda: tf.nn.ctc_beam_search_decoder(BEAM, [12, 4, 0]))


@_case("beam/wide_top4")
def _(tf):
    return _decode(tf, lambda: tf.nn.ctc_beam_search_decoder(BEAM[:8], [8, 8, 5], beam_width=20,
                                                             top_paths=4))


@_case("beam/width1")
def _(tf):
    return _decode(tf, lambda: tf.nn.ctc_beam_search_decoder(BEAM, [12, 7, 3], beam_width=1))


@_case("beam/v2")
def _(tf):
    return _decode(tf, lambda: tf.nn.ctc_beam_search_decoder_v2(BEAM, [12, 6, 3], beam_width=5,
                                                                top_paths=2))


@_case("beam/placeholder_shapes")
def _(tf):
    d, lp = tf.nn.ctc_beam_search_decoder(tf.placeholder(tf.float32, [None, 3, 5]), [6, 4, 0],
                                          top_paths=2)
    return {"ops": [(op.type, op.name) for op in tf.get_default_graph().get_operations()],
            "lp": str(lp.shape), "ind": str(d[0].indices.shape), "val": str(d[1].values.shape),
            "shape": str(d[0].dense_shape.shape)}


@_case("beam/err_less_leaves")
def _(tf):
    return _decode(tf, lambda: tf.nn.ctc_beam_search_decoder(BEAM, [12, 4, 0], beam_width=3,
                                                             top_paths=2))


@_case("beam/err_more_than_width")
def _(tf):
    return _decode(tf, lambda: tf.nn.ctc_beam_search_decoder(BEAM, [12, 4, 1], beam_width=2,
                                                             top_paths=3))


@_case("beam/err_seq_too_long")
def _(tf):
    return _decode(tf, lambda: tf.nn.ctc_beam_search_decoder(BEAM, [13, 4, 0]))


@_case("beam/err_batch")
def _(tf):
    return _decode(tf, lambda: tf.nn.ctc_beam_search_decoder(tf.placeholder_with_default(
        BEAM, [None, None, 5]), tf.placeholder_with_default([3, 3], [None])))


@_case("beam/err_width0")
def _(tf):
    return _decode(tf, lambda: tf.nn.ctc_beam_search_decoder(BEAM, [12, 4, 0], beam_width=0,
                                                             top_paths=0))


@_case("beam/err_float64_tensor")
def _(tf):
    return _decode(tf, lambda: tf.nn.ctc_beam_search_decoder(tf.constant(BEAM.astype(np.float64)),
                                                             [12, 4, 0]))


@_case("greedy/basic")
def _(tf):
    return _decode(tf, lambda: tf.nn.ctc_greedy_decoder(BEAM, [12, 5, 0]))


@_case("greedy/err_batch")
def _(tf):
    return _decode(tf, lambda: tf.nn.ctc_greedy_decoder(tf.placeholder_with_default(
        BEAM, [None, None, 5]), tf.placeholder_with_default([3, 3], [None])))


@_case("greedy/no_merge")
def _(tf):
    return _decode(tf, lambda: tf.nn.ctc_greedy_decoder(BEAM, [12, 5, 1], merge_repeated=False))


def cases(tf):
    out = {}
    for name in sorted(CASES):
        tf.reset_default_graph()
        with tf.Graph().as_default():
            out[name] = CASES[name](tf)
    return out
