"""The pre-tf.data input pipeline: slice_input_producer (seeded shuffle) and
tf.train.batch with one thread, QueueRunners started under a Coordinator,
a small logistic regression trained on the batches; OutOfRangeError at the end of the
epochs."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(51)
rs = np.random.RandomState(52)
X = rs.randn(24, 3).astype(np.float32)
Y = (X[:, :1] - X[:, 1:2] > 0).astype(np.float32)
xi, yi = tf.train.slice_input_producer(
    [tf.constant(X), tf.constant(Y)], num_epochs=2, shuffle=True, seed=3
)
# (shuffle_batch's dequeues race with its enqueue thread in TF: its batches vary per run)
xb, yb = tf.train.batch(
    [xi, yi], batch_size=5, capacity=30, num_threads=1, allow_smaller_final_batch=True
)
w = tf.get_variable("w", [3, 1], initializer=tf.zeros_initializer())
b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
logits = tf.matmul(xb, w) + b
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=yb, logits=logits))
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
print(sorted(qr.name for qr in tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)))
with tf.Session() as s:
    s.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
    coord = tf.train.Coordinator()
    threads = tf.train.start_queue_runners(s, coord=coord)
    step = 0
    try:
        while not coord.should_stop():
            xv, lv, _ = s.run([xb, loss, train])
            print(step, xv.shape, H(xv), repr(float(lv)))
            step += 1
    except tf.errors.OutOfRangeError as e:
        print("done", step, type(e).__name__)
    finally:
        coord.request_stop()
    coord.join(threads)
    print(H(s.run(w)), repr(s.run(b).tolist()))
