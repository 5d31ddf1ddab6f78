"""tf.guarantee_const, tf.DeviceSpec, tf.convert_to_tensor_or_sparse_tensor and
tf.variable_creator_scope under TF 1.14 (misc.json) and flowgrad (tests/test_core_misc.py).
Valid Python 3.7."""
import numpy as np


def _err(fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - the error is the result
        return "%s: %s" % (type(e).__name__, str(e).split("\n")[0])


def _ops(tf, n0):
    return [[o.name, o.type] for o in tf.get_default_graph().get_operations()[n0:]]


def misc(tf):
    out = {}
    g = tf.get_default_graph()
    x = tf.constant([1.0, 2.0])
    n0 = len(g.get_operations())
    y = tf.guarantee_const(x)
    y2 = tf.guarantee_const([1, 2], name="gc")
    out["gc_ops"] = _ops(tf, n0)
    out["gc_grad"] = _err(lambda: tf.gradients(y, x))
    D = tf.DeviceSpec
    d = D.from_string("/gpu:1")
    out["device"] = [
        D(job="w", replica=0, device_type="GPU", device_index=1).to_string(),
        D.from_string("/job:ps/task:2/device:CPU:0").to_string(),
        [d.job, d.replica, d.task, d.device_type, d.device_index, d.to_string()],
        D(device_type="cpu").to_string(), D().to_string(),
        D(job="a", device_type="CPU").make_merged_spec(D(device_type="GPU", task=3)).to_string(),
        D(job="a").replace(job="b", device_index=2, device_type="GPU").to_string(),
        D(job="a") == D.from_string("/job:a"), D(job="a") == D(job="b"),
        _err(lambda: D.from_string("/job:a/foo:1")),
        _err(lambda: D.from_string("/cpu:0/gpu:1")),
        _err(lambda: D.from_string("/device:CPU:0/gpu:1")),
    ]
    spec = D.from_string("/job:w/task:1")
    spec.merge_from(D(device_type="GPU", device_index=0))
    spec2 = D().parse_from_string("/replica:3/CPU:*")
    spec2.task = 5
    out["device_mutable"] = [spec.to_string(), spec2.to_string()]
    with tf.Graph().as_default():
        with tf.device(D(job="ps", task=0, device_type="CPU", device_index=0)):
            out["device_op"] = tf.constant(1.0).op.device
    sp = tf.SparseTensor([[0, 0]], [1.0], [2, 2])
    out["sparse"] = [
        tf.convert_to_tensor_or_sparse_tensor(sp) is sp,
        tf.convert_to_tensor_or_sparse_tensor([1, 2]).name,
        tf.convert_to_tensor_or_sparse_tensor(
            tf.SparseTensorValue([[0, 0]], [1.0], [2, 2])).indices.name,
        _err(lambda: tf.convert_to_tensor_or_sparse_tensor(sp, tf.int32)),
        tf.convert_to_tensor_or_sparse_tensor([1.0], "float64", name="c").name,
    ]
    seen = []

    def outer(next_creator, **kwargs):
        seen.append(("outer", kwargs.get("name"), sorted(k for k in kwargs)))
        kwargs["name"] = "renamed"
        return next_creator(**kwargs)

    def inner(next_creator, **kwargs):
        seen.append(("inner", kwargs.get("name")))
        kwargs["trainable"] = False
        return next_creator(**kwargs)

    with tf.variable_creator_scope(outer):
        with tf.variable_creator_scope(inner):
            v = tf.Variable(1.0, name="orig")
        w = tf.get_variable("gv", [2], initializer=tf.zeros_initializer())
    out["creator"] = [[list(s) if not isinstance(s, str) else s for s in seen],
                      v.name, w.name, [t.name for t in tf.trainable_variables()]]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out["values"] = sess.run([y, y2, v, w])
    return out


def cases(tf):
    with tf.Graph().as_default():
        return {"misc": misc(tf)}
