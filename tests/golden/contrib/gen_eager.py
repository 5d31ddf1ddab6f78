"""TF 1.14 goldens for tf.contrib.eager in graph mode (no enable_eager_execution): the
function-gradient helpers (gradients_function, value_and_gradients_function,
implicit_gradients, implicit_value_and_gradients: the ops each adds, with inputs, and
their values), Variable (a ResourceVariable), the eager-context constants and queries,
get_optimizer_variables and the errors TF raises in graph mode (tfe.Saver,
restore_variables_on_create, set_server_def(None), the helpers' argument errors).
Made on an Intel Xeon (recorded as "vendor"). Output: eager.json, read by
tests/test_contrib_eager.py."""
from goldenio import host_vendor


def _ops(tf):
    return [[o.name, o.type, [i.name for i in o.inputs]]
            for o in tf.get_default_graph().get_operations()]


def _built(tf, fn):
    """fn's result (the ops it added, its values run in a session, or TF's error)."""
    with tf.Graph().as_default():
        try:
            out = fn(tf)
        except Exception as e:  # noqa: BLE001 - the golden records TF's error
            return e
        flat = tf.contrib.framework.nest.flatten(out)
        tensors = [x for x in flat if isinstance(x, tf.Tensor)]
        names = [getattr(x, "name", x) for x in flat]
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            values = s.run(tensors)
        return {"ops": _ops(tf), "names": names, "values": values}


def _gf(tf):
    E = tf.contrib.eager
    return E.gradients_function(lambda x, y: x * y)(tf.constant(3.0), tf.constant(2.0))


def _gf_names(tf):
    E = tf.contrib.eager
    return E.gradients_function(lambda x, y: x * y * y, params=["y"])(3.0, 2.0)


def _gf_positions(tf):
    E = tf.contrib.eager
    return E.gradients_function(lambda x, y, z: x * y + z, params=[0, 2])(
        tf.constant([1.0, 2.0]), 4.0, tf.constant([[1.0], [2.0]]))


def _gf_same_tensor(tf):
    E = tf.contrib.eager
    return E.gradients_function(lambda x, y: x * y)(*[tf.constant(3.0)] * 2)


def _gf_dy(tf):
    E = tf.contrib.eager
    return E.gradients_function(lambda x: [x * x, x + 1.0])(
        tf.constant([1.0, 2.0]), dy=[tf.constant([1.0, 1.0]), tf.constant([2.0, 3.0])])


def _vgf(tf):
    E = tf.contrib.eager
    return E.value_and_gradients_function(lambda x: tf.square(x))(tf.constant(3.0))


def _ig(tf):
    E = tf.contrib.eager
    return E.implicit_gradients(lambda: tf.square(E.Variable(2.0, name="w")))()


def _ivg(tf):
    E = tf.contrib.eager
    w = E.Variable(2.0, name="w")
    u = E.Variable([5.0, 1.0], name="u")
    return E.implicit_value_and_gradients(lambda a: tf.reduce_sum(a * u * w))(3.0)


def _variable(tf):
    v = tf.contrib.eager.Variable([1.0, 2.0], name="v")
    return [type(v).__name__, v.name, v + 1.0]


def _optimizer_variables(tf):
    v = tf.contrib.eager.Variable([1.0, 2.0], name="v")
    opt = tf.train.AdamOptimizer(0.1)
    opt.minimize(tf.reduce_sum(v * v))
    return sorted(x.name for x in tf.contrib.eager.get_optimizer_variables(opt))


def _error(fn):
    def case(tf):
        with tf.Graph().as_default():
            try:
                fn(tf.contrib.eager, tf)
            except Exception as e:  # noqa: BLE001 - the golden records TF's error
                return e
        return "no error"
    return case


def _enter(cm):
    with cm:
        pass


ERRORS = {
    "saver": lambda E, tf: E.Saver([E.Variable(1.0)]),
    "restore_variables_on_create": lambda E, tf: _enter(
        E.restore_variables_on_create("/nonexistent/ckpt")),
    "set_server_def_none": lambda E, tf: E.set_server_def(None),
    "gf_keyword": lambda E, tf: E.gradients_function(lambda x: x)(1.0, z=1),
    "gf_returns_none": lambda E, tf: E.gradients_function(lambda x: None)(1.0),
    "gf_mixed_params": lambda E, tf: E.gradients_function(lambda x: x, params=[0, "x"])(1.0),
    "ig_no_variables": lambda E, tf: E.implicit_gradients(lambda: tf.constant(2.0))(),
    "ig_ref_variable": lambda E, tf: E.implicit_gradients(lambda: tf.Variable(2.0) * 2.0)(),
    "ivg_returns_none": lambda E, tf: E.implicit_value_and_gradients(lambda: None)(),
}


def cases(tf):
    E = tf.contrib.eager
    out = {"vendor": host_vendor(),
           "constants": [E.SYNC, E.ASYNC, E.DEVICE_PLACEMENT_EXPLICIT,
                         E.DEVICE_PLACEMENT_WARN, E.DEVICE_PLACEMENT_SILENT],
           "queries": [E.executing_eagerly(), E.in_eager_mode(), E.num_gpus()],
           "aliases": [E.Checkpoint is tf.train.Checkpoint, E.GradientTape is tf.GradientTape,
                       E.TensorSpec is tf.TensorSpec, E.custom_gradient is tf.custom_gradient,
                       E.function is tf.function, E.py_func is tf.py_function,
                       E.executing_eagerly is tf.executing_eagerly,
                       E.in_eager_mode is tf.executing_eagerly,
                       E.enable_eager_execution is tf.enable_eager_execution]}
    for name, fn in [("gradients_function", _gf), ("gradients_function_names", _gf_names),
                     ("gradients_function_positions", _gf_positions),
                     ("gradients_function_same_tensor", _gf_same_tensor),
                     ("gradients_function_dy", _gf_dy),
                     ("value_and_gradients_function", _vgf),
                     ("implicit_gradients", _ig), ("implicit_value_and_gradients", _ivg),
                     ("variable", _variable)]:
        out[name] = _built(tf, fn)
    with tf.Graph().as_default():
        out["optimizer_variables"] = _optimizer_variables(tf)
    for name, fn in ERRORS.items():
        out["error/" + name] = _error(fn)(tf)
    return out
