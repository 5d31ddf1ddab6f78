"""TF 1.14 goldens for tf.contrib.seq2seq.sequence_loss: every averaging/summing mode,
zero weights, a custom softmax_loss_function, first- and second-order gradients w.r.t.
the logits, the ops it creates, and its errors. Output: sequence_loss.json, read by
tests/test_seq2seq.py, which runs these same case functions with flowgrad.
"""
import numpy as np

B, T, V = 3, 4, 5
_rng = np.random.RandomState(21)
LOGITS = _rng.randn(B, T, V)
TARGETS = _rng.randint(0, V, (B, T)).astype(np.int32)
WEIGHTS = np.array([[1, 1, 1, 0], [1, 1, 0, 0], [1, 0.5, 2, 1]], np.float64)

MODES = {
    "avg_both": dict(),
    "avg_time": dict(average_across_batch=False),
    "avg_batch": dict(average_across_timesteps=False),
    "none": dict(average_across_timesteps=False, average_across_batch=False),
    "sum_both": dict(average_across_timesteps=False, average_across_batch=False,
                     sum_over_timesteps=True, sum_over_batch=True),
    "sum_time": dict(average_across_timesteps=False, average_across_batch=False,
                     sum_over_timesteps=True),
    "sum_batch": dict(average_across_timesteps=False, average_across_batch=False,
                      sum_over_batch=True),
    "sum_time_avg_batch": dict(average_across_timesteps=False, sum_over_timesteps=True),
}


def _run(tf, fetches):
    with tf.Session() as s:
        return s.run(fetches)


def _ops(tf):
    return [(op.type, op.name) for op in tf.get_default_graph().get_operations()]


def _value(tf, mode, weights=WEIGHTS):
    x = tf.constant(LOGITS)
    loss = tf.contrib.seq2seq.sequence_loss(x, tf.constant(TARGETS), tf.constant(weights),
                                            **MODES[mode])
    ops = _ops(tf)  # the forward ops (gradient graphs are flowgrad's own)
    g1 = tf.gradients(loss, x)[0]
    fetch = {"loss": loss, "g1": g1}
    try:  # TF 1.14 refuses the fused cross-entropy's second derivative
        fetch["g2"] = tf.gradients(tf.reduce_sum(g1 * tf.constant(np.cos(LOGITS))), x)[0]
        g2_error = None
    except LookupError as e:
        g2_error = e
    out = _run(tf, fetch)
    if g2_error is not None:
        out["g2"] = g2_error
    out["shape"] = str(loss.shape)
    out["ops"] = ops
    return out


CASES = {}
for _m in MODES:
    CASES["mode/" + _m] = lambda tf, m=_m: _value(tf, m)
    CASES["zero_weights/" + _m] = lambda tf, m=_m: _value(tf, m, np.zeros((B, T)))


def _custom(tf):
    def loss_fn(labels, logits):
        return tf.nn.softmax_cross_entropy_with_logits_v2(
            labels=tf.one_hot(labels, V, dtype=tf.float64), logits=logits)
    x = tf.constant(LOGITS)
    loss = tf.contrib.seq2seq.sequence_loss(x, tf.constant(TARGETS), tf.constant(WEIGHTS),
                                            average_across_batch=False,
                                            softmax_loss_function=loss_fn, name="seq")
    return {"loss": _run(tf, loss), "ops": [o for o in _ops(tf) if o[1].startswith("seq/")
                                            and "softmax_cross_entropy" not in o[1]]}


CASES["custom_loss_fn"] = _custom


def _error(fn):
    def case(tf):
        try:
            fn(tf)
        except Exception as e:  # noqa: BLE001 - TF's error is the golden
            return e
        return "no error"
    return case


_L, _T, _W = (lambda tf: tf.constant(LOGITS), lambda tf: tf.constant(TARGETS),
              lambda tf: tf.constant(WEIGHTS))
CASES["error/logits_rank"] = _error(lambda tf: tf.contrib.seq2seq.sequence_loss(
    tf.constant(LOGITS[0]), _T(tf), _W(tf)))
CASES["error/targets_rank"] = _error(lambda tf: tf.contrib.seq2seq.sequence_loss(
    _L(tf), tf.constant(TARGETS[0]), _W(tf)))
CASES["error/weights_rank"] = _error(lambda tf: tf.contrib.seq2seq.sequence_loss(
    _L(tf), _T(tf), tf.constant(WEIGHTS[0])))
CASES["error/avg_and_sum_time"] = _error(lambda tf: tf.contrib.seq2seq.sequence_loss(
    _L(tf), _T(tf), _W(tf), sum_over_timesteps=True))
CASES["error/avg_and_sum_batch"] = _error(lambda tf: tf.contrib.seq2seq.sequence_loss(
    _L(tf), _T(tf), _W(tf), sum_over_batch=True))


def cases(tf):
    out = {}
    for name, fn in sorted(CASES.items()):
        with tf.Graph().as_default():
            out[name] = fn(tf)
    return out
