"""tf.train.SyncReplicasOptimizer in a single process (one replica, replicas_to_aggregate=1)
over two in-graph towers on '/gpu:%d' with allow_soft_placement: the towers' gradients are
averaged with expand_dims/concat/reduce_mean and applied through the sync optimizer. The
replica's and the chief's work are run by hand in one thread: per step the accumulator
applies the train op depends on (found from its token dequeue), the chief queue runner's
enqueue op (take_grad, the update, global_step + 1, a token), the token dequeued and
assigned to the local step, so nothing races or blocks at close (with the queue runner's
thread, MonitoredTrainingSession's close blocks in TF 1.14).
Op counts, devices and values at full precision."""
import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(448)
rs = np.random.RandomState(449)
X = rs.randn(8, 4).astype(np.float32)
Y = rs.randint(0, 3, 8).astype(np.int32)

with tf.Graph().as_default() as g:
    with tf.device("/cpu:0"):
        gs = tf.train.get_or_create_global_step()
        base = tf.train.AdamOptimizer(0.05)
        opt = tf.train.SyncReplicasOptimizer(base, replicas_to_aggregate=1,
                                             total_num_replicas=1, name="sync")
    xs = tf.split(tf.constant(X), 2)
    ys = tf.split(tf.constant(Y), 2)
    tower_grads, losses = [], []
    for i in range(2):
        with tf.device("/gpu:%d" % i), tf.name_scope("tower_%d" % i):
            with tf.variable_scope("model", reuse=i > 0):
                h = tf.layers.dense(xs[i], 6, tf.nn.elu, name="h",
                                    kernel_initializer=tf.glorot_normal_initializer(seed=5))
                lo = tf.layers.dense(h, 3, name="o",
                                     kernel_initializer=tf.glorot_normal_initializer(seed=6))
            loss = tf.losses.sparse_softmax_cross_entropy(ys[i], lo)
            losses.append(loss)
            tower_grads.append(opt.compute_gradients(loss))
    avg = []
    for gv in zip(*tower_grads):
        gr = tf.reduce_mean(tf.concat([tf.expand_dims(gg, 0) for gg, _ in gv], 0), 0)
        avg.append((gr, gv[0][1]))
    with tf.device("/cpu:0"):
        train = opt.apply_gradients(avg, global_step=gs)
    total = tf.add_n(losses) / 2.0
    hook = opt.make_session_run_hook(is_chief=True, num_tokens=0)
    ops = g.get_operations()
    print(len(ops), len(tf.global_variables()), len(tf.local_variables()),
          len(tf.get_collection(tf.GraphKeys.LOSSES)))
    print(sorted({o.type for o in ops if o.name.startswith("sync")}))
    print(sorted({o.device for o in ops}))
    print([v.op.name for v in tf.local_variables()], train.op.type, repr(train.device))
    qr = opt.get_chief_queue_runner()
    init_tokens = opt.get_init_tokens_op(num_tokens=1)
    print(type(hook).__name__, qr.name, len(qr.enqueue_ops), init_tokens.type)
    cfg = tf.ConfigProto(allow_soft_placement=True)
    with tf.Session(config=cfg) as sess:
        sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
        deq = train.op.inputs[1]
        apply_grads = deq.op.control_inputs
        local_step = tf.local_variables()[0]
        print(deq.op.type, sorted(o.type for o in apply_grads))
        for i in range(5):
            lv, _ = sess.run([total, apply_grads])
            sess.run(qr.enqueue_ops[0])
            print(sess.run(deq), sess.run(local_step.assign(gs)))
            print(i, repr(float(lv)), sess.run(gs))
        for v in tf.trainable_variables():
            print(v.op.name, H(sess.run(v)))
