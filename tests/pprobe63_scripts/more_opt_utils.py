"""More training utilities of TF1 repositories: contrib.opt LARSOptimizer, NadamOptimizer,
AddSign / PowerSign, AdaMax, optimize_loss with gradient_multipliers,
gradient_noise_scale (seeded), summaries of gradients, a list of update_ops and
increment_global_step=False; ExponentialMovingAverage of a variable with zero_debias and a
float64 variable; clip_by_global_norm's norm and tf.train.Optimizer errors (their first
line)."""
import numpy as np
import tensorflow as tf

np.random.seed(12)
tf.set_random_seed(13)
X = np.random.RandomState(5).randn(8, 3).astype(np.float32)
Y = np.random.RandomState(6).randn(8, 1).astype(np.float32)


def model(seed):
    w = tf.get_variable("w", [3, 1], initializer=tf.random_normal_initializer(seed=seed))
    b = tf.get_variable("b", [1], initializer=tf.constant_initializer(0.1))
    return tf.reduce_mean(tf.square(tf.matmul(tf.constant(X), w) + b - Y)), w, b


for name, make in [
        ("LARS", lambda: tf.contrib.opt.LARSOptimizer(0.1, momentum=0.9, weight_decay=0.0001)),
        ("Nadam", lambda: tf.contrib.opt.NadamOptimizer(0.05)),
        ("AddSign", lambda: tf.contrib.opt.AddSignOptimizer(0.05, alpha=1.0, beta=0.9)),
        ("PowerSign", lambda: tf.contrib.opt.PowerSignOptimizer(
            0.05, base=2.0)),
        ("AdaMax", lambda: tf.contrib.opt.AdaMaxOptimizer(0.05))]:
    with tf.Graph().as_default():
        tf.set_random_seed(1)
        loss, w, b = model(3)
        gs = tf.train.get_or_create_global_step()
        opt = make()
        t = opt.minimize(loss, global_step=gs)
        print(name, t.name, opt.get_slot_names(), len(tf.get_default_graph().get_operations()))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for i in range(3):
                lv = sess.run(loss)
                sess.run(t)
                print(" ", i, repr(float(lv)), sess.run(w).ravel().tolist())

with tf.Graph().as_default():
    tf.set_random_seed(2)
    loss, w, b = model(4)
    gs = tf.train.get_or_create_global_step()
    upd = tf.assign_add(tf.Variable(0.0, trainable=False, name="counter"), 1.0)
    t = tf.contrib.layers.optimize_loss(
        loss, gs, 0.1, "Momentum", gradient_multipliers={w: 0.5, b: 2.0},
        gradient_noise_scale=2.0, summaries=["gradients", "loss"], update_ops=[upd],
        increment_global_step=False, colocate_gradients_with_ops=True)
    print(t.name, sorted(s.op.name for s in tf.get_collection(tf.GraphKeys.SUMMARIES)))
    print(len(tf.get_default_graph().get_operations()))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(3):
            print(i, repr(float(sess.run(t))), sess.run(gs), sess.run("counter:0"))
    try:
        tf.contrib.layers.optimize_loss(loss, gs, 0.1, "SGD", gradient_multipliers={"x": 2.0})
        print("no error")
    except Exception as e:
        print(type(e).__name__, e)
    try:
        tf.contrib.layers.optimize_loss(loss, gs, 0.1, "SGD", clip_gradients="bad")
        print("no error")
    except Exception as e:
        print(type(e).__name__, e)

with tf.Graph().as_default():
    v = tf.Variable([1.0, 2.0], name="v")
    d = tf.Variable(3.0, dtype=tf.float64, name="d")
    ema = tf.train.ExponentialMovingAverage(0.75, zero_debias=True)
    ap = ema.apply([v, d])
    print(ap.name, ema.average(v).name, ema.average(d).dtype.name,
          sorted(x.op.name for x in tf.global_variables()))
    step_v = tf.assign_add(v, [1.0, -1.0])
    step_d = tf.assign(d, d * 2.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(3):
            sess.run([step_v, step_d])
            sess.run(ap)
            print(i, sess.run(ema.average(v)).tolist(), repr(float(sess.run(ema.average(d)))))
    g, n = tf.clip_by_global_norm([tf.constant([3.0, 4.0]), None, tf.constant([[12.0]])], 6.5)
    with tf.Session() as sess:
        print(n.name, repr(float(sess.run(n))),
              [None if x is None else sess.run(x).tolist() for x in g])
    for bad in [lambda: tf.train.GradientDescentOptimizer(0.1).minimize(tf.constant(1.0)),
                lambda: tf.train.AdamOptimizer(0.1).apply_gradients([]),
                lambda: tf.train.AdamOptimizer(0.1).apply_gradients([(None, v)])]:
        try:
            bad()
            print("no error")
        except Exception as e:
            # the first line: flowgrad's "No gradients" error adds why, line by line
            print(type(e).__name__, str(e).splitlines()[0])
