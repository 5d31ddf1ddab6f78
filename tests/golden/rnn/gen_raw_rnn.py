"""TF 1.14 goldens: tf.nn.raw_rnn with a loop_fn feeding inputs from a TensorArray and
finishing sequences at their lengths (emitted values, final state, gradients, names)."""
import numpy as np

X = np.random.RandomState(3).uniform(-1, 1, (4, 2, 3))   # time-major
LENGTHS = np.array([4, 2], np.int32)


def case_raw_rnn(tf):
    x = tf.constant(X)
    lengths = tf.constant(LENGTHS)
    inputs_ta = tf.TensorArray(tf.float64, size=4).unstack(x)
    with tf.variable_scope("s", initializer=tf.random_uniform_initializer(
            -0.5, 0.5, seed=9, dtype=tf.float64)):
        cell = tf.nn.rnn_cell.BasicLSTMCell(3)

        def loop_fn(time, cell_output, cell_state, loop_state):
            emit = cell_output
            if cell_output is None:
                next_state = cell.zero_state(2, tf.float64)
            else:
                next_state = cell_state
            finished = time >= lengths
            all_done = tf.reduce_all(finished)
            next_input = tf.cond(all_done, lambda: tf.zeros([2, 3], tf.float64),
                                 lambda: inputs_ta.read(tf.minimum(time, 3)))
            return finished, next_input, next_state, emit, None

        emit_ta, final_state, _ = tf.nn.raw_rnn(cell, loop_fn)
        out = emit_ta.stack()
    loss = tf.reduce_sum(tf.sin(out)) + tf.reduce_sum(final_state.c * final_state.h)
    grads = tf.gradients(loss, [x] + tf.trainable_variables())
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([out, final_state, grads]) + [
            [[v.name, v.shape.as_list()] for v in tf.global_variables()]]


CASES = [case_raw_rnn]


def cases(tf):
    out = {}
    for fn in CASES:
        tf.reset_default_graph()
        out[fn.__name__[5:]] = fn(tf)
    return out
