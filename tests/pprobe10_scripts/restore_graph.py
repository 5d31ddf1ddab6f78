"""The graph TF 1.14 builds to restore object-based checkpoints in graph mode: Keras
load_weights of a TF-format checkpoint into a fresh model, and tf.train.Checkpoint.restore
(its RestoreV2 / Identity / AssignVariableOp per variable, the file-prefix Const, the
save_counter made on restore); the ops' names, types and inputs."""

import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

tf.set_random_seed(83)
K = tf.keras
g = tf.get_default_graph()


def new_ops(n0):
    # sorted: the variables K.get_session initializes come in a set's order
    for op in sorted(g.get_operations()[n0:], key=lambda o: o.name):
        print(op.name, op.type, [] if op.type == "VarIsInitializedOp" else
              [i.name for i in op.inputs])


m = K.Sequential([K.layers.Dense(3, input_shape=(2,), name="a"), K.layers.Dense(1, name="b")])
d = tempfile.mkdtemp()
try:
    p = os.path.join(d, "w")
    m.save_weights(p)
    m2 = K.models.clone_model(m)
    n0 = len(g.get_operations())
    m2.load_weights(p)
    new_ops(n0)
    print([np.array_equal(a, b) for a, b in zip(m.get_weights(), m2.get_weights())])
    v = tf.Variable([1.0, 2.0], name="v", use_resource=True)
    ck = tf.train.Checkpoint(v=v)
    s = K.backend.get_session()
    s.run(v.initializer)
    cp = ck.save(os.path.join(d, "ck"), session=s)
    s.run(v.assign([5.0, 6.0]))
    ck2 = tf.train.Checkpoint(v=v)
    n0 = len(g.get_operations())
    st = ck2.restore(cp)
    new_ops(n0)
    st.run_restore_ops(s)
    print(s.run(v).tolist(), s.run(ck2.save_counter))
finally:
    shutil.rmtree(d)
print(len(g.get_operations()))
