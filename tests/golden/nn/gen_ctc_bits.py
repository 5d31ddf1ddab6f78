"""TF 1.14's CTCLoss in its own float32 rounding: the loss and the gradient (the op's second
output, through tf.gradients) of random logits for several sizes (classes below, at and above
Eigen's packet of 8 and two packets, for its exp and sum), label sequences with repeats,
ctc_merge_repeated and preprocess_collapse_repeated on and off, sequence lengths shorter than
the logits, an empty sequence with ignore_longer_outputs_than_inputs, and an impossible
alignment (infinite loss)."""
import numpy as np

# (max_time, batch, classes, labels per batch entry, sequence lengths, options)
CASES = {
    "small": (8, 2, 5, [[1, 2, 2], [3, 1]], [8, 6], {}),
    "c8": (10, 3, 8, [[0, 1, 2, 3], [6, 6, 6], [5]], [10, 9, 3], {}),
    "c19": (12, 2, 19, [[4, 17, 17, 2, 9], [0, 1, 0, 1]], [12, 11], {}),
    "c40_long": (30, 2, 40, [list(range(0, 36, 3)), [7, 7, 8, 8, 9, 9]], [30, 25], {}),
    "no_merge": (9, 2, 6, [[1, 1, 2], [3, 4, 3]], [9, 7], {"ctc_merge_repeated": False}),
    "collapse": (9, 2, 6, [[1, 1, 2, 2], [3, 3, 3]], [9, 7],
                 {"preprocess_collapse_repeated": True}),
    "ignore_longer": (6, 3, 5, [[1, 2, 3, 0, 1, 2, 3], [2], [1, 3]], [6, 0, 4],
                      {"ignore_longer_outputs_than_inputs": True}),
    "impossible": (3, 1, 4, [[1, 1, 1]], [3], {"ctc_merge_repeated": True,
                                                "ignore_longer_outputs_than_inputs": True}),
    "wide_logits": (7, 2, 9, [[2, 5], [8 - 1 - 1, 0, 7 - 1]], [7, 7], {}),
}


def _sparse(labels):
    idx = [[b, i] for b, lab in enumerate(labels) for i in range(len(lab))]
    vals = [v for lab in labels for v in lab]
    return np.array(idx, np.int64), np.array(vals, np.int32)


def cases(tf):
    rng = np.random.RandomState(31)
    out = {}
    for key in sorted(CASES):
        t, b, c, labels, seq, opts = CASES[key]
        x = (rng.randn(t, b, c) * 3).astype(np.float32)
        idx, vals = _sparse(labels)
        with tf.Graph().as_default():
            logits = tf.constant(x)
            st = tf.SparseTensor(idx, vals, [b, max(len(l) for l in labels)])
            loss = tf.nn.ctc_loss(st, logits, tf.constant(seq, tf.int32), **opts)
            w = tf.constant(rng.rand(b).astype(np.float32))
            grad = tf.gradients(tf.reduce_sum(loss * w), logits)[0]
            with tf.Session() as s:
                out[key] = s.run([loss, grad])
    return out
