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

from center_runs import DEVICE, graph_nodes, made, model, run_steps
import center_runs


def train(tf, steps=5):
    o = tf.contrib.opt
    getter = o.ElasticAverageCustomGetter(DEVICE)
    w, b, gs, loss = model(tf, getter)
    opt = o.ElasticAverageOptimizer(tf.train.MomentumOptimizer(0.1, 0.9), num_worker=1,
                                    ea_custom_getter=getter, communication_period=2)
    train_op = opt.minimize(loss, global_step=gs)
    sv = opt.swapping_saver()
    made_ = made(tf, train_op)
    runs = run_steps(tf, opt.make_session_run_hook(True, 0), train_op,
                     [w, b, gs, "global_center_variable/w:0", "local_center_variable/w:0",
                      "local_step:0"], steps)
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
    return [made_, runs, graph_nodes(tf), saved]


def cases(tf):
    return center_runs.cases(tf, train)
