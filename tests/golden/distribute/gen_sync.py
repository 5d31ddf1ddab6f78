"""TF 1.14's tf.train.SyncReplicasOptimizer: the ops it builds (names, types and the
devices tf.train.replica_device_setter gives them: accumulators, the token queue and the
sync_rep_local_step), the ops of its chief hook, and the global and local steps of two
replicas in one process (as TF's sync_replicas_optimizer_test: the first step applied, the
second stale, then one global step per pair of gradients) with the variable's values;
and one replica of two lost (the other's gradients alone make the global steps).

    python tools/goldens.py regen distribute/sync
"""
import threading

import numpy as np

W0 = np.array([[0.5], [-1.0], [2.0]], np.float32)


def _data(seed):
    rng = np.random.RandomState(seed)
    x = rng.randn(8, 3).astype(np.float32)
    return x, x.dot([[1.0], [2.0], [-1.0]]).astype(np.float32)


def _ops(g, start=0):
    # the ops tf.gradients builds are another area's; SyncReplicas' own are checked here
    return [[op.name, op.type, op.device] for op in g.get_operations()[start:]
            if not op.name.startswith("gradients")]


def _placement(tf, sparse):
    cluster = tf.train.ClusterSpec({"ps": ["p0:1", "p1:1"], "worker": ["w0:1", "w1:1"]})
    g = tf.Graph()
    out = {}
    with g.as_default():
        with tf.device(tf.train.replica_device_setter(cluster=cluster,
                                                      worker_device="/job:worker/task:1")):
            gs = tf.train.get_or_create_global_step()
            w = tf.get_variable("w", initializer=W0)
            b = tf.get_variable("b", initializer=np.zeros([1], np.float32))
            x, y = _data(1)
            if sparse:
                emb = tf.get_variable("emb", initializer=np.ones([4, 3], np.float32))
                x = x + tf.nn.embedding_lookup(emb, [0, 1, 1, 3, 0, 2, 2, 1])
            loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
            opt = tf.train.SyncReplicasOptimizer(
                tf.train.GradientDescentOptimizer(0.1), replicas_to_aggregate=2,
                total_num_replicas=3)
            train = opt.minimize(loss, global_step=gs)
            out["train"] = [train.name, train.op.type]
            n = len(g.get_operations())
            hook = opt.make_session_run_hook(is_chief=True, num_tokens=-1)
            hook.begin()
            out["hook_ops"] = _ops(g, n)
            qr = opt.get_chief_queue_runner()
            out["queue_runner"] = [qr.queue.name, [op.name for op in qr.enqueue_ops]]
            out["init_tokens"] = opt.get_init_tokens_op(5).name
    out["ops"] = _ops(g)
    return out


def _steps(tf):
    """Two replicas' global and local steps and the variable after each run."""
    batches = [_data(1), _data(2)]
    rows = []
    with tf.Graph().as_default():
        w = tf.Variable(W0)
        gs = tf.train.get_or_create_global_step()
        train_ops, hooks, opts = [], [], []
        for i, (x, y) in enumerate(batches):
            opt = tf.train.SyncReplicasOptimizer(tf.train.GradientDescentOptimizer(0.1),
                                                 replicas_to_aggregate=2,
                                                 total_num_replicas=2)
            loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - y))
            train_ops.append(opt.minimize(loss, global_step=gs))
            hooks.append(opt.make_session_run_hook(is_chief=i == 0))
            opts.append(opt)
        locals_ = [o._local_step for o in opts]
        with tf.train.SingularMonitoredSession(hooks=hooks, stop_grace_period_secs=1) as sess:
            raw = sess.raw_session()

            def record(what):
                vals = raw.run([gs] + locals_ + [w])
                rows.append([what] + [int(v) for v in vals[:3]] + [vals[3].ravel().tolist()])

            def wait_for(step):
                for _ in range(6000):
                    if raw.run(gs) >= step:
                        return
                    threading.Event().wait(0.01)

            record("start")
            raw.run(train_ops[0])
            raw.run(train_ops[1])
            wait_for(1)
            record("step 1")
            raw.run(train_ops[0])
            raw.run(train_ops[1])
            record("stale")
            for step in (2, 3):
                threads = [threading.Thread(target=raw.run, args=(op,)) for op in train_ops]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join(60)
                wait_for(step)
                record("step %d" % step)
    return rows


def lone_replica(tf, settle):
    """SyncReplicasOptimizer(2 of 2) with one replica lost: the other's train op never
    blocks and its gradients alone make the global steps (the accumulators count
    gradients, not replicas). settle(raw, gs, k) waits for the chief's queue runner after
    the k-th run; the global step after each run and w at the end."""
    x, y = _data(1)
    with tf.Graph().as_default():
        w = tf.Variable(W0)
        gs = tf.train.get_or_create_global_step()
        ops, hooks = [], []
        for i in range(2):
            opt = tf.train.SyncReplicasOptimizer(tf.train.GradientDescentOptimizer(0.1),
                                                 replicas_to_aggregate=2,
                                                 total_num_replicas=2)
            ops.append(opt.minimize(tf.reduce_mean(tf.square(tf.matmul(x, w) - y)),
                                    global_step=gs))
            hooks.append(opt.make_session_run_hook(is_chief=i == 0))
        with tf.train.SingularMonitoredSession(hooks=hooks, stop_grace_period_secs=1) as sess:
            raw = sess.raw_session()
            steps = []
            for k in range(6):
                t = threading.Thread(target=raw.run, args=(ops[0],))
                t.daemon = True
                t.start()
                t.join(60)
                steps.append([bool(t.is_alive()), settle(raw, gs, k)])
            return {"steps": steps, "w": raw.run(w).ravel().tolist()}


def _settle(raw, gs, k):
    threading.Event().wait(0.5)
    return int(raw.run(gs))


def cases(tf):
    return {"dense": _placement(tf, False), "sparse": _placement(tf, True),
            "steps": _steps(tf), "lone": lone_replica(tf, _settle)}
