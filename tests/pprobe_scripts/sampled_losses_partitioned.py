"""sampled_softmax_loss (div, op seed), nce_loss (mod) and contrib
sampled_sparse_softmax_loss over a 3-way partitioned weight; three Adagrad steps."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(109)
g = tf.get_default_graph()
V, D = 13, 4
rs = np.random.RandomState(8)
W = tf.get_variable("W", [V, D], partitioner=tf.fixed_size_partitioner(3))
b = tf.get_variable("b", [V], initializer=tf.random_uniform_initializer(-0.1, 0.1))
x = tf.constant(rs.randn(5, D).astype(np.float32))
lab = tf.constant(rs.randint(0, V, (5, 1)))
print(len(g.get_operations()))
l1 = tf.nn.sampled_softmax_loss(W, b, lab, x, 4, V, partition_strategy="div", seed=2)
print(len(g.get_operations()))
l2 = tf.nn.nce_loss(W, b, lab, x, 4, V, partition_strategy="mod")
print(len(g.get_operations()))
l3 = tf.contrib.nn.sampled_sparse_softmax_loss(W, b, lab, x, 5, V, partition_strategy="div")
print(len(g.get_operations()))
tot = tf.reduce_mean(l1) + tf.reduce_mean(l2) + tf.reduce_mean(l3)
train = tf.train.AdagradOptimizer(0.2).minimize(tot)
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        print(
            [
                repr(float(v))
                for v in s.run([tf.reduce_sum(l1), tf.reduce_sum(l2), tf.reduce_sum(l3), train])[:3]
            ]
        )
