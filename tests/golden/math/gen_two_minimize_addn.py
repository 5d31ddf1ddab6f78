"""TF 1.14's bits for a loss trained by two minimize() calls (two gradient graphs of one
loss grouped in one train op), a linear part and a DNN on sigmoid_cross_entropy_with_logits
of their sum, as a wide & deep model's two optimizers do. Grappler's dedup merges the
second gradient graph into one copy of the first (the gates' NoOps and Identities first,
then the nodes reading them, to a fixpoint): one AddN of the logits' gradient, its
inputs sorted by one graph's names (`.../Neg_grad/Neg`, `.../Select_1_grad/Select_1`,
`.../Select_grad/Select`, `.../mul_grad/Mul`), which `addn_input_names` records from
the partition graph TF ran. The variables after each step (`steps`) move in their last bit
where that AddN sums in another order. With the host's CPU vendor (`host`: the MatMuls'
bits). Read by tests/test_two_minimize_addn.py."""
from __future__ import absolute_import

import numpy as np

from goldenio import host_vendor


def _model(tf, batch, seed):
    rs = np.random.RandomState(seed)
    x = tf.placeholder(tf.float32, [batch, 5])
    y = tf.placeholder(tf.float32, [batch, 1])
    wl = tf.get_variable("wl", initializer=rs.randn(5, 1).astype(np.float32) * 0.3)
    h = tf.layers.dense(x, 4, tf.nn.tanh,
                        kernel_initializer=tf.glorot_uniform_initializer(seed=1))
    dnn = tf.layers.dense(h, 1, kernel_initializer=tf.glorot_uniform_initializer(seed=2))
    loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
        labels=y, logits=tf.matmul(x, wl) + dnn))
    dv = [v for v in tf.trainable_variables() if v is not wl]
    train = tf.group(
        tf.train.GradientDescentOptimizer(0.2).minimize(loss, var_list=[wl]),
        tf.train.GradientDescentOptimizer(0.3).minimize(loss, var_list=dv))
    feeds = [{x: rs.randn(batch, 5).astype(np.float32),
              y: rs.randint(0, 2, (batch, 1)).astype(np.float32)} for _ in range(3)]
    return loss, train, feeds


def steps(tf):
    with tf.Graph().as_default():
        loss, train, feeds = _model(tf, 64, 3)
        out = []
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            for fd in feeds:
                lv, _ = s.run([loss, train], fd)
                out.append([lv] + s.run(tf.trainable_variables()))
        return out


def addn_input_names(tf):
    """The inputs of the AddNs in the partition graph TF runs for the train op, each name
    without its first scope (`gradients/` or `gradients_1/`), and how many AddNs."""
    with tf.Graph().as_default():
        loss, train, feeds = _model(tf, 8, 3)
        md = tf.RunMetadata()
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            s.run(train, feeds[0], options=tf.RunOptions(output_partition_graphs=True),
                  run_metadata=md)
        addns = [n for g in md.partition_graphs for n in g.node if n.op == "AddN"]
        return {"count": len(addns),
                "inputs": [[i.split("/", 1)[1] for i in n.input] for n in addns]}


def cases(tf):
    return {"host": host_vendor(), "steps": steps(tf),
            "addn_input_names": addn_input_names(tf)}
