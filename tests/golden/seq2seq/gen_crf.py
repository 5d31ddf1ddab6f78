"""TF 1.14 goldens for tf.contrib.crf (float32, as TF 1.14's forward recursions are):
log-likelihood with given and created transitions, sequence/unary/binary scores,
log-norm, multitag scores, crf_decode and viterbi_decode, with zero, one and full
lengths and single-step inputs; gradients of the negative log-likelihood w.r.t. the
potentials and the transitions.

Output: crf.json, read by tests/test_crf.py.
"""
import numpy as np

B, T, N = 4, 5, 3
_rng = np.random.RandomState(17)
POT = _rng.randn(B, T, N).astype(np.float32)
TAGS = _rng.randint(0, N, (B, T)).astype(np.int32)
TRANS = _rng.randn(N, N).astype(np.float32)
LENS = np.array([5, 3, 1, 0], np.int32)
BITMAP = _rng.rand(B, T, N) > 0.4


def _scores(tf, t):
    pot = tf.constant(POT[:, :t])
    tags = tf.constant(TAGS[:, :t])
    lens = tf.constant(np.minimum(LENS, t))
    trans = tf.constant(TRANS)
    crf = tf.contrib.crf
    ll, _ = crf.crf_log_likelihood(pot, tags, lens, trans)
    tags_out, best = crf.crf_decode(pot, trans, lens)
    fetch = {"ll": ll, "seq": crf.crf_sequence_score(pot, tags, lens, trans),
             "norm": crf.crf_log_norm(pot, lens, trans),
             "multitag": crf.crf_multitag_sequence_score(pot, tf.constant(BITMAP[:, :t]),
                                                         lens, trans),
             "decode": tags_out, "best": best,
             "grads": [g for g in tf.gradients(-tf.reduce_sum(ll), [pot, trans])
                       if g is not None]}
    if t > 1:
        fetch["unary"] = crf.crf_unary_score(tags, lens, pot)
        fetch["binary"] = crf.crf_binary_score(tags, lens, trans)
    with tf.Session() as sess:
        out = sess.run(fetch)
    out["decode_shape"] = str(tags_out.shape)
    return out


def _created(tf):
    with tf.variable_scope("crf", initializer=tf.constant_initializer(0.3)):
        ll, trans = tf.contrib.crf.crf_log_likelihood(tf.constant(POT), tf.constant(TAGS),
                                                      tf.constant(LENS))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return {"ll": sess.run(ll), "name": trans.name, "shape": trans.shape.as_list()}


def _viterbi(tf):
    out = []
    for b in range(B):
        n = max(int(LENS[b]), 1)
        seq, score = tf.contrib.crf.viterbi_decode(POT[b, :n], TRANS)
        out.append([[int(i) for i in seq], float(score)])
    return out


CASES = {
    "scores/t5": lambda tf: _scores(tf, 5),
    "scores/t2": lambda tf: _scores(tf, 2),
    "scores/t1": lambda tf: _scores(tf, 1),
    "created_transitions": _created,
    "viterbi_decode": _viterbi,
}


def cases(tf):
    out = {}
    for name in sorted(CASES):
        with tf.Graph().as_default():
            out[name] = CASES[name](tf)
    return out
