"""TF 1.14 golden for tf.contrib.opt.ModelAverageOptimizer with ModelAverageCustomGetter in
one process (num_worker=1, the chief, interval_steps=2) under a MonitoredTrainingSession
with the optimizer's hook: five steps' local and center variables, global and local steps,
the variables made, and the GraphDef's nodes (name, op, inputs). Made on the host `vendor`
names (tests/test_contrib_opt_model_average.py runs flowgrad with that CPU). Output:
model_average.json."""
from center_runs import DEVICE, graph_nodes, made, model, run_steps
import center_runs


def train(tf, interval_steps=2, steps=5):
    o = tf.contrib.opt
    getter = o.ModelAverageCustomGetter(DEVICE)
    w, b, gs, loss = model(tf, getter)
    opt = o.ModelAverageOptimizer(tf.train.GradientDescentOptimizer(0.1), num_worker=1,
                                  is_chief=True, ma_custom_getter=getter,
                                  interval_steps=interval_steps)
    train_op = opt.minimize(loss, global_step=gs)
    made_ = made(tf, train_op)
    runs = run_steps(tf, opt.make_session_run_hook(), train_op,
                     [w, b, gs, "global_center_variable/w:0", "global_center_variable/b:0",
                      "local_step:0"], steps)
    return [made_, runs, graph_nodes(tf)]


def cases(tf):
    return center_runs.cases(tf, train)
