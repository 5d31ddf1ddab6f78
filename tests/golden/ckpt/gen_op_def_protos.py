"""Operation.op_def under TF 1.14 (op_def_protos.json) and flowgrad
(tests/test_op_def_protos.py): TF's OpDef proto of an op's type as its registry holds it
(inputs, outputs, attrs with defaults, allowed values and minimums, flags, deprecation).
Valid Python 3.7."""
import numpy as np


def cases(tf):
    out = {}
    g = tf.Graph()
    with g.as_default():
        rs = np.random.RandomState(0)
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        w = tf.Variable(rs.rand(3, 2).astype(np.float32), name="w")
        y = tf.nn.relu(tf.matmul(x, w), name="y")
        s = tf.reduce_sum(y, axis=1, name="s")
        c = tf.concat([y, y], axis=1, name="c")
        a = tf.add_n([y, y, y], name="a")
        q = tf.FIFOQueue(2, tf.float32, name="q")
        e = q.enqueue(1.0, name="e")
        ops = [x.op, w.op, w.initializer, y.op, y.op.inputs[0].op, s.op, c.op, a.op,
               q.queue_ref.op, e]
        out["types"] = [op.type for op in ops]
        out["names"] = [op.op_def.name for op in ops]
        out["bytes"] = [op.op_def.SerializeToString(deterministic=True) for op in ops]
        out["add_text"] = str(y.op.inputs[0].op.op_def)
        out["matmul_attrs"] = [[a.name, a.type, a.HasField("default_value")]
                               for a in y.op.inputs[0].op.op_def.attr]
        out["concat_inputs"] = [[i.name, i.type, i.type_attr, i.number_attr]
                                for i in c.op.op_def.input_arg]
        out["addn_min"] = [[a.name, a.has_minimum, a.minimum] for a in a.op.op_def.attr]
        out["stateful"] = [op.op_def.is_stateful for op in ops]
        out["fresh_copy"] = y.op.op_def is not y.op.op_def
    return out
