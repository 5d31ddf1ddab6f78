"""TF 1.14 goldens for NLP-script behaviours found by the pnlp2 probe (seq2seq training
through TrainingHelper, loops whose body reads a tensor in a tf.cond): each case builds its
own graph and returns what TF's op counter and the values give. Read by
tests/test_pnlp2_nlp.py."""
from __future__ import absolute_import

import numpy as np


def _cond_in_loop(tf, branch):
    """A while loop whose body adds tf.cond(i + 1 >= n, zeros, branch(x, i, xx)) to its
    sum, x a [None, 3] placeholder read from outside the loop (xx = x * 1.0 made in the
    body); the gradient with respect to x: the op counter's move, a graph-seeded
    random_uniform made after it (its seed is the counter) and the gradient's value."""
    with tf.Graph().as_default() as g:
        tf.set_random_seed(5)
        x = tf.placeholder(tf.float32, [None, 3])
        n = tf.shape(x)[0]

        def body(i, acc):
            xx = x * 1.0
            r = tf.cond(i + 1 >= n, lambda: tf.zeros([3]), lambda: branch(x, i, xx))
            return i + 1, acc + r
        _, acc = tf.while_loop(lambda i, a: i < n - 1, body, [0, tf.zeros([3])])
        before = g._last_id
        grad = tf.gradients(tf.reduce_sum(acc), [x])[0]
        moved = g._last_id - before
        after = tf.random_uniform([2])
        with tf.Session() as sess:
            got = sess.run([after, grad], {x: np.arange(9, dtype=np.float32).reshape(3, 3)})
        return [moved] + got


def cond_reads_outer_slice(tf):
    """The branch slices the loop's captured x (x[i]): the untaken branch's zeros of x
    are TF's (the Switch of x and its Shape stacked), counted once."""
    return _cond_in_loop(tf, lambda x, i, xx: x[i] * 2.0)


def cond_reads_outer_reduce(tf):
    """The branch reduces the captured x (its gradient reads x's shape)."""
    return _cond_in_loop(tf, lambda x, i, xx: tf.reduce_sum(x, 0))


def cond_reads_body_value(tf):
    """The branch slices xx, a value made in the loop body: the untaken branch's zeros of
    xx read it through the cond's Switch, no stack of xx of their own."""
    return _cond_in_loop(tf, lambda x, i, xx: xx[0])


def cond_nested(tf):
    """The branch is a cond of its own (on i > 0) reading xx and x: its untaken branch's
    zeros and the stacks its gradient pops are pushed through a Switch into the outer
    cond too."""
    return _cond_in_loop(tf, lambda x, i, xx: tf.cond(i > 0, lambda: xx[0], lambda: x[1]))


def cond_nested_three(tf):
    """Three conds deep: a Switch per enclosing cond of the body on each push."""
    return _cond_in_loop(tf, lambda x, i, xx: tf.cond(
        i > 0, lambda: tf.cond(i > 1, lambda: xx[0], lambda: x[2]), lambda: x[1]))


def cond_same_pred_twice(tf):
    """Two conds of a loop body on one predicate tensor: each cond's gradient stacks its
    own pred_id (the op counter's move, a random_uniform made after the gradient, the
    gradient)."""
    with tf.Graph().as_default() as g:
        tf.set_random_seed(5)
        x = tf.placeholder(tf.float32, [None, 3])
        n = tf.shape(x)[0]

        def body(i, acc):
            xx = x * 2.0
            p = i + 1 >= n
            r = tf.cond(p, lambda: tf.zeros([3]), lambda: x[0]) + \
                tf.cond(p, lambda: xx[1], lambda: tf.zeros([3]))
            return i + 1, acc + r
        _, acc = tf.while_loop(lambda i, a: i < n - 1, body, [0, tf.zeros([3])])
        before = g._last_id
        grad = tf.gradients(tf.reduce_sum(acc), [x])[0]
        moved = g._last_id - before
        after = tf.random_uniform([2])
        with tf.Session() as sess:
            got = sess.run([after, grad], {x: np.arange(12, dtype=np.float32).reshape(4, 3)})
        return [moved] + got


def cond_invariant_pred(tf):
    """A cond of a loop body on a predicate from outside the loop (an is_training
    placeholder, as tf.layers.dropout(training=...) in a cell makes): TF stacks the cond's
    pred_id, made in the body, as for any predicate (the op counter's move, a
    random_uniform made after the gradient, the gradient for each predicate value)."""
    with tf.Graph().as_default() as g:
        tf.set_random_seed(5)
        x = tf.placeholder(tf.float32, [None, 3])
        training = tf.placeholder(tf.bool, [])
        n = tf.shape(x)[0]

        def body(i, acc):
            xx = x * 2.0
            r = tf.cond(training, lambda: xx[1] * 0.5, lambda: xx[0]) + \
                tf.cond(training, lambda: acc, lambda: xx[2])
            return i + 1, acc + r
        _, acc = tf.while_loop(lambda i, a: i < n - 1, body, [0, tf.zeros([3])])
        before = g._last_id
        grad = tf.gradients(tf.reduce_sum(acc), [x])[0]
        moved = g._last_id - before
        after = tf.random_uniform([2])
        xs = np.arange(12, dtype=np.float32).reshape(4, 3)
        with tf.Session() as sess:
            got = [sess.run(after)] + [sess.run(grad, {x: xs, training: t})
                                       for t in (True, False)]
        return [moved] + got


