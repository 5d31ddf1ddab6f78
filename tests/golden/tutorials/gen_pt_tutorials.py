"""Classic TF1 tutorial programs (word2vec, VAE, GAN, char-RNN, seq2seq, policy gradient,
text CNN, matrix factorization): the ops they use, their errors and seeded results."""
import numpy as np


def _err(fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001
        return e


def _ins(t):
    """An op's output and its num_samples input: names, dtypes, static shapes."""
    n = t.op.inputs[1]
    return [t.name, str(t.shape), n.name, n.dtype.name]


# -- tf.multinomial / tf.random.categorical: num_samples as TF's op_def_library converts it --
def case_multinomial_num_samples(tf):
    lg = [[1.0, 2.0]]
    return [_err(lambda: _ins(tf.multinomial(lg, 3.0))),
            _err(lambda: _ins(tf.multinomial(lg, np.int64(3)))),
            _err(lambda: _ins(tf.multinomial(lg, [3]))),
            _err(lambda: _ins(tf.multinomial(lg, np.array(3)))),
            _err(lambda: _ins(tf.multinomial(lg, tf.constant(3, tf.int64)))),
            _err(lambda: _ins(tf.multinomial(lg, "3"))),
            _err(lambda: _ins(tf.random.categorical(lg, 2, dtype=tf.int32))),
            _err(lambda: _ins(tf.random.stateless_categorical(lg, [3], seed=[1, 2]))),
            _err(lambda: _ins(tf.random.stateless_categorical(lg, 2.5, seed=[1, 2]))),
            _err(lambda: _ins(tf.random.stateless_multinomial(lg, 2, seed=[1, 2])))]


def case_multinomial_negative(tf):
    lg = [[1.0, 2.0]]
    out = [_err(lambda: tf.multinomial(lg, -1)),
           _err(lambda: tf.random.categorical(lg, -3)),
           _err(lambda: tf.random.stateless_multinomial(lg, -1, seed=[1, 2])),
           _err(lambda: tf.random.stateless_categorical(lg, -1, seed=[1, 2])),
           _err(lambda: tf.multinomial([[[1.0, 2.0]]], -1))]
    p = tf.placeholder(tf.int32)
    m = tf.multinomial(lg, p)
    with tf.Session() as sess:
        out.append(_err(lambda: sess.run(m, {p: -2})))
    return out


def cases(tf):
    out = {}
    for name, fn in sorted(globals().items()):
        if name.startswith("case_"):
            tf.reset_default_graph()
            out[name[5:]] = fn(tf)
    return out
