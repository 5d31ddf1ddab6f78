"""An ExponentialMovingAverage with num_updates over partitioned weights
(tf.fixed_size_partitioner and tf.min_max_variable_partitioner) and a zero-debiased average
of the loss tensor; a Saver with a var_list dict whose values are PartitionedVariables, an
eval graph that restores the averages through ema.variables_to_restore(); values and op
counts."""

import hashlib
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(1901)
X = rs.randn(16, 6).astype(np.float32)
Y = rs.randn(16, 3).astype(np.float32)
tmp = tempfile.mkdtemp()


def model(x):
    with tf.variable_scope("net"):
        w1 = tf.get_variable("w1", [6, 8], initializer=tf.random_normal_initializer(seed=2),
                             partitioner=tf.fixed_size_partitioner(3))
        b1 = tf.get_variable("b1", [8], initializer=tf.zeros_initializer())
        w2 = tf.get_variable("w2", [8, 3], initializer=tf.glorot_uniform_initializer(seed=3),
                             partitioner=tf.min_max_variable_partitioner(
                                 max_partitions=4, min_slice_size=8))
    h = tf.nn.relu(tf.matmul(x, w1) + b1)
    return tf.matmul(h, w2), w1, w2


g = tf.Graph()
with g.as_default():
    tf.set_random_seed(19)
    x = tf.constant(X)
    out, w1, w2 = model(x)
    loss = tf.reduce_mean(tf.square(out - Y))
    gs = tf.train.get_or_create_global_step()
    opt = tf.train.MomentumOptimizer(0.05, 0.9)
    step = opt.minimize(loss, global_step=gs)
    ema = tf.train.ExponentialMovingAverage(0.9, num_updates=gs, zero_debias=False)
    ema_l = tf.train.ExponentialMovingAverage(0.8, zero_debias=True, name="lossavg")
    with tf.control_dependencies([step]):
        train = tf.group(ema.apply(tf.trainable_variables()), ema_l.apply([loss]))
    print("train ops", len(g.get_operations()))
    print("w1 parts", [v.name for v in w1], "w2 parts", [v.name for v in w2])
    print("avg names", sorted(ema.average_name(v) for v in tf.trainable_variables()))
    print("loss avg", ema_l.average_name(loss), ema_l.average(loss).name)
    d = {"w1": w1, "w2": w2, "gs": gs}
    saver = tf.train.Saver(d)
    full = tf.train.Saver()
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for i in range(6):
            _, lv, la = s.run([train, loss, ema_l.average(loss)])
            print(i, repr(float(lv)), repr(float(la)))
        print("w1", H(s.run(w1.as_tensor())), "w2", H(s.run(w2.as_tensor())))
        print("avg w1", H(s.run(tf.concat([ema.average(v) for v in w1], 0))))
        p = saver.save(s, os.path.join(tmp, "dict"), global_step=gs)
        pf = full.save(s, os.path.join(tmp, "full"))
    print(os.path.basename(p))
    for name, shape in tf.train.list_variables(p):
        print("dict ckpt", name, shape)
    for name, shape in tf.train.list_variables(pf):
        print("full ckpt", name, shape)

e = tf.Graph()
with e.as_default():
    out, w1, w2 = model(tf.constant(X))
    ema = tf.train.ExponentialMovingAverage(0.9)
    vtr = ema.variables_to_restore()
    print("restore map", sorted((k, v.op.name) for k, v in vtr.items()))
    r = tf.train.Saver(vtr)
    print("eval ops", len(e.get_operations()))
    print("eval vars", [v.op.name for v in tf.global_variables()])
    with tf.Session() as s:
        try:
            # TF 1.14 maps each partition's own average name, which the checkpoint does not
            # hold (the Saver wrote the full partitioned average under net/w1/...)
            r.restore(s, pf)
        except tf.errors.NotFoundError as err:
            print("restore parts", type(err).__name__)
        fixed = {ema.average_name(v): v for v in tf.global_variables()
                 if "/part_" not in v.op.name}
        fixed.update({"net/w1/ExponentialMovingAverage": w1,
                      "net/w2/ExponentialMovingAverage": w2})
        tf.train.Saver(fixed).restore(s, pf)
        o = s.run(out)
        print("eval out", H(o), repr(float(o.sum())))
        print("eval w2", H(s.run(w2.as_tensor())))

e2 = tf.Graph()
with e2.as_default():
    out, w1, w2 = model(tf.constant(X))
    r = tf.train.Saver({"w1": w1, "w2": w2})
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        r.restore(s, p)
        print("dict restore", H(s.run(out)))
shutil.rmtree(tmp)