def _gather_both_branches(tf, in_loop):
    """A cond whose branches both gather rows of a variable (tf.gather(v, i) and the sum of
    tf.gather(v, [i, 0])), alone or in a while loop's body: the variable's gradient is
    IndexedSlices from each branch (each branch's Switch of v gets its own dead-branch
    zeros made slices and its Merges, the two concatenated). The op counter's move, a
    random_uniform made after the gradient and the gradient's rows summed."""
    with tf.Graph().as_default() as g:
        tf.set_random_seed(5)
        x = tf.placeholder(tf.float32, [None, 3])
        v = tf.get_variable("v", [6, 3], initializer=tf.random_normal_initializer(seed=1))
        n = tf.shape(x)[0]

        def pick(i):
            return tf.cond(i + 1 >= n, lambda: tf.gather(v, i),
                           lambda: tf.reduce_sum(tf.gather(v, [i, 0]), 0))
        if in_loop:
            _, acc = tf.while_loop(lambda i, a: i < n - 1,
                                   lambda i, a: (i + 1, a + pick(i)), [0, tf.zeros([3])])
        else:
            acc = pick(n - 2)
        before = g._last_id
        grad = tf.gradients(tf.reduce_sum(acc * tf.constant([1.0, 2.0, 3.0])), [v])[0]
        moved = g._last_id - before
        after = tf.random_uniform([2])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            got = sess.run([after, tf.unsorted_segment_sum(grad.values, grad.indices, 6)],
                           {x: np.zeros([4, 3], np.float32)})
        return [moved] + got


def cond_gather_both_branches(tf):
    return _gather_both_branches(tf, False)


def cond_gather_both_branches_in_loop(tf):
    return _gather_both_branches(tf, True)


def training_helper_embedding_grad(tf):
    """A seq2seq decoder trained through TrainingHelper on embedding_lookup inputs (its
    next_inputs read the inputs' TensorArray in a tf.cond in the decode loop), with
    BahdanauAttention: the op counter's move over tf.gradients, the random_uniform made
    after it, the loss and the embeddings' gradient."""
    with tf.Graph().as_default() as g:
        tf.set_random_seed(5)
        tgt = tf.placeholder(tf.int32, [None, None])
        mem = tf.placeholder(tf.float32, [None, None, 3])
        lens = tf.placeholder(tf.int32, [None])
        emb = tf.get_variable("demb", [7, 3])
        mech = tf.contrib.seq2seq.BahdanauAttention(4, mem, memory_sequence_length=lens)
        cell = tf.contrib.seq2seq.AttentionWrapper(tf.nn.rnn_cell.GRUCell(4), mech,
                                                   attention_layer_size=4)
        helper = tf.contrib.seq2seq.TrainingHelper(tf.nn.embedding_lookup(emb, tgt), lens)
        dec = tf.contrib.seq2seq.BasicDecoder(
            cell, helper, cell.zero_state(tf.shape(mem)[0], tf.float32),
            output_layer=tf.layers.Dense(5, use_bias=False))
        out, _, _ = tf.contrib.seq2seq.dynamic_decode(dec)
        mask = tf.sequence_mask(lens, tf.shape(tgt)[1], dtype=tf.float32)
        loss = tf.contrib.seq2seq.sequence_loss(out.rnn_output, tgt, mask)
        before = g._last_id
        grads = tf.gradients(loss, [emb])
        moved = g._last_id - before
        after = tf.random_uniform([2])
        feed = {tgt: [[1, 2, 3], [4, 1, 0]], lens: [3, 2],
                mem: np.linspace(-1, 1, 18, dtype=np.float32).reshape(2, 3, 3)}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            got = sess.run([after, loss, tf.convert_to_tensor(grads[0])], feed)
        return [moved] + got


CASES = {
    "cond_reads_outer_slice": cond_reads_outer_slice,
    "cond_reads_outer_reduce": cond_reads_outer_reduce,
    "cond_reads_body_value": cond_reads_body_value,
    "cond_nested": cond_nested,
    "cond_invariant_pred": cond_invariant_pred,
    "cond_same_pred_twice": cond_same_pred_twice,
    "cond_gather_both_branches": cond_gather_both_branches,
    "cond_gather_both_branches_in_loop": cond_gather_both_branches_in_loop,
    "cond_nested_three": cond_nested_three,
    "training_helper_embedding_grad": training_helper_embedding_grad,
}


def cases(tf):
    np.random.seed(0)
    return {name: fn(tf) for name, fn in sorted(CASES.items())}
