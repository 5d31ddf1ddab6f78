"""A MonitoredTrainingSession whose Scaffold warm-starts from a pretrained checkpoint by
init_fn (slim.assign_from_checkpoint_fn) and saves by a sharded Saver with a var_list dict
holding a PartitionedVariable (tf.min_max_variable_partitioner); the learning rate by
linear_cosine_decay on the global step, which the restart restores from the session's own
checkpoint (init_fn is then not called); values at full precision and checkpoint keys."""

import hashlib
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

slim = tf.contrib.slim


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(1907)
X = rs.randn(16, 8).astype(np.float32)
Y = rs.randint(0, 3, size=16).astype(np.int32)
tmp = tempfile.mkdtemp()
pre_dir = os.path.join(tmp, "pre")
run_dir = os.path.join(tmp, "run")


def model():
    part = tf.min_max_variable_partitioner(max_partitions=3, min_slice_size=16)
    w = tf.get_variable("dense/w", [8, 6], initializer=tf.random_normal_initializer(seed=1),
                        partitioner=part)
    w2 = tf.get_variable("head/w", [6, 3], initializer=tf.random_normal_initializer(seed=2))
    h = tf.nn.relu(tf.matmul(tf.constant(X), w))
    logits = tf.matmul(h, w2)
    return w, w2, tf.losses.sparse_softmax_cross_entropy(Y, logits)


g = tf.Graph()
with g.as_default():
    tf.set_random_seed(7)
    w, w2, loss = model()
    print("parts", [v.op.name for v in w], [v.get_shape().as_list() for v in w])
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for i in range(3):
            s.run(train)
        print("pre loss", repr(float(s.run(loss))))
        pre = tf.train.Saver().save(s, pre_dir)

calls = []
for run in range(3):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(8)
        w, w2, loss = model()
        init = slim.assign_from_checkpoint_fn(pre, slim.get_variables_to_restore(
            include=["dense"]))
        gs = tf.train.get_or_create_global_step()
        lr = tf.train.linear_cosine_decay(0.4, gs, 6, num_periods=0.5, alpha=0.1, beta=0.05)
        opt = tf.train.MomentumOptimizer(lr, 0.8)
        train = opt.minimize(loss, global_step=gs)

        def init_fn(scaffold, sess):
            calls.append(run)
            init(sess)
        var_list = {"dense_w": w, "head_w": w2, "step": gs}
        if run < 2:
            # the slots of a partitioned variable carry its slice info: a list saves as one
            var_list["dense_m"] = [opt.get_slot(p, "momentum") for p in w]
            var_list["head_m"] = opt.get_slot(w2, "momentum")
        saver = tf.train.Saver(var_list, sharded=True, max_to_keep=2)
        scaffold = tf.train.Scaffold(init_fn=init_fn, saver=saver)
        hooks = [tf.train.StopAtStepHook(last_step=3 * (run + 1))]
        print("ops", len(g.get_operations()))
        try:
            with tf.train.MonitoredTrainingSession(
                    checkpoint_dir=run_dir, scaffold=scaffold, hooks=hooks,
                    save_checkpoint_steps=3, save_checkpoint_secs=None,
                    save_summaries_steps=None, save_summaries_secs=None,
                    log_step_count_steps=None) as s:
                while not s.should_stop():
                    lv, r, n, _ = s.run([loss, lr, gs, train])
                    print(run, n, repr(float(lv)), repr(float(r)))
        except RuntimeError as e:
            # the slots are neither in the checkpoint's Saver nor initialized by init_fn
            print(type(e).__name__, str(e).split("error: ")[-1])
        print("init_fn calls", calls)
ck = tf.train.latest_checkpoint(run_dir)
print(sorted(os.path.basename(p) for p in
             tf.train.get_checkpoint_state(run_dir).all_model_checkpoint_paths))
print(os.path.basename(ck))
for n, sh in tf.train.list_variables(ck):
    print(n, sh, H(tf.train.load_variable(ck, n)))
shutil.rmtree(tmp)
