"""TF 1.14's slim.learning: create_train_op (ops, collections, losses over steps, with
update ops, multipliers, clipping, gradient summaries, check_numerics) and train (steps
run, returned loss, the files written to logdir, the restored global step)."""
import os
import shutil
import tempfile

import numpy as np


def _model(tf):
    tf.set_random_seed(1)
    x = tf.constant(np.random.RandomState(0).randn(6, 3).astype(np.float32))
    y = tf.constant(np.random.RandomState(1).randn(6, 2).astype(np.float32))
    h = tf.contrib.slim.fully_connected(x, 4, scope="fc1")
    h = tf.contrib.slim.batch_norm(h, is_training=True)
    p = tf.contrib.slim.fully_connected(h, 2, activation_fn=None, scope="fc2")
    return tf.losses.mean_squared_error(y, p)


def _create(tf, steps=3, **kwargs):
    g = tf.Graph()
    with g.as_default():
        loss = _model(tf)
        n_before = len(g.get_operations())
        opt = tf.train.GradientDescentOptimizer(0.1)
        train = tf.contrib.slim.learning.create_train_op(loss, opt, **kwargs)
        out = {"ops": [[op.name, op.type] for op in g.get_operations()[n_before:]
                       if "gradients/" not in op.name],
               "train": train.name,
               "train_op": [t.name for t in tf.get_collection(tf.GraphKeys.TRAIN_OP)],
               "summaries": [s.op.name for s in tf.get_collection(tf.GraphKeys.SUMMARIES)]}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            out["losses"] = [sess.run(train) for _ in range(steps)]
            out["final"] = sess.run(tf.global_variables())
    return out


def _nan(tf):
    with tf.Graph().as_default():
        v = tf.Variable(1.0)
        train = tf.contrib.slim.learning.create_train_op(
            tf.log(v - 1.0), tf.train.GradientDescentOptimizer(0.1))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            try:
                sess.run(train)
                return "no error"
            except tf.errors.InvalidArgumentError as e:
                return [type(e).__name__, e.message.split("\n")[0]]


def _train(tf, **kwargs):
    logdir = tempfile.mkdtemp()
    try:
        out = {}
        for run in range(2):
            g = tf.Graph()
            with g.as_default():
                loss = _model(tf)
                train = tf.contrib.slim.learning.create_train_op(
                    loss, tf.train.GradientDescentOptimizer(0.1))
                tf.summary.scalar("loss", loss)
                n_before = len(g.get_operations())
                final = tf.contrib.slim.learning.train(
                    train, logdir, number_of_steps=4 * (run + 1), **kwargs)
                out["ops%d" % run] = [[op.name, op.type]
                                      for op in g.get_operations()[n_before:]]
                out["loss%d" % run] = float(final)
            out["files%d" % run] = sorted(
                f for f in os.listdir(logdir) if not f.startswith("events."))
            out["events%d" % run] = len([f for f in os.listdir(logdir)
                                         if f.startswith("events.")])
            out["step%d" % run] = tf.train.load_variable(logdir, "global_step")
        return out
    finally:
        shutil.rmtree(logdir)


def _errors(tf):
    out = {}
    L = tf.contrib.slim.learning
    for name, fn in (
            ("none_op", lambda: L.train(None, "/tmp/x")),
            ("summary_no_logdir", lambda: L.train(tf.constant(1.0), None, summary_op=None)),
            ("saver_no_logdir", lambda: L.train(tf.constant(1.0), None, saver=1)),
            ("steps", lambda: L.train(tf.constant(1.0), None, number_of_steps=0)),
            ("multipliers", lambda: L.multiply_gradients([], {})),
            ("multipliers_list", lambda: L.multiply_gradients((), {"a": 1})),
            ("multipliers_dict", lambda: L.multiply_gradients([], [1])),
    ):
        try:
            fn()
            out[name] = "no error"
        except (ValueError, TypeError) as e:
            out[name] = [type(e).__name__, str(e)]
    return out


def _fresh(tf, fn):
    with tf.Graph().as_default():
        return fn(tf)


def cases(tf):
    return {
        "create_default": _create(tf),
        "create_options": _create(tf, clip_gradient_norm=0.5, summarize_gradients=True,
                                  gradient_multipliers={"fc2/weights": 2.0},
                                  check_numerics=False, update_ops=[]),
        "create_no_step": _create(tf, global_step=None),
        "nan": _nan(tf),
        "train": _train(tf, log_every_n_steps=2, save_interval_secs=0),
        "train_no_summaries": _train(tf, summary_op=None, save_summaries_secs=0,
                                     save_interval_secs=0,
                                     log_every_n_steps=0),
        "errors": _fresh(tf, _errors),
    }
