"""TF 1.14's device strings and multi-GPU "tower" programs on a machine without a GPU:
tf.device strings and functions as op.device holds them (a function's string is kept as
it is), the placer's errors for malformed and missing devices (with and without
allow_soft_placement), the assign_to_device(ps_device) pattern, and cifar10-style tower
training (tf.split across towers, reuse=i > 0 / AUTO_REUSE, average_gradients, batch
norm UPDATE_OPS per tower, summaries, ExponentialMovingAverage, Saver) under soft
placement. tests/test_pmgpu_devices.py compares flowgrad's answers."""
from __future__ import absolute_import

import os
import re
import tempfile

import numpy as np

SPECS = ["/cpu:0", "cpu", "GPU", "/gpu", "Gpu:1", "/device:gpu:1", "/device:GPU", "/JOB:w",
         "/job:w/job:x", "/cpu:0/gpu:0", "/device:CPU:0/cpu:1", "/gpu:x", "/task:01",
         "/replica:a", "/device:TPU:3", "/device:xla_cpu:0", "//cpu:0//", "job:w", "/job:w:1",
         "/device:a:b:c", "/job:", "/device:GPU:01", "",
         "/job:localhost/replica:0/task:0/device:CPU:0"]

RETURNS = ["/cpu:0", "gpu:1", "/job:ps/task:0/CPU:0", "", None, "cpu", "/device:gpu:*", 3]

PLACED = ["/gpu:1", "gpu:0", "/device:GPU:0", "/device:gpu:0", "cpu", "/cpu:3", "/cpu:0",
          "/job:localhost/gpu:0", "/job:foo/cpu:0", "/replica:1/cpu:0", "/task:1/gpu:0",
          "/device:TPU:0", "/device:xla_cpu:0", "bad", "//cpu:0", "/cpu:x", "/job:1",
          "/device:GPU:a", "/job:localhost/replica:0/task:0/device:CPU:0", "/device:CPU:*"]


def sorted_sources(msg):
    """The input ops an OpError's message lists, sorted: TF takes them from a set of
    Operations (hash order, which varies from run to run)."""
    head, sep, sources = msg.partition("Input Source operations connected to node ")
    if not sep:
        return msg
    first, _, rest = sources.partition("\n")
    return head + sep + first + "\n" + "\t\n".join(sorted(rest.split("\t\n")))


def _err(e):
    """[class, message]: the input ops sorted, file names without their directories (TF
    writes the script's path less the common prefix of its stack: where the checkout is)."""
    msg = sorted_sources(getattr(e, "message", None) or str(e))
    return [type(e).__name__, re.sub(r"defined at \S*/", "defined at ", msg)]


