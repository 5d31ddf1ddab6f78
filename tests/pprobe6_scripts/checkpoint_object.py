"""Checkpoint utilities of TF 1.x graph mode: tf.train.Saver with a var_list dict (renamed
keys) and max_to_keep, latest_checkpoint / get_checkpoint_state, tf.train.list_variables
and load_variable, tf.train.init_from_checkpoint into a differently-scoped model, and the
object-based tf.train.Checkpoint (save/restore in graph mode with a Session), then
NewCheckpointReader's dtype map."""

import hashlib
import os
import tempfile
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


base = tempfile.mkdtemp()
rs = np.random.RandomState(132)
X = rs.randn(8, 3).astype(np.float32)
with tf.Graph().as_default():
    tf.set_random_seed(131)
    with tf.variable_scope("net"):
        w = tf.get_variable("w", [3, 2])
        b = tf.get_variable("b", [2], initializer=tf.zeros_initializer())
    step = tf.train.get_or_create_global_step()
    loss = tf.reduce_mean(tf.square(tf.matmul(X, w) + b - 1.0))
    train = tf.train.AdamOptimizer(0.1).minimize(loss, global_step=step)
    saver = tf.train.Saver({"W": w, "B": b, "gs": step}, max_to_keep=2)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for i in range(4):
            s.run(train)
            p = saver.save(s, os.path.join(base, "m"), global_step=step)
            print("saved", os.path.basename(p), repr(float(s.run(loss))))
        wv = s.run(w)
    print("latest", os.path.basename(tf.train.latest_checkpoint(base)))
    st = tf.train.get_checkpoint_state(base)
    print("state", [os.path.basename(x) for x in st.all_model_checkpoint_paths])
    print("list", tf.train.list_variables(base))
    print(
        "load",
        H(tf.train.load_variable(base, "W")),
        bool(np.array_equal(tf.train.load_variable(base, "W"), wv)),
    )
    r = tf.train.NewCheckpointReader(tf.train.latest_checkpoint(base))
    print("dtypes", sorted((k, v.name) for k, v in r.get_variable_to_dtype_map().items()))

with tf.Graph().as_default():
    with tf.variable_scope("other"):
        w2 = tf.get_variable("kernel", [3, 2], initializer=tf.ones_initializer())
        b2 = tf.get_variable("bias", [2], initializer=tf.ones_initializer())
    tf.train.init_from_checkpoint(base, {"W": w2, "B": "other/bias"})
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        print("init_from", bool(np.array_equal(s.run(w2), wv)), H(s.run(b2)))

for make_opt in (lambda: tf.train.MomentumOptimizer(0.1, 0.9), lambda: tf.train.AdamOptimizer(0.1)):
    with tf.Graph().as_default():
        tf.set_random_seed(133)
        v = tf.get_variable("v", [4], initializer=tf.random_normal_initializer(seed=4))
        opt = make_opt()
        gs = tf.train.get_or_create_global_step()
        tr = opt.minimize(tf.reduce_sum(tf.square(v)), global_step=gs)
        ck = tf.train.Checkpoint(v=v, opt=opt, step=gs)
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            s.run(tr)
            path = ck.save(os.path.join(base, "obj"), session=s)
            before = s.run(v)
            slots = s.run(opt.variables())
            s.run(tr)
            print("obj_saved", os.path.basename(path), H(before), H(s.run(v)))
            st = ck.restore(path)
            st.run_restore_ops(s)
            print("restored", bool(np.array_equal(s.run(v), before)), s.run(gs))
            print(
                "slots", [bool(np.array_equal(a, b)) for a, b in zip(s.run(opt.variables()), slots)]
            )
            names = sorted(n for n, _ in tf.train.list_variables(path))
            print("obj_vars", names)
