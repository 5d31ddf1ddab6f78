"""TF 1.14's CTCBeamSearchDecoder and CTCGreedyDecoder log probabilities in TF's float32
rounding: seeded logits over beam widths (1 up to wider than the trie), top_paths,
merge_repeated on and off, sequence lengths shorter than the logits, and class counts below,
at and above Eigen's packet of 8. Each case gives the beam's log probabilities, its decoded
paths (values and indices) and the greedy decoder's log probabilities."""
import numpy as np

# (max_time, batch, classes, beam_width, top_paths, merge_repeated, logit scale)
CASES = {
    "c5_w4": (6, 4, 5, 4, 2, True, 2.0),
    "c9_w8_nomerge": (10, 3, 9, 8, 3, False, 1.0),
    "c17_w10": (12, 5, 17, 10, 4, True, 3.0),
    "c4_w1": (8, 2, 4, 1, 1, True, 1.0),
    "c30_w16_nomerge": (20, 3, 30, 16, 5, False, 2.0),
    "c12_w3": (15, 4, 12, 3, 3, True, 4.0),
    "c8_w6_flat": (9, 3, 8, 6, 6, True, 0.3),
    "c3_w2": (7, 2, 3, 2, 2, False, 1.5),
}


def cases(tf):
    rng = np.random.RandomState(45)
    out = {}
    for key in sorted(CASES):
        t, b, c, width, top, merge, scale = CASES[key]
        x = (rng.randn(t, b, c) * scale).astype(np.float32)
        seq = rng.randint(max(t // 2, 2), t + 1, size=b).astype(np.int32)
        seq[0] = t
        with tf.Graph().as_default():
            logits = tf.constant(x)
            decoded, log_prob = tf.nn.ctc_beam_search_decoder(
                logits, seq, beam_width=width, top_paths=top, merge_repeated=merge)
            _, greedy = tf.nn.ctc_greedy_decoder(logits, seq, merge_repeated=merge)
            with tf.Session() as s:
                got = s.run([log_prob, greedy] + [d.values for d in decoded]
                            + [d.indices for d in decoded])
        out[key] = got
    return out
