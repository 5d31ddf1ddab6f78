"""Shared by gen_agn.py, gen_elastic_average.py and gen_model_average.py (under TF 1.14;
tests/test_contrib_opt_model_average.py runs their train() with flowgrad): the one model
(w, b made under the optimizer's custom getter, the global step, loss
sum((w * b - 3)^2)), the variables made, the steps run under a MonitoredTrainingSession
with the optimizer's hook, and the GraphDef's nodes (name, op, inputs)."""
from goldenio import host_vendor

DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"


def model(tf, getter):
    """w, b and the global step made under `getter`, and the loss."""
    with tf.variable_scope("", custom_getter=getter):
        w = tf.get_variable("w", initializer=tf.constant([1.0, 2.0]))
        b = tf.get_variable("b", initializer=tf.constant(0.5))
        gs = tf.train.get_or_create_global_step()
    loss = tf.reduce_sum(tf.square(w * b - 3.0))
    return w, b, gs, loss


def made(tf, train_op):
    return [sorted(v.name for v in tf.global_variables()),
            sorted(v.name for v in tf.local_variables()),
            sorted(v.name for v in tf.trainable_variables()), train_op.name]


def run_steps(tf, hook, train_op, fetches, steps):
    """`steps` runs of train_op, each followed by the fetches' values."""
    runs = []
    with tf.train.MonitoredTrainingSession(hooks=[hook]) as s:
        for _ in range(steps):
            s.run(train_op)
            runs.append(s.run(fetches))
    return runs


def graph_nodes(tf):
    return [[n.name, n.op, list(n.input)] for n in tf.get_default_graph().as_graph_def().node]


def cases(tf, train):
    with tf.Graph().as_default():
        out = {"train": train(tf)}
    out["vendor"] = host_vendor()
    return out
