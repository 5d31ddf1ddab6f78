"""Next-frame prediction with tf.contrib.rnn.ConvLSTMCell (2-D)
unrolled by tf.nn.dynamic_rnn over 4 frames of moving blobs, a Conv2D head on each output
(through a time-distributed reshape), an MSE loss and Adam; plus a Conv1DLSTMCell run with
static_rnn."""

import hashlib
import math
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(61)
T, B, S = 5, 2, 6
fr = np.zeros((B, T, S, S, 1), np.float32)
for b in range(B):
    for t in range(T):
        fr[b, t, (b + t) % S, (2 * t + b) % S, 0] = 1.0
        fr[b, t, (b + t + 1) % S, (2 * t + b) % S, 0] = 0.5
xin = tf.constant(fr[:, :-1])
tgt = tf.constant(fr[:, 1:])
cell = tf.contrib.rnn.ConvLSTMCell(2, [S, S, 1], 3, [3, 3], name="clstm")
outs, st = tf.nn.dynamic_rnn(cell, xin, dtype=tf.float32)
flat = tf.reshape(outs, [-1, S, S, 3])
pred = tf.reshape(tf.layers.conv2d(flat, 1, 1, activation=tf.sigmoid), [B, T - 1, S, S, 1])
loss = tf.reduce_mean(tf.square(pred - tgt))
seq = [
    tf.constant(
        np.array([math.sin(i * (0.3 + k)) for i in range(B * 7 * 2)])
        .reshape(B, 7, 2)
        .astype(np.float32)
    )
    for k in range(3)
]
c1 = tf.contrib.rnn.Conv1DLSTMCell(input_shape=[7, 2], output_channels=2, kernel_shape=[3])
so, ss = tf.nn.static_rnn(c1, seq, dtype=tf.float32)
loss2 = loss + 0.1 * tf.reduce_mean(tf.square(so[-1]))
train = tf.train.AdamOptimizer(0.02).minimize(loss2)
print("ops", len(tf.get_default_graph().get_operations()))
print("vars", [(v.name, v.shape.as_list()) for v in tf.trainable_variables()])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print("state", H(s.run(st.c)), H(s.run(st.h)), H(s.run(ss.h)))
    for i in range(8):
        lv, _ = s.run([loss2, train])
        if i % 2 == 0:
            print("step", i, repr(float(lv)))
    print("pred", H(s.run(pred)))
