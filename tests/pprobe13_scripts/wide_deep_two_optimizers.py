"""The wide & deep training step in its smallest form: a linear part and a two-layer DNN on
fed batches, sigmoid_cross_entropy_with_logits of their sum, one optimizer per part (two
minimize() calls, so two gradient graphs, grouped into one train op), 40 steps; the
variables' bytes after each step (Grappler's arithmetic optimizer on, as in a default
Session)."""

import numpy as np
import tensorflow as tf

rs = np.random.RandomState(1)
X = tf.placeholder(tf.float32, [4, 3])
Y = tf.placeholder(tf.float32, [4, 1])
wl = tf.get_variable("wl", initializer=rs.randn(3, 1).astype(np.float32) * 0.3)
lin = tf.matmul(X, wl)
h = tf.layers.dense(X, 3, tf.nn.tanh, kernel_initializer=tf.glorot_uniform_initializer(seed=1))
dnn = tf.layers.dense(h, 1, kernel_initializer=tf.glorot_uniform_initializer(seed=2))
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=Y, logits=lin + dnn))
dv = [v for v in tf.trainable_variables() if v is not wl]
train = tf.group(tf.train.GradientDescentOptimizer(0.2).minimize(loss, var_list=[wl]),
                 tf.train.GradientDescentOptimizer(0.3).minimize(loss, var_list=dv))
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(40):
        fd = {X: rs.randn(4, 3).astype(np.float32),
              Y: rs.randint(0, 2, (4, 1)).astype(np.float32)}
        lv, _ = s.run([loss, train], fd)
        print(i, repr(float(lv)), [s.run(v).tobytes().hex() for v in tf.trainable_variables()])
