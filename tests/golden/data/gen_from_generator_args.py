"""TF 1.14's Dataset.from_generator(args=...): the args become tensors, evaluated when an
iterator starts (a placeholder fed at initialization), and reach the generator as its
py_func gives them (NumPy scalars, bytes, arrays). tests/test_from_generator_args.py runs
the same programs with flowgrad."""
from __future__ import absolute_import

import numpy as np


def _describe(v):
    return [type(v).__name__, str(getattr(v, "dtype", None)), list(np.shape(v)), repr(v)]


def program(tf):
    seen = []

    def gen(n, s, a, b):
        seen.append([_describe(x) for x in (n, s, a, b)])
        for i in range(int(n)):
            yield (i, s + b"!", a * i)

    g = tf.Graph()
    with g.as_default():
        ph = tf.placeholder(tf.int64, [])
        ds = tf.data.Dataset.from_generator(
            gen, (tf.int64, tf.string, tf.float32), ([], [], [2]),
            args=(ph, "hi", [1.5, 2.0], tf.constant([b"x", b"yz"])))
        it = ds.make_initializable_iterator()
        nxt = it.get_next()
        out = []
        with tf.Session() as sess:
            for n in (2, 3, 0):
                sess.run(it.initializer, {ph: n})
                while True:
                    try:
                        out.append(sess.run(nxt))
                    except tf.errors.OutOfRangeError:
                        out.append("END")
                        break
    return {"elements": out, "seen": seen}


def one_shot(tf):
    def gen(k):
        for i in range(k):
            yield [i] * k

    g = tf.Graph()
    with g.as_default():
        nxt = tf.data.Dataset.from_generator(gen, tf.int32, args=[3]).repeat(2) \
            .make_one_shot_iterator().get_next()
        out = []
        with tf.Session() as sess:
            while True:
                try:
                    out.append(sess.run(nxt))
                except tf.errors.OutOfRangeError:
                    break
    return out


def bad_args(tf):
    g = tf.Graph()
    with g.as_default():
        try:
            tf.data.Dataset.from_generator(lambda k: iter([k]), tf.int64, args=5)
            return "no error"
        except TypeError as e:
            return str(e)


def cases(tf):
    return {"program": program(tf), "one_shot": one_shot(tf), "bad_args": bad_args(tf)}