def _try(fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001
        return _err(e)


def spec_devices(tf, s):
    """A Const's device under tf.device(s), under it and '/job:w/task:2', and DeviceSpec's."""
    def build():
        with tf.Graph().as_default():
            with tf.device(s):
                c = tf.constant(1.0)
            with tf.device(s):
                with tf.device("/job:w/task:2"):
                    d = tf.constant(1.0)
            return [c.device, d.device]
    return [_try(build), _try(lambda: tf.DeviceSpec.from_string(s).to_string())]


def function_devices(tf, ret):
    """Devices a device function returning `ret` gives, alone and nested with strings."""
    def build():
        with tf.Graph().as_default():
            with tf.device(lambda op: ret):
                a = tf.constant(1.0)
            with tf.device("/job:w"):
                with tf.device(lambda op: ret):
                    b = tf.constant(1.0)
            with tf.device(lambda op: ret):
                with tf.device("/gpu:0"):
                    c = tf.constant(1.0)
            with tf.device(lambda op: ret):
                with tf.device(lambda op: "/job:x"):
                    d = tf.constant(1.0)
            with tf.device(lambda op: ret):
                with tf.device(""):
                    e = tf.constant(1.0)
            return [t.device for t in (a, b, c, d, e)] + [a.op.node_def.device]
    return _try(build)


def misc_devices(tf):
    out = {}
    with tf.Graph().as_default():
        out["enter_int"] = _try(lambda: tf.device(3).__enter__())
        out["enter_unknown"] = _try(lambda: tf.device("/foo:0").__enter__())
        with tf.device(lambda op: tf.DeviceSpec(device_type="GPU", device_index=0)):
            out["function_spec"] = tf.constant(1.0).device
        a = tf.constant(1.0, name="q")
        a.op._set_device("/gpu:0")
        out["set_device"] = [a.device, a.op.node_def.device]
        a.op._set_device(tf.DeviceSpec(job="ps", device_type="CPU"))
        out["set_device_spec"] = a.device
        with tf.device("/job:ps"):
            with tf.device("/gpu:0"):
                c = tf.constant(1.0)
                with tf.device(None):
                    n = tf.constant(1.0)
                with tf.device(""):
                    e = tf.constant(1.0)
        out["nested"] = [c.device, n.device, e.device]
    return out


def placed_run(tf, dev, soft):
    """A run of a graph whose Add (and its Const input) have device function `dev`."""
    with tf.Graph().as_default():
        with tf.device(lambda op: dev):
            a = tf.constant([1.0, 2.0], name="a")
            b = tf.add(a, a, name="b")
        try:
            with tf.Session(config=tf.ConfigProto(allow_soft_placement=soft)) as s:
                return [s.run(b).tolist(), None]
        except Exception as e:  # noqa: BLE001
            return [None, _err(e)]


PS_OPS = ["Variable", "VariableV2", "AutoReloadVariable"]


def assign_to_device(tf, device, ps_device):
    """The multi-GPU examples' device function: variables on `"/" + ps_device`."""
    def _assign(op):
        node_def = op if isinstance(op, tf.NodeDef) else op.node_def
        if node_def.op in PS_OPS:
            return "/" + ps_device
        return device
    return _assign


def ps_run(tf, ps_device, soft):
    with tf.Graph().as_default():
        tf.set_random_seed(3)
        with tf.device(assign_to_device(tf, "/gpu:0", ps_device)):
            w = tf.Variable(tf.random_normal([3, 2]), name="w")
            x = tf.constant(np.arange(6, dtype=np.float32).reshape(2, 3))
            y = tf.reduce_sum(tf.matmul(x, w))
        devices = [w.device, w.initializer.device, y.device, x.device,
                   w.initial_value.device]
        try:
            with tf.Session(config=tf.ConfigProto(allow_soft_placement=soft)) as s:
                s.run(tf.global_variables_initializer())
                return [devices, float(s.run(y)), None]
        except Exception as e:  # noqa: BLE001
            return [devices, None, _err(e)]


def _model(tf, x):
    h = tf.layers.conv2d(x, 4, 3, padding="same", name="conv1")
    h = tf.layers.batch_normalization(h, training=True, name="bn1")
    h = tf.reduce_mean(tf.nn.relu(h), axis=[1, 2])
    with tf.variable_scope("fc"):
        w = tf.get_variable("w", [4, 3],
                            initializer=tf.truncated_normal_initializer(stddev=0.1))
        b = tf.get_variable("b", [3], initializer=tf.zeros_initializer())
    return tf.matmul(h, w) + b


def average_gradients(tf, tower_grads):
    average_grads = []
    for grad_and_vars in zip(*tower_grads):
        grads = [tf.expand_dims(g, 0) for g, _ in grad_and_vars]
        grad = tf.reduce_mean(tf.concat(axis=0, values=grads), 0)
        average_grads.append((grad, grad_and_vars[0][1]))
    return average_grads


def towers(tf, reuse, n=2):
    """cifar10_multi_gpu_train's loop on `n` GPUs that do not exist (soft placement)."""
    out = {}
    np.random.seed(0)
    with tf.Graph().as_default(), tf.device("/cpu:0"):
        tf.set_random_seed(1)
        global_step = tf.get_variable("global_step", [], trainable=False,
                                      initializer=tf.constant_initializer(0))
        lr = tf.train.exponential_decay(0.1, global_step, 10, 0.9, staircase=True)
        opt = tf.train.GradientDescentOptimizer(lr)
        images = tf.constant(np.random.randn(8, 5, 5, 2).astype(np.float32))
        labels = tf.constant(np.random.randint(0, 3, size=8).astype(np.int32))
        image_splits = tf.split(images, n)
        label_splits = tf.split(labels, n)
        tower_grads, updates, tower_losses = [], [], []
        with tf.variable_scope(tf.get_variable_scope()):
            for i in range(n):
                with tf.device("/gpu:%d" % i), tf.name_scope("tower_%d" % i) as scope:
                    scope_reuse = tf.AUTO_REUSE if reuse == "auto" else i > 0
                    with tf.variable_scope(tf.get_variable_scope(), reuse=scope_reuse):
                        logits = _model(tf, image_splits[i])
                    xent = tf.nn.sparse_softmax_cross_entropy_with_logits(
                        labels=label_splits[i], logits=logits)
                    tf.add_to_collection("losses", tf.reduce_mean(xent, name="cross_entropy"))
                    losses = tf.get_collection("losses", scope)
                    total_loss = tf.add_n(losses, name="total_loss")
                    tower_losses.append(total_loss)
                    tf.summary.scalar("loss", total_loss)
                    updates.append([u.name for u in tf.get_collection(tf.GraphKeys.UPDATE_OPS,
                                                                      scope)])
                    grads = opt.compute_gradients(total_loss)
                    tower_grads.append(grads)
        grads = average_gradients(tf, tower_grads)
        out["grads"] = [[v.op.name, g.op.name, g.device, v.device] for g, v in grads]
        apply_op = opt.apply_gradients(grads, global_step=global_step)
        ema = tf.train.ExponentialMovingAverage(0.9999, global_step)
        # (cifar10's tf.group(apply_op, ema_op) races: TF's averages vary run to run)
        with tf.control_dependencies([apply_op]):
            ema_op = ema.apply(tf.trainable_variables())
        train_op = tf.group(apply_op, ema_op)
        out["updates"] = updates
        out["variables"] = [v.name for v in tf.global_variables()]
        out["summaries"] = [s.name for s in tf.get_collection(tf.GraphKeys.SUMMARIES)]
        out["devices"] = [total_loss.device, logits.device, global_step.device,
                          train_op.device, image_splits[1].device]
        saver = tf.train.Saver(tf.global_variables())
        cfg = tf.ConfigProto(allow_soft_placement=True)
        with tf.Session(config=cfg) as sess:
            sess.run(tf.global_variables_initializer())
            steps = []
            for _ in range(3):
                _, losses_now = sess.run([train_op, tower_losses])
                steps.append([float(v) for v in losses_now])
            out["losses"] = steps
            out["ema"] = sess.run(ema.average(tf.trainable_variables()[0]))
            out["moving_mean"] = sess.run(tf.global_variables()[5])
            path = saver.save(sess, os.path.join(tempfile.mkdtemp(), "model.ckpt"),
                              global_step=global_step)
            out["saved"] = sorted(name for name, _ in tf.train.list_variables(path))
    return out


def cifar_hard(tf, n=2):
    """Variables on the CPU (cifar10's _variable_on_cpu), towers on GPUs, no soft
    placement: TF's error names the first tower op it places."""
    with tf.Graph().as_default():
        x = tf.constant(np.ones((4, 3), np.float32))
        xs = tf.split(x, n)
        init = tf.constant_initializer(0.5)
        outs = []
        for i in range(n):
            with tf.device("/gpu:%d" % i), tf.name_scope("tower_%d" % i):
                with tf.variable_scope(tf.get_variable_scope(), reuse=i > 0):
                    with tf.device("/cpu:0"):   # (one line: Python 3.7 and 3.11 agree)
                        w = tf.get_variable("w", [3, 2], initializer=init)
                    outs.append(tf.reduce_sum(tf.matmul(xs[i], w)))
        total = tf.add_n(outs)
        try:
            with tf.Session() as s:
                s.run(tf.global_variables_initializer())
                return [float(s.run(total)), None]
        except Exception as e:  # noqa: BLE001
            return [None, _err(e)]


def _ps_chooser(tf, device, tasks):
    """model_deploy's _PSDeviceChooser: variables round-robin over the ps tasks."""
    state = {"task": 0}

    def choose(op):
        if op.device:
            return op.device
        node_def = op if isinstance(op, tf.NodeDef) else op.node_def
        if node_def.op.startswith("Variable"):
            t = state["task"]
            state["task"] = (t + 1) % tasks
            return "%s/task:%d" % (device, t)
        return op.device
    return choose


def deploy(tf, pydev):
    """slim's model_deploy device functions: clones on '/device:GPU:i' with variables on
    the CPU, variables over ps tasks, a function returning pydev.DeviceSpecs, pydev's
    helpers."""
    out = {}
    with tf.Graph().as_default():
        clones = []
        for i in range(2):
            with tf.name_scope("clone_%d" % i if i else ""), tf.device("/device:GPU:%d" % i):
                with tf.variable_scope(tf.get_variable_scope(), reuse=True if i else None):
                    with tf.device("/device:CPU:0"):
                        w = tf.get_variable("w", [2])
                    y = w * 2
            clones.append([w.device, y.device, y.name])
        out["clones"] = clones
    with tf.Graph().as_default():
        with tf.device(_ps_chooser(tf, "/job:ps", 2)):
            a = tf.get_variable("a", [2])
            b = tf.get_variable("b", [2])
            c = a + b
        out["ps"] = [a.device, b.device, c.device, a.initializer.device]

    def fn(op):
        cur = pydev.DeviceSpec.from_string(op.device or "")
        if op.type not in ["Variable", "VariableV2", "VarHandleOp"]:
            return cur
        vd = pydev.DeviceSpec.from_string("/job:ps/task:0/device:CPU:0")
        vd.merge_from(cur)
        return vd
    with tf.Graph().as_default():
        with tf.device("/gpu:1"):
            with tf.device(fn):
                v = tf.get_variable("v", [2])
                z = v + 1
            with tf.device(pydev.merge_device("/job:w")):
                m = tf.constant(1.0)
            with tf.device(pydev.merge_device("")):
                e = tf.constant(1.0)
        out["spec_fn"] = [v.device, z.device, v.initializer.device, v.value().device,
                          m.device, e.device]
        out["pydev"] = [pydev.canonical_name("/gpu:0"),
                        pydev.canonical_name(pydev.DeviceSpec(job="x")),
                        pydev.canonical_name(None),
                        pydev.merge_device("/job:w")(z.op).to_string(),
                        pydev.merge_device("/job:w").shortcut_string_merge(z.op),
                        pydev.merge_device("").is_null_merge,
                        _try(lambda: pydev.check_valid("/gpu:x"))]
    return out


def none_inputs(tf):
    """Ops given None (average_gradients over a tower whose variable got no gradient):
    TF's op_def_library errors ("Tried to convert 'x' ...", the list inputs' types) or
    the Python wrapper's own."""
    with tf.Graph().as_default():
        c = tf.constant([1.0])
        calls = [
            lambda: tf.expand_dims(None, 0), lambda: tf.add(None, c), lambda: tf.add(c, None),
            lambda: tf.reduce_mean(None), lambda: tf.concat([c, None], 0),
            lambda: tf.add_n([c, None]), lambda: tf.reshape(None, [1]),
            lambda: tf.identity(None), lambda: tf.multiply(None, 2.0),
            lambda: tf.clip_by_norm(None, 1.0), lambda: tf.stack([c, None]),
            lambda: tf.stack([c, None], axis=1), lambda: tf.square(None),
            lambda: tf.matmul(None, c), lambda: tf.tile(None, [2]),
            lambda: tf.cast(None, tf.float32), lambda: tf.truediv(None, 2.0),
            lambda: tf.summary.histogram("g", None), lambda: tf.summary.scalar("g", None),
            lambda: tf.scalar_mul(2.0, None), lambda: tf.squeeze(None),
            lambda: tf.reduce_sum(None), lambda: tf.shape(None), lambda: tf.zeros_like(None),
            lambda: tf.nn.l2_loss(None), lambda: tf.convert_to_tensor(None)]
        out = [_try(lambda f=f: f().name) for f in calls]
        w = tf.get_variable("w", [2])
        u = tf.get_variable("u", [2])
        opt = tf.train.GradientDescentOptimizer(0.1)
        tower_grads = [opt.compute_gradients(tf.reduce_sum(w * (i + 1.0)), var_list=[w, u])
                       for i in range(2)]
        out.append(_try(lambda: average_gradients(tf, tower_grads)))
    return out


def gpu_queries(tf, device_lib):
    devs = device_lib.list_local_devices()
    return [tf.test.is_gpu_available(), tf.test.is_gpu_available(cuda_only=True),
            tf.test.gpu_device_name(), devs[0].name, devs[0].device_type]


def cases(tf):
    out = {}
    out["specs"] = [spec_devices(tf, s) for s in SPECS]
    out["functions"] = [function_devices(tf, r) for r in RETURNS]
    out["misc"] = misc_devices(tf)
    out["placed"] = [[placed_run(tf, d, False), placed_run(tf, d, True)] for d in PLACED]
    out["ps"] = [ps_run(tf, p, soft) for p in ("/cpu:0", "cpu:0") for soft in (False, True)]
    out["towers"] = towers(tf, "bool")
    out["towers_auto"] = towers(tf, "auto")
    out["cifar_hard"] = cifar_hard(tf)
    from tensorflow.python.client import device_lib
    from tensorflow.python.framework import device as pydev
    out["gpu_queries"] = gpu_queries(tf, device_lib)
    out["deploy"] = deploy(tf, pydev)
    out["none_inputs"] = none_inputs(tf)
    return out
