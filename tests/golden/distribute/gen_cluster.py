"""tf.train.ClusterSpec (dict and ClusterDef forms), Server.server_def and the errors of
both, and the devices tf.train.replica_device_setter gives (round-robin, a cluster, another
ps job and ps_ops, merge_devices=False, GreedyLoadBalancingStrategy) under TF 1.14.
tests/test_distribute_cluster.py runs the same `cases` with flowgrad (servers are built
with start=False: no network)."""


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa
        return [type(e).__name__, str(e)]
    return None


def _placement(tf, build):
    g = tf.Graph()
    with g.as_default():
        build()
    return [[op.name, op.type, op.device] for op in g.get_operations()]


def cases(tf):
    out = {}
    cs = tf.train.ClusterSpec({"ps": ["ps0:2222", "ps1:2222"],
                               "worker": {1: "w1:2222", 3: "w3:2222"}})
    out["cluster"] = {
        "as_dict": {k: (v if isinstance(v, list) else {str(a): b for a, b in v.items()})
                    for k, v in cs.as_dict().items()},
        "jobs": cs.jobs,
        "num_tasks_ps": cs.num_tasks("ps"),
        "num_tasks_worker": cs.num_tasks("worker"),
        "task_indices_worker": cs.task_indices("worker"),
        "task_address": cs.task_address("worker", 3),
        "job_tasks_worker": cs.job_tasks("worker"),
        "cluster_def": str(cs.as_cluster_def()),
        "cluster_def_bytes": list(bytearray(cs.as_cluster_def().SerializeToString())),
        "str": str(tf.train.ClusterSpec({"worker": ["a:1"], "ps": {2: "b:2"}})),
        "bool_empty": bool(tf.train.ClusterSpec({})),
        "eq": cs == tf.train.ClusterSpec(cs.as_cluster_def()),
        "eq_dict": tf.train.ClusterSpec({"ps": ["a:1"]}) == {"ps": {0: "a:1"}},
        "err_num_tasks": _err(lambda: cs.num_tasks("chief")),
        "err_task_address": _err(lambda: cs.task_address("worker", 2)),
        "err_task_address_job": _err(lambda: cs.task_address("x", 0)),
        "err_task_indices": _err(lambda: cs.task_indices("x")),
        "err_job_tasks": _err(lambda: cs.job_tasks("x")),
        "err_bad_type": _err(lambda: tf.train.ClusterSpec(3)),
        "err_bad_job": _err(lambda: tf.train.ClusterSpec({"ps": 3})),
        "from_cs": tf.train.ClusterSpec(cs).as_dict() == cs.as_dict(),
    }
    s = tf.train.Server({"ps": ["localhost:2222"]}, job_name="ps", task_index=0, start=False)
    out["server_def"] = str(s.server_def)
    out["server_target"] = s.target
    out["server_def_cfg"] = str(tf.train.Server(
        tf.train.ClusterSpec({"worker": ["localhost:2223", "localhost:2224"]}),
        job_name="worker", task_index=1, protocol="grpc",
        config=tf.ConfigProto(intra_op_parallelism_threads=2, allow_soft_placement=True),
        start=False).server_def)
    out["server_errors"] = {
        "no_job": _err(lambda: tf.train.Server({"ps": ["a:1"], "worker": ["b:1"]},
                                               start=False)),
        "bad_job": _err(lambda: tf.train.Server({"ps": ["a:1"]}, job_name="worker",
                                                start=False)),
        "no_task": _err(lambda: tf.train.Server({"ps": ["a:1", "b:1"]}, job_name="ps",
                                                start=False)),
        "bad_arg": _err(lambda: tf.train.Server(3, start=False)),
    }

    def rr():
        with tf.device(tf.train.replica_device_setter(ps_tasks=2)):
            a = tf.Variable(1.0, name="a")
            tf.Variable(tf.zeros([3]), name="b")
            tf.get_variable("c", [2, 2])
            d = a + 1.0
            tf.FIFOQueue(3, tf.float32, name="q")
            with tf.device("/job:worker/task:7"):
                tf.Variable(2.0, name="e")
            with tf.device("/cpu:0"):
                tf.Variable(2.0, name="f")
                d * 2.0

    def rr_cluster():
        cluster = tf.train.ClusterSpec({"ps": ["p:1", "p:2", "p:3"], "worker": ["w:1", "w:2"]})
        with tf.device(tf.train.replica_device_setter(cluster=cluster,
                                                      worker_device="/job:worker/task:1")):
            for i in range(5):
                tf.Variable(float(i), name="v%d" % i)
            tf.constant(1.0) + 2.0
            gs = tf.train.get_or_create_global_step()
            v = tf.get_variable("w", [2])
            tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(v * v),
                                                            global_step=gs)

    def rr_ps_device():
        with tf.device(tf.train.replica_device_setter(
                ps_tasks=2, ps_device="/job:param",
                worker_device="/job:worker/replica:2/task:1/cpu:0", merge_devices=True,
                ps_ops=["Variable", "VariableV2", "Const"])):
            tf.Variable(1.0, name="a")
            tf.constant(3.0, name="k")
            tf.Variable(1.0, name="b") * 3.0

    def rr_no_merge():
        with tf.device(tf.train.replica_device_setter(ps_tasks=1, merge_devices=False)):
            with tf.device("/job:foo"):
                tf.Variable(1.0, name="a")
                tf.constant(1.0, name="k")

    def greedy():
        strat = tf.contrib.training.GreedyLoadBalancingStrategy(
            3, tf.contrib.training.byte_size_load_fn)
        with tf.device(tf.train.replica_device_setter(ps_tasks=3, ps_strategy=strat)):
            tf.Variable(tf.zeros([100]), name="big")
            tf.Variable(tf.zeros([10]), name="mid")
            tf.Variable(tf.zeros([10]), name="mid2")
            tf.Variable(tf.zeros([1]), name="small")
            tf.get_variable("g", [5, 5], dtype=tf.float64)
            tf.get_variable("h", [7], dtype=tf.int32)

    def outer_device():
        with tf.device("/job:worker/task:3"):
            with tf.device(tf.train.replica_device_setter(ps_tasks=2)):
                tf.Variable(1.0, name="a")
                tf.constant(1.0, name="k")
            with tf.device(None):
                tf.constant(1.0, name="n")

    out["placement"] = {"rr": _placement(tf, rr), "rr_cluster": _placement(tf, rr_cluster),
                        "rr_ps_device": _placement(tf, rr_ps_device),
                        "rr_no_merge": _placement(tf, rr_no_merge),
                        "greedy": _placement(tf, greedy),
                        "outer_device": _placement(tf, outer_device)}
    out["setter_none"] = [tf.train.replica_device_setter(ps_tasks=0) is None,
                          tf.train.replica_device_setter(cluster={"worker": ["a:1"]}) is None]
    out["setter_errors"] = {
        "bad_cluster": _err(lambda: tf.train.replica_device_setter(cluster=3)),
        "bad_strategy": _err(lambda: tf.train.replica_device_setter(ps_tasks=1,
                                                                   ps_strategy=3)),
    }
    return out
