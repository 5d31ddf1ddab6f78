import numpy as np
import tensorflow as tf

tf.set_random_seed(1)
rng = np.random.RandomState(5)
train_X = np.asarray(
    [
        3.3,
        4.4,
        5.5,
        6.71,
        6.93,
        4.168,
        9.779,
        6.182,
        7.59,
        2.167,
        7.042,
        10.791,
        5.313,
        7.997,
        5.654,
        9.27,
        3.1,
    ]
)
train_Y = np.asarray(
    [
        1.7,
        2.76,
        2.09,
        3.19,
        1.694,
        1.573,
        3.366,
        2.596,
        2.53,
        1.221,
        2.827,
        3.465,
        1.65,
        2.904,
        2.42,
        2.94,
        1.3,
    ]
)
n_samples = train_X.shape[0]
X = tf.placeholder("float")
Y = tf.placeholder("float")
W = tf.Variable(rng.randn(), name="weight")
b = tf.Variable(rng.randn(), name="bias")
pred = tf.add(tf.multiply(X, W), b)
cost = tf.reduce_sum(tf.pow(pred - Y, 2)) / (2 * n_samples)
optimizer = tf.train.GradientDescentOptimizer(0.01).minimize(cost)
# logistic regression part
x = tf.placeholder(tf.float32, [None, 30])
y = tf.placeholder(tf.float32, [None, 5])
W2 = tf.Variable(tf.zeros([30, 5]))
b2 = tf.Variable(tf.zeros([5]))
p2 = tf.nn.softmax(tf.matmul(x, W2) + b2)
c2 = tf.reduce_mean(-tf.reduce_sum(y * tf.log(p2), reduction_indices=1))
o2 = tf.train.GradientDescentOptimizer(0.3).minimize(c2)
print(len(tf.get_default_graph().get_operations()), W.dtype, X.dtype)
XL = rng.rand(40, 30).astype(np.float32)
YL = np.eye(5, dtype=np.float32)[rng.randint(0, 5, 40)]
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for epoch in range(20):
        for a, c in zip(train_X, train_Y):
            s.run(optimizer, feed_dict={X: a, Y: c})
    print(
        repr(float(s.run(cost, feed_dict={X: train_X, Y: train_Y}))),
        repr(float(s.run(W))),
        repr(float(s.run(b))),
    )
    for i in range(6):
        _, c = s.run(
            [o2, c2], {x: XL[i * 8 % 40 : (i * 8 % 40) + 8], y: YL[i * 8 % 40 : (i * 8 % 40) + 8]}
        )
        print(i, repr(float(c)))
    print(s.run(p2, {x: XL[:2]}).astype(np.float64).tolist())
