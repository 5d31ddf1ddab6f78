"""Edges of the learning-rate schedules and of optimize_loss as TF1 code meets them: the
schedules' dtypes for int32 / int64 global steps and float64 rates, piecewise_constant's
boundary / value type checks and errors, polynomial_decay with cycle from step 0,
cosine_decay_restarts with float periods, and their values over seven steps; optimize_loss
with no global step, a tensor or variable learning rate, an int loss, a variable list, a
clip function, an optimizer factory and its argument errors; LazyAdam on a dense variable,
AdamW on a sparse gradient and MovingAverageOptimizer's saver before minimize."""
import numpy as np
import tensorflow as tf

np.random.seed(3)
tf.set_random_seed(1)
gs64 = tf.Variable(0, dtype=tf.int64, name="gs64")
gs32 = tf.Variable(0, dtype=tf.int32, name="gs32")
inc = [tf.assign_add(gs64, 1), tf.assign_add(gs32, 1)]
rs = []


def tr(name, f):
    try:
        r = f()
        rs.append(r)
        print(name, r.name, r.dtype.name, len(tf.get_default_graph().get_operations()))
    except Exception as e:
        print(name, type(e).__name__, str(e).splitlines()[0])
tr("exp64", lambda: tf.train.exponential_decay(tf.constant(0.1, tf.float64), gs32, 3, 0.5))
tr("pc_i32", lambda: tf.train.piecewise_constant(gs32, [2, 4], [1, 2, 3]))
tr("pc_f64", lambda: tf.train.piecewise_constant(
    gs64, [np.int64(2), np.int64(4)], [0.1, 0.2, 0.3]))
tr("pc_bad", lambda: tf.train.piecewise_constant(gs32, [2.0, 4.0], [0.1, 0.2, 0.3]))
tr("pc_mix", lambda: tf.train.piecewise_constant(gs32, [2, 4], [0.1, 2, 0.3]))
tr("pc_i64b", lambda: tf.train.piecewise_constant(
    gs32, [tf.constant(2, tf.int64), 4], [0.1, 0.2, 0.3]))
tr("poly0", lambda: tf.train.polynomial_decay(0.1, gs32, 3, 0.0, power=1.0, cycle=True))
tr("cdr", lambda: tf.train.cosine_decay_restarts(1, gs64, 3))
tr("cdr_f", lambda: tf.train.cosine_decay_restarts(0.5, gs64, 2.5, t_mul=1.5, m_mul=0.8))
tr("lcd", lambda: tf.train.linear_cosine_decay(0.1, gs32, 4))
tr("nat", lambda: tf.train.natural_exp_decay(0.1, gs64, 2, 0.5, staircase=True, name="nat"))
tr("inv_f64", lambda: tf.train.inverse_time_decay(tf.constant(0.1, tf.float64), gs64, 2.0, 0.5))
tr("exp_none_rate", lambda: tf.train.exponential_decay(0.1, gs32, 3, None))
tr("cos_str", lambda: tf.train.cosine_decay("a", gs32, 3))
tr("pc_empty", lambda: tf.train.piecewise_constant(gs32, [], [0.5]))
tr("exp_i", lambda: tf.train.exponential_decay(1, gs32, 3, 0.5))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(7):
        print(i, [repr(x.item() if hasattr(x, "item") else x) for x in sess.run(rs)])
        sess.run(inc)


with tf.Graph().as_default():


    def tr2(name, f):
        try:
            r = f()
            print(name, r.name, len(tf.get_default_graph().get_operations()))
        except Exception as e:
            # up to " Got ": TF's message goes on with the value's Python class
            print(name, type(e).__name__, str(e).splitlines()[0].split(" Got ")[0])


    emb = tf.get_variable("emb", [6, 2], initializer=tf.random_normal_initializer(seed=2))
    w = tf.get_variable("w", [2, 1], initializer=tf.random_normal_initializer(seed=3))
    ids = tf.constant([1, 4, 1])
    loss = tf.reduce_sum(tf.square(tf.matmul(tf.gather(emb, ids), w) - 1.0))
    gs = tf.train.get_or_create_global_step()
    ol = tf.contrib.layers.optimize_loss
    tr2("ol_none_gs", lambda: ol(loss, None, 0.1, "SGD"))
    tr2("ol_tensor_lr", lambda: ol(loss, gs, tf.constant(0.1), "Adagrad"))
    tr2("ol_var_lr", lambda: ol(loss, gs, tf.Variable(0.1), "Ftrl"))
    tr2("ol_int_loss", lambda: ol(tf.constant(3), gs, 0.1, "SGD"))
    tr2("ol_vars", lambda: ol(loss, gs, 0.1, "RMSProp", variables=[w]))
    tr2("ol_clipfn", lambda: ol(loss, gs, 0.1, "SGD", clip_gradients=lambda gv: gv))
    tr2("ol_lr_decay_nolr", lambda: ol(
        loss, gs, None, tf.train.AdamOptimizer(0.1), learning_rate_decay_fn=lambda a, b: a))
    tr2("ol_fn_opt", lambda: ol(loss, gs, 0.1, lambda lr: tf.train.AdamOptimizer(lr)))
    tr2("ol_bad_opt", lambda: ol(loss, gs, 0.1, 3))
    tr2("ol_lr_shape", lambda: ol(loss, gs, tf.constant([0.1]), "SGD"))
    tr2("ol_novar", lambda: ol(loss, gs, 0.1, "SGD", variables=[]))
    tr2("lazy_dense", lambda: tf.contrib.opt.LazyAdamOptimizer(0.1).minimize(loss, var_list=[w]))
    tr2("adamw_sparse", lambda: tf.contrib.opt.AdamWOptimizer(0.01, 0.1).minimize(
        loss, var_list=[emb]))
    tr2("mao_saver", lambda: tf.contrib.opt.MovingAverageOptimizer(
        tf.train.AdamOptimizer(0.1)).swapping_saver())
    print(sorted(s.op.name for s in tf.get_collection(tf.GraphKeys.SUMMARIES)))
    print(sorted(v.op.name for v in tf.global_variables()))
