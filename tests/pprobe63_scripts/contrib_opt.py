"""tf.contrib.opt optimizers as TF1 repositories use them: LazyAdamOptimizer on an embedding
(sparse IndexedSlices updates), AdamWOptimizer / MomentumWOptimizer with weight decay,
extend_with_decoupled_weight_decay on a GradientDescentOptimizer (apply_gradients under
control_dependencies on the gradients, as TF's decay op is otherwise unordered with the
forward pass), and MovingAverageOptimizer
with its swapping saver: losses over a few steps, slot names and the averaged values."""
import os
import tempfile

import numpy as np
import tensorflow as tf

np.random.seed(9)
tf.set_random_seed(4)
ids = tf.constant([[0, 2], [3, 2], [1, 0]])
emb = tf.get_variable("emb", [5, 3], initializer=tf.random_normal_initializer(seed=5))
target = tf.constant([[1.0, 0.0, -1.0], [0.5, 0.5, 0.5], [-1.0, 2.0, 0.0]])
loss = tf.reduce_mean(tf.square(tf.reduce_sum(tf.nn.embedding_lookup(emb, ids), 1) - target))
lazy = tf.contrib.opt.LazyAdamOptimizer(0.1)
t1 = lazy.minimize(loss)
print(t1.name, lazy.get_slot_names(), lazy.get_slot(emb, "m").op.name)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(3):
        _, lv = sess.run([t1, loss])
        print(i, repr(float(lv)), sess.run(emb)[4].tolist(), sess.run(emb)[2].tolist())

for name, make in [("AdamW", lambda: tf.contrib.opt.AdamWOptimizer(0.01, learning_rate=0.1)),
                   ("MomentumW", lambda: tf.contrib.opt.MomentumWOptimizer(0.02, 0.1, 0.9)),
                   ("SGDW", lambda: tf.contrib.opt.extend_with_decoupled_weight_decay(
                       tf.train.GradientDescentOptimizer)(0.05, learning_rate=0.1))]:
    with tf.Graph().as_default():
        tf.set_random_seed(1)
        w = tf.Variable(tf.random_normal([3, 2], seed=2), name="w")
        b = tf.Variable([0.5, -0.5], name="b")
        lw = tf.reduce_sum(tf.square(tf.matmul(tf.ones([2, 3]), w) + b - 1.0))
        opt = make()
        gvs = opt.compute_gradients(lw)
        # the decay reads w with no ordering to the forward pass: order it after the grads
        with tf.control_dependencies([g for g, _ in gvs]):
            t = opt.apply_gradients(gvs, decay_var_list=[w])
        print(name, type(opt).__name__, t.name, len(tf.get_default_graph().get_operations()))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for i in range(3):
                lv = sess.run(lw)
                sess.run(t)
                print(" ", i, repr(float(lv)), sess.run(b).tolist())

with tf.Graph().as_default():
    tf.set_random_seed(2)
    w = tf.Variable(tf.random_uniform([2], seed=3), name="w")
    lm = tf.reduce_sum(tf.square(w - [1.0, -2.0]))
    mao = tf.contrib.opt.MovingAverageOptimizer(tf.train.GradientDescentOptimizer(0.2),
                                                average_decay=0.5)
    t = mao.minimize(lm)
    saver = mao.swapping_saver()
    print(t.name, sorted(v.op.name for v in tf.global_variables()))
    d = tempfile.mkdtemp()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(4):
            _, lv = sess.run([t, lm])
            print(i, repr(float(lv)), sess.run(w).tolist())
        p = saver.save(sess, os.path.join(d, "ma"))
    with tf.Session() as sess:
        saver.restore(sess, p)
        print("averaged", sess.run(w).tolist())
    try:
        mao.swapping_saver(var_list={"x": w})
    except Exception as e:
        print(type(e).__name__, e)
