"""TF 1.14 golden for tf.contrib.opt.AGNOptimizer with AGNCustomGetter in one process
(num_worker=1, Momentum, communication_period=2) under a MonitoredTrainingSession with the
optimizer's hook: five steps' local, center and grad variables, global and local steps, the
variables made (the wrapped optimizer's local slots LOCAL_VARIABLES, the centers' slots
global), and the GraphDef's nodes (name, op, inputs: the cond's nodes take the
control_dependencies block's inputs, its returned group's Identity only the group). Made on
the host `vendor` names (tests/test_contrib_opt_model_average.py runs flowgrad with that
CPU). Output: agn.json."""
from goldenio import host_vendor

DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"


def train(tf, steps=5):
    o = tf.contrib.opt
    getter = o.AGNCustomGetter(DEVICE)
    with tf.variable_scope("", custom_getter=getter):
        w = tf.get_variable("w", initializer=tf.constant([1.0, 2.0]))
        b = tf.get_variable("b", initializer=tf.constant(0.5))
        gs = tf.train.get_or_create_global_step()
    loss = tf.reduce_sum(tf.square(w * b - 3.0))
    opt = o.AGNOptimizer(tf.train.MomentumOptimizer(0.1, 0.9), num_worker=1,
                         custom_getter=getter, communication_period=2)
    train_op = opt.minimize(loss, global_step=gs)
    made = [sorted(v.name for v in tf.global_variables()),
            sorted(v.name for v in tf.local_variables()),
            sorted(v.name for v in tf.trainable_variables()), train_op.name]
    runs = []
    with tf.train.MonitoredTrainingSession(hooks=[opt.make_session_run_hook(True, 0)]) as s:
        for _ in range(steps):
            s.run(train_op)
            runs.append(s.run([w, b, gs, "global_center_variable/w:0", "grad_variable/w:0",
                               "grad_variable/b:0", "local_step:0"]))
    nodes = [[n.name, n.op, list(n.input)] for n in tf.get_default_graph().as_graph_def().node]
    return [made, runs, nodes]


def cases(tf):
    with tf.Graph().as_default():
        out = {"train": train(tf)}
    out["vendor"] = host_vendor()
    return out
