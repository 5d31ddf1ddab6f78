"""TF 1.14 goldens: tf.contrib.rnn.LayerNormBasicLSTMCell in dynamic_rnn (outputs, states,
gradients, variable names), with and without layer norm and recurrent dropout."""
import numpy as np

X = np.random.RandomState(4).uniform(-1, 1, (2, 3, 2))


def _case(tf, **kw):
    x = tf.constant(X)
    init = tf.random_uniform_initializer(-0.5, 0.5, seed=6, dtype=tf.float64)
    with tf.variable_scope("s", initializer=init):
        cell = tf.contrib.rnn.LayerNormBasicLSTMCell(3, **kw)
        out, state = tf.nn.dynamic_rnn(cell, x, sequence_length=[3, 2], dtype=tf.float64)
    loss = tf.reduce_sum(tf.sin(out)) + tf.reduce_sum(state.c * state.h)
    grads = tf.gradients(loss, [x] + tf.trainable_variables())
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([out, state, grads]) + [
            [[v.name, v.shape.as_list()] for v in tf.global_variables()]]


KWARGS = {"default": {}, "no_norm": {"layer_norm": False, "forget_bias": 0.5},
          "gain_shift_dropout": {"norm_gain": 1.5, "norm_shift": 0.2,
                                 "dropout_keep_prob": 0.7, "dropout_prob_seed": 3}}


def cases(tf):
    out = {}
    for name in sorted(KWARGS):
        tf.reset_default_graph()
        out[name] = _case(tf, **KWARGS[name])
    return out
