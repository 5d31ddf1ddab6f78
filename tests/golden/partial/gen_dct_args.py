"""TF 1.14's tf.signal.dct / idct argument checks: TF 1.14 itself raises
NotImplementedError for the length `n` and for an axis other than -1 (flowgrad matches
that), and ValueError for the other bad arguments; values for the supported forms."""
import numpy as np

X = np.random.RandomState(0).uniform(-1, 1, [2, 6]).astype("float32")


def _err(e):
    return type(e).__name__ + ": " + str(e).split("\n")[0]


def errors(tf):
    out = []
    for fn in (tf.signal.dct, tf.signal.idct):
        for kw in ({"n": 4}, {"n": 6}, {"axis": 0}, {"axis": 1}, {"type": 4},
                   {"norm": "x"}, {"type": 1, "norm": "ortho"}, {"type": 1, "n": 3}):
            with tf.Graph().as_default():
                try:
                    out.append(fn(tf.constant(X), **kw).shape.as_list())
                except (ValueError, NotImplementedError) as e:
                    out.append(_err(e))
        with tf.Graph().as_default():
            try:
                out.append(fn(tf.zeros([2, 1]), type=1).shape.as_list())
            except ValueError as e:
                out.append(_err(e))
    return out


def values(tf):
    with tf.Graph().as_default():
        x = tf.constant(X)
        ys = [f(x, type=t, norm=n) for f in (tf.signal.dct, tf.signal.idct)
              for t in (1, 2, 3) for n in ((None,) if t == 1 else (None, "ortho"))]
        with tf.Session() as s:
            return s.run(ys)


def cases(tf):
    return {"errors": errors(tf), "values": values(tf)}
