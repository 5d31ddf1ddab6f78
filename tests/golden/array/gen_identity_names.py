"""TF 1.14's tf.identity names: a resource variable is read inside the op's scope
('Identity/ReadVariableOp'), a ref variable is its snapshot, a Python value is the
op's 'input' Const; under a given name and in a name scope."""
import numpy as np


def run(tf):
    with tf.Graph().as_default() as g:
        v = tf.Variable(1.0, use_resource=True, name="v")
        tf.Variable(1.0, name="r")
        n = len(g.get_operations())
        r = tf.global_variables()[1]
        outs = [tf.identity(v), tf.identity(r), tf.identity(v, name="named"),
                tf.identity(tf.constant(1.0)), tf.identity(2.5), tf.identity(np.ones(2)),
                tf.identity([1, 2], name="x")]
        with tf.name_scope("s"):
            outs.append(tf.identity(v))
        ops = [(op.name, op.type) for op in g.get_operations()][n:]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            values = sess.run(outs)
        return {"ops": ops, "values": values}


def cases(tf):
    return {"identity": run(tf)}
