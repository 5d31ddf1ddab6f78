"""A run-time OpError's message and str() as TF 1.14's: the message ends with the node
line and, when inputs were defined on other lines, "Errors may have originated from an
input operation." naming them; the op's creation stack ("Original stack trace for") is
str()'s only. Each case runs the failing fetch twice (flowgrad's first run interprets
the plan, the second runs the compiled one). tests/test_error_sources.py runs the same
programs with flowgrad. An error inside a tf.cond branch or a loop body names only the
inner op (its inputs from outside come through Switch/Enter ops made on its own line);
one inside a dataset function keeps TF's uninterpolated `[[{{node X}}]]` and names no op,
the iterator adding `[[IteratorGetNext]]`. An uninitialized variable fails in its
`read` Identity (flowgrad's plan folds that into the consumer); one fetched as it is in
the fetch's `_retval` node.

TF takes the input ops from a set, so the recorded source lines are sorted; file names
keep their base name only (TF strips the common prefix of all frames, flowgrad shows the
base name)."""
import re

import numpy as np


def _norm(text):
    text = re.sub(r"defined at \S*/", "defined at ", text)
    head, sep, tail = text.partition("Input Source operations connected to node ")
    if not sep:
        return text
    first, _, rest = tail.partition(":\n")
    return head + sep + first + ":\n" + "\t\n".join(sorted(rest.split("\t\n")))


def _run(tf, fetch, feeds=None):
    out = []
    with tf.Session() as sess:
        for _ in range(2):
            try:
                sess.run(fetch, feeds)
                out.append(None)
            except tf.errors.OpError as e:
                stack = str(e)[len(e.message):].split("\n")   # [""] without an op
                out.append([type(e).__name__, _norm(e.message), stack[:3],
                            e.op.name if e.op is not None else None])
    return out


def two_placeholders(tf):
    a = tf.placeholder(tf.float32, [None])
    b = tf.placeholder(tf.float32, [None])
    c = a + b
    return _run(tf, c, {a: np.ones(2), b: np.ones(3)})


def one_line(tf):
    c = tf.placeholder(tf.float32, [None], name="p") * tf.constant([1.0, 2.0, 3.0])
    return _run(tf, c, {"p:0": np.ones(2)})


def input_on_the_ops_line(tf):
    a = tf.placeholder(tf.float32, [None])
    c = tf.maximum(a, tf.constant([1.0, 2.0, 3.0]))
    return _run(tf, c, {a: np.ones(2)})


def reshape_shape_elsewhere(tf):
    x = tf.placeholder(tf.float32, [None])
    shape = tf.constant([2, 2])
    y = tf.reshape(x, shape)
    return _run(tf, y, {x: np.ones(3)})


def iterator_end(tf):
    it = tf.data.Dataset.range(1).make_one_shot_iterator()
    nxt = it.get_next()
    with tf.Session() as sess:
        sess.run(nxt)
        try:
            sess.run(nxt)
        except tf.errors.OutOfRangeError as e:
            return [_norm(e.message), str(e)[len(e.message):].split("\n")[:3]]


def in_cond(tf):
    x = tf.placeholder(tf.string, [])
    i = tf.placeholder(tf.int32, [])
    c = tf.cond(i > 0, lambda: tf.strings.to_number(x), lambda: tf.constant(0.0))
    return _run(tf, c, {i: 1, x: "b"})


def in_while(tf):
    i = tf.placeholder(tf.int32, [])
    bad = tf.constant("x")
    r = tf.while_loop(lambda k: k < 3, lambda k: k + tf.strings.to_number(bad, tf.int32), [i])
    return _run(tf, r, {i: 0})


def in_map_fn(tf):
    x = tf.placeholder(tf.string, [])
    m = tf.map_fn(lambda s: tf.strings.to_number(s), tf.stack([x, x]), dtype=tf.float32)
    return _run(tf, m, {x: "q"})


def in_dataset_function(tf):
    d = tf.data.Dataset.range(3).map(lambda v: tf.strings.to_number(tf.as_string(v) + "x"))
    nxt = d.batch(2).make_one_shot_iterator().get_next()
    return _run(tf, nxt)


def uninitialized_read(tf):
    v = tf.Variable([1.0, 2.0], name="w")
    y = v * 2.0
    return _run(tf, y)


def uninitialized_fetch(tf):
    a = tf.Variable(1.0, name="a")
    w = tf.Variable([1.0, 2.0], name="w")
    out = []
    with tf.Session() as sess:
        sess.run(a.initializer)
        for fetch in (w, [w, a], {"x": a, "y": w}, [a, w.value()]):
            try:
                sess.run(fetch)
            except tf.errors.FailedPreconditionError as e:
                out.append([_norm(e.message), e.op is None])
    return out


def cases(tf):
    out = {}
    for f in (two_placeholders, one_line, input_on_the_ops_line, reshape_shape_elsewhere,
              iterator_end, in_cond, in_while, in_map_fn,
              in_dataset_function, uninitialized_read, uninitialized_fetch):
        with tf.Graph().as_default():
            out[f.__name__] = f(tf)
    return out
