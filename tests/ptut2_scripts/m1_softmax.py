import numpy as np
import tensorflow as tf

tf.set_random_seed(3)
rng = np.random.RandomState(0)
X = rng.rand(100, 784).astype(np.float32)
Y = np.eye(10, dtype=np.float32)[rng.randint(0, 10, 100)]
x = tf.placeholder(tf.float32, [None, 784])
W = tf.Variable(tf.zeros([784, 10]))
b = tf.Variable(tf.zeros([10]))
y = tf.matmul(x, W) + b
y_ = tf.placeholder(tf.float32, [None, 10])
ce = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y_, logits=y))
ce2 = tf.reduce_mean(-tf.reduce_sum(y_ * tf.log(tf.nn.softmax(y) + 1e-10), reduction_indices=[1]))
train = tf.train.GradientDescentOptimizer(0.5).minimize(ce)
correct = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1))
acc = tf.reduce_mean(tf.cast(correct, tf.float32))
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(5):
        _, lv, lv2 = s.run(
            [train, ce, ce2], {x: X[i * 20 : (i + 1) * 20], y_: Y[i * 20 : (i + 1) * 20]}
        )
        print(i, repr(float(lv)), repr(float(lv2)))
    print(repr(float(s.run(acc, {x: X, y_: Y}))))
    print(s.run(W)[400:402].astype(np.float64).tolist())
    print(s.run(b).astype(np.float64).tolist())
