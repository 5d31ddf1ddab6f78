"""TF 1.14's slim.learning.train with trace_every_n_steps: the steps traced (a Chrome trace
file tf_trace-<step>.json each, a tagged run-metadata event 'run_metadata-<step>' in the
summaries), train_step's ValueError without a logdir, the ops train_step makes and the
returned loss. tests/test_pslim_learning_trace.py runs the same cases with flowgrad."""
import json
import os
import shutil
import tempfile

import numpy as np


def _train(tf, logdir, trace):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(1)
        x = tf.constant(np.random.RandomState(0).rand(8, 3).astype(np.float32))
        pred = tf.contrib.slim.fully_connected(x, 1, activation_fn=None)
        loss = tf.reduce_mean(tf.square(pred - 1.0))
        train_op = tf.contrib.slim.learning.create_train_op(
            loss, tf.train.GradientDescentOptimizer(0.1))
        n = len(g.get_operations())
        final = tf.contrib.slim.learning.train(
            train_op, logdir, number_of_steps=5, trace_every_n_steps=trace,
            save_summaries_secs=10000, save_interval_secs=10000, log_every_n_steps=0)
        ops = [[o.name, o.type] for o in g.get_operations()[n:] if
               o.name.startswith("train_step/")]
    return float(final), ops


def traced(tf):
    logdir = tempfile.mkdtemp()
    try:
        final, ops = _train(tf, logdir, 2)
        traces = sorted(f for f in os.listdir(logdir) if f.startswith("tf_trace"))
        with open(os.path.join(logdir, traces[0])) as f:
            # op events (ph X) and metadata (M); TF's data-flow arrows are not compared
            kinds = sorted(set(e["ph"] for e in json.load(f)["traceEvents"]) & {"M", "X"})
        tagged = []
        for name in sorted(os.listdir(logdir)):
            if name.startswith("events"):
                for e in tf.train.summary_iterator(os.path.join(logdir, name)):
                    if e.HasField("tagged_run_metadata"):
                        tagged.append([e.tagged_run_metadata.tag, e.step])
        return {"final": final, "ops": ops, "traces": traces, "phases": kinds,
                "tagged": tagged}
    finally:
        shutil.rmtree(logdir, ignore_errors=True)


def no_logdir(tf):
    """train_step's error for should_trace without logdir in its kwargs."""
    with tf.Graph().as_default():
        gs = tf.train.get_or_create_global_step()
        step = tf.assign_add(gs, 1)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            try:
                tf.contrib.slim.learning.train_step(
                    sess, step, gs, {"should_trace": tf.constant(True)})
            except ValueError as e:
                return str(e)
    return None


def cases(tf):
    return {"traced": traced(tf), "no_logdir": no_logdir(tf)}
