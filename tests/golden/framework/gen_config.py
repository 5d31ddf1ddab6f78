"""tf.config's settings, devices and errors, run under TF 1.14 (config.json) and flowgrad
(tests/test_tf_config.py). The calls change process-wide state, in this order: the
generator runs in a process of its own. Valid Python 3.7."""
ISOLATE = True


def _e(f):
    try:
        return repr(f())
    except Exception as e:  # noqa: BLE001 - the error is the result
        return "%s: %s" % (type(e).__name__, e)


def steps(tf):
    """(label, thunk) pairs, run in order."""
    C = tf.config
    X = C.experimental
    cpu = X.list_physical_devices("CPU")
    return [
        ("inter0", C.threading.get_inter_op_parallelism_threads),
        ("intra0", C.threading.get_intra_op_parallelism_threads),
        ("set_inter", lambda: C.threading.set_inter_op_parallelism_threads(2)),
        ("inter1", C.threading.get_inter_op_parallelism_threads),
        ("set_intra", lambda: C.threading.set_intra_op_parallelism_threads(3)),
        ("intra1", C.threading.get_intra_op_parallelism_threads),
        ("jit0", C.optimizer.get_jit),
        ("opts0", C.optimizer.get_experimental_options),
        ("set_jit", lambda: C.optimizer.set_jit(True)),
        ("jit1", C.optimizer.get_jit),
        ("set_opts", lambda: C.optimizer.set_experimental_options(
            {"constant_folding": False, "min_graph_nodes": 3, "remapping": True})),
        ("opts1", C.optimizer.get_experimental_options),
        ("soft0", C.get_soft_device_placement),
        ("set_soft", lambda: C.set_soft_device_placement(True)),
        ("soft1", C.get_soft_device_placement),
        ("policy0", X.get_device_policy),
        ("set_policy", lambda: X.set_device_policy("warn")),
        ("policy1", X.get_device_policy),
        ("bad_policy", lambda: X.set_device_policy("bad")),
        ("policy_none", lambda: X.set_device_policy(None)),
        ("policy2", X.get_device_policy),
        ("sync0", X.get_synchronous_execution),
        ("set_sync", lambda: X.set_synchronous_execution(False)),
        ("sync1", X.get_synchronous_execution),
        ("set_sync_back", lambda: X.set_synchronous_execution(True)),
        ("cpu", lambda: cpu),
        ("gpu", lambda: X.list_physical_devices("GPU")),
        ("visible_cpu", lambda: X.get_visible_devices("CPU")),
        ("growth", lambda: X.get_memory_growth(cpu[0])),
        ("set_growth", lambda: X.set_memory_growth(cpu[0], True)),
        ("vdc", lambda: X.get_virtual_device_configuration(cpu[0])),
        ("vdc_repr", lambda: (X.VirtualDeviceConfiguration(),
                              X.VirtualDeviceConfiguration(memory_limit=10))),
        ("vdc_limit", lambda: X.set_virtual_device_configuration(
            cpu[0], [X.VirtualDeviceConfiguration(memory_limit=5)])),
        ("set_vdc", lambda: X.set_virtual_device_configuration(
            cpu[0], [X.VirtualDeviceConfiguration(), X.VirtualDeviceConfiguration()])),
        ("vdc1", lambda: X.get_virtual_device_configuration(cpu[0])),
        ("set_visible_same", lambda: X.set_visible_devices(cpu)),
        ("set_visible_bad", lambda: X.set_visible_devices(["x"])),
        ("logical_cpu", lambda: X.list_logical_devices("CPU")),
        ("list_devices_cpu", lambda: [d for d in C.experimental_list_devices() if "XLA" not in d]),
        ("set_visible_late", lambda: X.set_visible_devices([])),
        ("set_vdc_late", lambda: X.set_virtual_device_configuration(cpu[0], [])),
        ("set_inter_late", lambda: C.threading.set_inter_op_parallelism_threads(5)),
        ("set_inter_same", lambda: C.threading.set_inter_op_parallelism_threads(2)),
        ("set_intra_late", lambda: C.threading.set_intra_op_parallelism_threads(5)),
        ("set_jit_off", lambda: C.optimizer.set_jit(False)),
        ("jit2", C.optimizer.get_jit),
        ("session_config", lambda: _session_config(tf)),
    ]


def _session_config(tf):
    c = tf.Session()._config
    ro = c.graph_options.rewrite_options
    return (c.intra_op_parallelism_threads, c.inter_op_parallelism_threads,
            c.allow_soft_placement, c.graph_options.optimizer_options.global_jit_level,
            ro.constant_folding, ro.remapping, ro.min_graph_nodes, sorted(c.device_count.items()))


def run(tf):
    return [[label, _e(f)] for label, f in steps(tf)]


def cases(tf):
    return {"steps": run(tf)}
