"""TF 1.14 golden for tf.contrib.opt.AGNOptimizer with AGNCustomGetter in one process
(num_worker=1, Momentum, communication_period=2) under a MonitoredTrainingSession with the
optimizer's hook: five steps' local, center and grad variables, global and local steps, the
variables made (the wrapped optimizer's local slots LOCAL_VARIABLES, the centers' slots
global), and the GraphDef's nodes (name, op, inputs: the cond's nodes take the
control_dependencies block's inputs, its returned group's Identity only the group). Made on
the host `vendor` names (tests/test_contrib_opt_model_average.py runs flowgrad with that
CPU). Output: agn.json."""
from center_runs import DEVICE, graph_nodes, made, model, run_steps
import center_runs


def train(tf, steps=5):
    o = tf.contrib.opt
    getter = o.AGNCustomGetter(DEVICE)
    w, b, gs, loss = model(tf, getter)
    opt = o.AGNOptimizer(tf.train.MomentumOptimizer(0.1, 0.9), num_worker=1,
                         custom_getter=getter, communication_period=2)
    train_op = opt.minimize(loss, global_step=gs)
    made_ = made(tf, train_op)
    runs = run_steps(tf, opt.make_session_run_hook(True, 0), train_op,
                     [w, b, gs, "global_center_variable/w:0", "grad_variable/w:0",
                      "grad_variable/b:0", "local_step:0"], steps)
    return [made_, runs, graph_nodes(tf)]


def cases(tf):
    return center_runs.cases(tf, train)
