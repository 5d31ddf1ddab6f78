"""TF 1.14 golden for tf.contrib.opt.ElasticAverageOptimizer with ElasticAverageCustomGetter
in one process (num_worker=1, Momentum, communication_period=2, the default moving_rate and
rho) under a MonitoredTrainingSession with the optimizer's hook: five steps' local
variables, global and local centers, global and local steps, the variables made (the
wrapped optimizer's slots moved to LOCAL_VARIABLES), the GraphDef's nodes (name, op,
inputs), and what swapping_saver writes (the global centers under the variables' names).
Made on the host `vendor` names (tests/test_contrib_opt_model_average.py runs flowgrad with
that CPU). Output: elastic_average.json."""
import os
import shutil
import tempfile

from goldenio import host_vendor

DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"


def train(tf, steps=5):
    o = tf.contrib.opt
    getter = o.ElasticAverageCustomGetter(DEVICE)
    with tf.variable_scope("", custom_getter=getter):
        w = tf.get_variable("w", initializer=tf.constant([1.0, 2.0]))
        b = tf.get_variable("b", initializer=tf.constant(0.5))
        gs = tf.train.get_or_create_global_step()
    loss = tf.reduce_sum(tf.square(w * b - 3.0))
    opt = o.ElasticAverageOptimizer(tf.train.MomentumOptimizer(0.1, 0.9), num_worker=1,
                                    ea_custom_getter=getter, communication_period=2)
    train_op = opt.minimize(loss, global_step=gs)
    sv = opt.swapping_saver()
    made = [sorted(v.name for v in tf.global_variables()),
            sorted(v.name for v in tf.local_variables()),
            sorted(v.name for v in tf.trainable_variables()), train_op.name]
    runs = []
    with tf.train.MonitoredTrainingSession(hooks=[opt.make_session_run_hook(True, 0)]) as s:
        for _ in range(steps):
            s.run(train_op)
            runs.append(s.run([w, b, gs, "global_center_variable/w:0",
                               "local_center_variable/w:0", "local_step:0"]))
    d = tempfile.mkdtemp()
    try:
        with tf.Session() as s:
            s.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
            s.run(tf.assign(getter._global_map[w], [7.0, 8.0]))
            path = sv.save(s, os.path.join(d, "m"), write_meta_graph=False)
        saved = [sorted(tf.train.list_variables(path)), tf.train.load_variable(path, "w"),
                 tf.train.load_variable(path, "b")]
    finally:
        shutil.rmtree(d)
    nodes = [[n.name, n.op, list(n.input)] for n in tf.get_default_graph().as_graph_def().node]
    return [made, runs, nodes, saved]


def cases(tf):
    with tf.Graph().as_default():
        out = {"train": train(tf)}
    out["vendor"] = host_vendor()
    return out
