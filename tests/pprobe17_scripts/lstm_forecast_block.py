"""An LSTM forecaster on a synthetic seasonal series (trend + two seasons + seeded noise):
sliding windows from tf.contrib.signal.frame, a MultiRNNCell of tf.contrib.rnn.LSTMBlockCell
and tf.contrib.rnn.LayerNormBasicLSTMCell unrolled by tf.nn.static_rnn, a dense head, Adam
with clip_by_global_norm; then a 6-step autoregressive rollout in a tf.while_loop feeding the
forecast back through the same cells; losses and forecasts at full precision."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(1731)
rs = np.random.RandomState(1732)
N, W, HID = 90, 12, 8
t = np.arange(N, dtype=np.float64)
series = (0.01 * t + np.sin(2 * np.pi * t / 12.0) + 0.4 * np.cos(2 * np.pi * t / 5.0)
          + 0.1 * rs.randn(N)).astype(np.float32)
s_t = tf.constant(series)
win = tf.contrib.signal.frame(s_t, W + 1, 3)
xs = win[:, :W]
ys = win[:, W:]
mean, var = tf.nn.moments(s_t, [0])
xs_n = (xs - mean) / tf.sqrt(var)
ys_n = (ys - mean) / tf.sqrt(var)
with tf.variable_scope("fc", initializer=tf.glorot_uniform_initializer(seed=9)):
    cell = tf.nn.rnn_cell.MultiRNNCell([
        tf.contrib.rnn.LSTMBlockCell(HID, forget_bias=1.0),
        tf.contrib.rnn.LayerNormBasicLSTMCell(HID)])
    inputs = tf.unstack(tf.expand_dims(xs_n, -1), axis=1)
    outs, state = tf.nn.static_rnn(cell, inputs, dtype=tf.float32)
    dense = tf.layers.Dense(1, kernel_initializer=tf.glorot_uniform_initializer(seed=10))
    pred = dense(outs[-1])
    loss = tf.losses.mean_squared_error(ys_n, pred)
    opt = tf.train.AdamOptimizer(0.02)
    gv = opt.compute_gradients(loss)
    grads, gnorm = tf.clip_by_global_norm([g for g, _ in gv], 1.0)
    train = opt.apply_gradients(list(zip(grads, [v for _, v in gv])))

    last = tf.reshape(pred[-1], [1, 1])
    st0 = tuple(tf.contrib.rnn.LSTMStateTuple(c[-1:], h[-1:]) for c, h in state)

    def body(i, x, st, acc):
        with tf.variable_scope("rnn", reuse=True):
            o, st2 = cell(x, st)
        y = dense(o)
        return i + 1, y, st2, acc.write(i, y[0, 0])

    _, _, _, acc = tf.while_loop(lambda i, *a: i < 6, body,
                                 [0, last, st0, tf.TensorArray(tf.float32, 6)])
    roll = acc.stack() * tf.sqrt(var) + mean
print(len(tf.get_default_graph().get_operations()))
print([v.name for v in tf.trainable_variables()])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for step in range(10):
        lv, n, _ = s.run([loss, gnorm, train])
        if step % 3 == 0:
            print(step, repr(lv), repr(n))
    print([repr(v) for v in s.run(roll)])
