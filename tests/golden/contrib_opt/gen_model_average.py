"""TF 1.14 golden for tf.contrib.opt.ModelAverageOptimizer with ModelAverageCustomGetter in
one process (num_worker=1, the chief, interval_steps=2) under a MonitoredTrainingSession
with the optimizer's hook: five steps' local and center variables, global and local steps,
the variables made, and the GraphDef's nodes (name, op, inputs). Made on the host `vendor`
names (tests/test_contrib_opt_model_average.py runs flowgrad with that CPU). Output:
model_average.json."""
from goldenio import host_vendor

DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"


def train(tf, interval_steps=2, steps=5):
    o = tf.contrib.opt
    getter = o.ModelAverageCustomGetter(DEVICE)
    with tf.variable_scope("", custom_getter=getter):
        w = tf.get_variable("w", initializer=tf.constant([1.0, 2.0]))
        b = tf.get_variable("b", initializer=tf.constant(0.5))
        gs = tf.train.get_or_create_global_step()
    loss = tf.reduce_sum(tf.square(w * b - 3.0))
    opt = o.ModelAverageOptimizer(tf.train.GradientDescentOptimizer(0.1), num_worker=1,
                                  is_chief=True, ma_custom_getter=getter,
                                  interval_steps=interval_steps)
    train_op = opt.minimize(loss, global_step=gs)
    made = [sorted(v.name for v in tf.global_variables()),
            sorted(v.name for v in tf.local_variables()),
            sorted(v.name for v in tf.trainable_variables()), train_op.name]
    runs = []
    with tf.train.MonitoredTrainingSession(hooks=[opt.make_session_run_hook()]) as s:
        for _ in range(steps):
            s.run(train_op)
            runs.append(s.run([w, b, gs, "global_center_variable/w:0",
                               "global_center_variable/b:0", "local_step:0"]))
    nodes = [[n.name, n.op, list(n.input)] for n in tf.get_default_graph().as_graph_def().node]
    return [made, runs, nodes]


def cases(tf):
    with tf.Graph().as_default():
        out = {"train": train(tf)}
    out["vendor"] = host_vendor()
    return out
