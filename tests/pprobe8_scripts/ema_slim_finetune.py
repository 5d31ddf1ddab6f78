"""The fine-tuning recipe: train with an ExponentialMovingAverage (num_updates from the global
step, a subset of variables), save; restore into a new graph through
ema.variables_to_restore(moving_avg_variables) and through slim's
get_variables_to_restore(exclude=...) with assign_from_checkpoint_fn(ignore_missing_vars) and
assign_from_checkpoint (op and feed dict)."""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

slim = tf.contrib.slim
d = tempfile.mkdtemp()
rs = np.random.RandomState(111)
X = rs.randn(12, 4).astype(np.float32)
Y = rs.randn(12, 2).astype(np.float32)


def model(x):
    with tf.variable_scope("body"):
        h = tf.layers.dense(x, 5, tf.nn.relu, name="fc1",
                            kernel_initializer=tf.random_normal_initializer(seed=1))
    with tf.variable_scope("logits"):
        return tf.layers.dense(h, 2, name="fc2",
                               kernel_initializer=tf.random_normal_initializer(seed=2))


tf.set_random_seed(112)
out = model(tf.constant(X))
loss = tf.reduce_mean(tf.square(out - Y))
gs = tf.train.get_or_create_global_step()
opt_op = tf.train.GradientDescentOptimizer(0.05).minimize(loss, global_step=gs)
ema = tf.train.ExponentialMovingAverage(0.9, num_updates=gs, zero_debias=False)
body = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "body")
with tf.control_dependencies([opt_op]):
    train = ema.apply(body)
print(sorted(v.op.name for v in tf.moving_average_variables()))
print(ema.average_name(body[0]), ema.average(body[0]).op.name)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for _ in range(5):
        s.run(train)
    ref = s.run({v.op.name: ema.average(v) for v in body})
    raw = s.run({v.op.name: v for v in tf.trainable_variables()})
    path = tf.train.Saver().save(s, os.path.join(d, "m"), global_step=gs)

tf.reset_default_graph()
out = model(tf.constant(X))
ema2 = tf.train.ExponentialMovingAverage(0.9)
body = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "body")
vmap = ema2.variables_to_restore(body)
print(sorted((k, v.op.name) for k, v in vmap.items()))
with tf.Session() as s:
    tf.train.Saver(vmap).restore(s, path)
    print(all(np.array_equal(s.run(v), ref[v.op.name]) for v in body),
          all(np.array_equal(s.run(v), raw[v.op.name])
              for v in tf.trainable_variables() if v.op.name.startswith("logits")))

tf.reset_default_graph()
out = model(tf.constant(X))
extra = tf.get_variable("logits/fc3/kernel", [2, 2], initializer=tf.ones_initializer())
restore = slim.get_variables_to_restore(exclude=["logits/fc2/bias"])
print(sorted(v.op.name for v in restore))
fn = slim.assign_from_checkpoint_fn(path, restore, ignore_missing_vars=True)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    fn(s)
    vals = s.run({v.op.name: v for v in tf.global_variables()})
    print(np.array_equal(vals["body/fc1/kernel"], raw["body/fc1/kernel"]),
          vals["logits/fc2/bias"], vals["logits/fc3/kernel"].tolist())
    op, feed = slim.assign_from_checkpoint(path, slim.get_variables("logits/fc2"))
    print(op.type, sorted(k.name for k in feed))
    s.run(op, feed)
    print(repr(s.run(slim.get_variables("logits/fc2/bias")[0]).tolist()))
shutil.rmtree(d)
