"""TF 1.14's CTCLoss in its float32 rounding at sizes where flowgrad runs the recursion
vectorized (above 2,048 state-steps, and above the 65,536 where it used to fall back to a
float64 recursion): the loss and the gradient (through tf.gradients) of seeded logits with
mixed sequence lengths, repeated labels, merge_repeated off with collapse on, and an entry
skipped by ignore_longer_outputs_than_inputs."""
import numpy as np

# (max_time, batch, classes, label lengths, options)
CASES = {
    "above_65536": (100, 12, 12, [40, 43, 32, 48, 40, 25, 39, 46, 40, 42, 30, 1], {}),
    "mid_nomerge_collapse": (40, 6, 9, [10, 14, 3, 18, 9, 50],
                             {"ctc_merge_repeated": False,
                              "preprocess_collapse_repeated": True,
                              "ignore_longer_outputs_than_inputs": True}),
    "mid_repeats": (30, 5, 17, [12, 6, 14, 9, 13], {}),
}


def cases(tf):
    rng = np.random.RandomState(4545)
    out = {}
    for key in sorted(CASES):
        t, b, c, lens, opts = CASES[key]
        x = (rng.randn(t, b, c) * 3).astype(np.float32)
        seq = rng.randint(t * 3 // 4, t + 1, size=b).astype(np.int32)
        seq[0] = t
        labels = []
        for n in lens:
            lab = rng.randint(0, c - 1, size=n)
            rep = rng.rand(n) < 0.3             # some labels repeated
            lab[1:][rep[1:]] = lab[:-1][rep[1:]]
            labels.append(lab.tolist())
        idx = np.array([[i, j] for i, lab in enumerate(labels) for j in range(len(lab))],
                       np.int64)
        vals = np.array([v for lab in labels for v in lab], np.int32)
        with tf.Graph().as_default():
            logits = tf.constant(x)
            st = tf.SparseTensor(idx, vals, [b, max(lens)])
            loss = tf.nn.ctc_loss(st, logits, tf.constant(seq), **opts)
            w = tf.constant(rng.rand(b).astype(np.float32))
            grad = tf.gradients(tf.reduce_sum(loss * w), logits)[0]
            with tf.Session() as s:
                out[key] = s.run([loss, grad])
    return out
