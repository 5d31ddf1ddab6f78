"""colocate_gradients_with_ops, GATE_GRAPH / GATE_NONE, EXPERIMENTAL_TREE aggregation:
devices, colocation, names."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(8)
np.set_printoptions(precision=5, suppress=True)
with tf.device("/cpu:0"):
    x = tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="x")
with tf.device("/device:CPU:0"):
    y = tf.matmul(x, x)
z = tf.reduce_sum(y * y) + tf.reduce_sum(y)
g = tf.gradients(z, x, colocate_gradients_with_ops=True)
for op in tf.get_default_graph().get_operations():
    if op.name.startswith("gradients"):
        print(op.name, repr(op.device), op.colocation_groups())
opt = tf.train.GradientDescentOptimizer(0.1)
gvs = opt.compute_gradients(
    z,
    gate_gradients=tf.train.Optimizer.GATE_GRAPH,
    aggregation_method=tf.AggregationMethod.EXPERIMENTAL_TREE,
    colocate_gradients_with_ops=True,
)
print([(gg.name, v.name) for gg, v in gvs])
gvs2 = opt.compute_gradients(z, gate_gradients=tf.train.Optimizer.GATE_NONE)
print([(gg.name, v.name) for gg, v in gvs2])
tr = opt.minimize(z, gate_gradients=0, aggregation_method=2, name="mini")
ops = [o.name for o in tf.get_default_graph().get_operations()]
print(len(ops))
print(ops[-70:])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print(s.run(gvs))
    s.run(tr)
    print(s.run(x))
    print(s.run(tf.random_normal([2])))
