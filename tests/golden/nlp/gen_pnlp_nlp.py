"""TF 1.14 goldens for NLP-script behaviours found by the pnlp probe (word2vec, text-CNN,
char-RNN, BiLSTM-CRF, in-graph strings and lookups): each case builds its own graph and
returns its values or the error it raises. Read by tests/test_pnlp_nlp.py."""
from __future__ import absolute_import

import numpy as np

from goldenio import GoldenError


def _run(tf, build, feed=None, static=False):
    """build(tf) -> fetches in a fresh graph, run once; with static, build returns
    (facts, fetches) and the value is [facts, fetched]; an error (building or running) is
    the case's value."""
    with tf.Graph().as_default():
        try:
            facts, fetches = build(tf) if static else (None, build(tf))
            with tf.Session() as sess:
                sess.run(tf.tables_initializer())
                sess.run(tf.global_variables_initializer())
                got = sess.run(fetches, feed)
                return [facts, got] if static else got
        except Exception as e:   # the expected error (its first line) is the value
            return GoldenError.of(e, str(e).split("\n")[0])


def cell_unknown_kwarg(tf):
    """BasicRNNCell(4, kernel_initializer=...) (a keras-only argument): TF's keras
    validate_kwargs raises TypeError with the message and the name as two arguments."""
    return _run(tf, lambda tf: tf.nn.rnn_cell.BasicRNNCell(
        4, kernel_initializer=tf.ones_initializer()))


def hash_strong_bad_key(tf):
    """to_hash_bucket_strong with a one-element key builds; the run fails when the kernel is
    made (InvalidArgumentError "Key must have 2 elements")."""
    def build(tf):
        t = tf.strings.to_hash_bucket_strong(tf.constant(["a", "b"]), 5, [1])
        return [t.name, t]
    return _run(tf, build)


def tuple_gating(tf):
    """tf.tuple of a tensor, an Operation (an insert), a Python list and None: the op comes
    back as a group under the gate, the list converted; names and values."""
    def build(tf):
        v = tf.Variable(1.0, name="v")
        a = tf.constant([1.0, 2.0], name="a")
        upd = tf.assign_add(v, 2.0).op
        out = tf.tuple([a, upd, [3, 4], None], control_inputs=[v.initializer])
        names = [None if t is None else t.name for t in out]
        gate = out[0].op.control_inputs[0]
        return [names, [t.name for t in gate.control_inputs]], [out[0], out[2]]
    return _run(tf, build, static=True)


def tuple_errors(tf):
    """tf.tuple with nothing to gate (ValueError) and a control input that is not an op or
    a tensor (TypeError)."""
    return [_run(tf, lambda tf: tf.tuple([None])),
            _run(tf, lambda tf: tf.tuple([tf.constant(1.0)], control_inputs=["x"]))]


def keras_mask_attr(tf):
    """`tensor._keras_mask` as NLP layers read it: the Embedding's mask_zero mask, carried by
    Dense, None after LSTM/pooling/Input, missing on a raw op's tensor until code sets it."""
    def build(tf):
        inp = tf.keras.Input((5,))
        e = tf.keras.layers.Embedding(10, 3, mask_zero=True)(inp)
        d = tf.keras.layers.Dense(2)(e)
        lstm = tf.keras.layers.LSTM(2)(e)
        pooled = tf.keras.layers.GlobalAveragePooling1D()(e)
        raw = tf.reduce_sum(e, -1)
        facts = [str(inp._keras_mask), e._keras_mask.name, d._keras_mask.name,
                 str(lstm._keras_mask), str(pooled._keras_mask),
                 str(getattr(raw, "_keras_mask", "missing"))]
        raw._keras_mask = tf.not_equal(inp, 0, name="given")
        facts.append(raw._keras_mask.name)
        return facts, e._keras_mask
    return _run(tf, build, {"input_1:0": [[1, 0, 2, 0, 0]]}, static=True)


def masked_birnn_grad(tf):
    """A masked Bidirectional LSTM tagger's gradient (Keras forces zero_output_for_mask:
    the previous-output loop variable reaches no gradient): the op counter after
    tf.gradients (a graph-seeded initializer made later depends on it), that initializer's
    values and the gradients' norms."""
    def build(tf):
        tf.set_random_seed(3)
        inp = tf.keras.Input((6,))
        e = tf.keras.layers.Embedding(12, 4, mask_zero=True)(inp)
        o = tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(3, return_sequences=True))(e)
        g = tf.get_default_graph()
        before = g._last_id
        grads = tf.gradients(tf.reduce_sum(o), tf.trainable_variables())
        after = g._last_id
        later = tf.Variable(tf.random_uniform([4]), name="later")
        return [before, after], [later, [tf.norm(gr) for gr in grads[1:]]]
    return _run(tf, build, {"input_1:0": [[3, 5, 1, 0, 0, 0], [2, 2, 2, 2, 2, 0]]},
                static=True)


def while_unread_var_grad(tf):
    """A tf.while_loop variable that nothing on the way to the ys reads (as the previous
    output of Keras' zero_output_for_mask loop): its initial value gets no gradient from
    the loop, so a tensor feeding it and a read variable gets no AddN (op counter, names,
    value)."""
    def build(tf):
        x = tf.constant([1.5, -0.5], name="x")
        g = tf.get_default_graph()
        _, a, b = tf.while_loop(lambda i, a, b: i < 3,
                                lambda i, a, b: (i + 1, a * 1.5 + 0.25, a * 2.0),
                                [tf.constant(0), x, x * 3.0])
        before = g._last_id
        grad = tf.gradients(tf.reduce_sum(a), x)[0]
        return g._last_id - before, grad
    return _run(tf, build, static=True)


CASES = {
    "masked_birnn_grad": masked_birnn_grad,
    "while_unread_var_grad": while_unread_var_grad,
    "keras_mask_attr": keras_mask_attr,
    "tuple_errors": tuple_errors,
    "tuple_gating": tuple_gating,
    "cell_unknown_kwarg": cell_unknown_kwarg,
    "hash_strong_bad_key": hash_strong_bad_key,
}


def cases(tf):
    np.random.seed(0)
    return {name: fn(tf) for name, fn in sorted(CASES.items())}
