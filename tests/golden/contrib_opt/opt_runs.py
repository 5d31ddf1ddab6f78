"""Shared by gen_optimizers.py (under TF 1.14) and tests/test_contrib_opt.py (flowgrad):
small problems trained a few steps by each tf.contrib.opt optimizer, recording the graph's
op names and types, slot and variable names, and every value after each step."""
import numpy as np

W0 = (np.arange(6, dtype=np.float32).reshape(3, 2) - 2.5) / 4
B0 = np.array([0.1, -0.2], np.float32)
X = np.array([[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0]], np.float32)
Y = np.array([[0.2, -0.1], [0.4, 0.3], [-0.5, 0.6]], np.float32)


def L(a):
    return np.asarray(a).tolist()


def dense_problem(tf, dtype, use_resource):
    w = tf.get_variable("w", initializer=W0.astype(dtype), use_resource=use_resource)
    b = tf.get_variable("b", initializer=B0.astype(dtype), use_resource=use_resource)
    loss = tf.reduce_sum(tf.square(tf.tanh(w * X.astype(dtype) + b) - Y.astype(dtype)))
    return [w, b], loss


def sparse_problem(tf, dtype, use_resource):
    init = W0.reshape(6, 1).repeat(2, 1).astype(dtype) + np.arange(2, dtype=dtype)
    emb = tf.get_variable("emb", initializer=init, use_resource=use_resource)
    ids = tf.constant([0, 2, 2, 5, 3], tf.int32)
    rows = tf.gather(emb, ids)
    c = np.linspace(-1, 1, 10).reshape(5, 2).astype(dtype)
    loss = tf.reduce_sum(tf.square(tf.tanh(rows * c) - 0.3))
    return [emb], loss


def _minimize(opt, loss, gs):
    return opt.minimize(loss, global_step=gs), opt


def _simple(name, *args, **kw):
    def make(tf, vars_, loss, gs):
        return _minimize(getattr(tf.contrib.opt, name)(*args, **kw), loss, gs)
    return make


def _decayed(name, decay, **kw):
    def make(tf, vars_, loss, gs):
        opt = getattr(tf.contrib.opt, name)(sign_decay_fn=make_decay(tf, decay), **kw)
        return _minimize(opt, loss, gs)
    return make


def _adamw_list(tf, vars_, loss, gs):
    opt = tf.contrib.opt.AdamWOptimizer(0.05, learning_rate=0.1)
    return opt.minimize(loss, global_step=gs, decay_var_list=vars_[:1]), opt


def _extended(base, *args, **kw):
    def make(tf, vars_, loss, gs):
        cls = tf.contrib.opt.extend_with_decoupled_weight_decay(getattr(tf.train, base))
        return _minimize(cls(0.02, *args, **kw), loss, gs)
    return make


def _reg_adagrad(tf, vars_, loss, gs):
    opt = tf.contrib.opt.RegAdagradOptimizer(0.1)
    update = opt.minimize(loss)
    with opt.avoid_updating_slots(), tf.control_dependencies([update]):
        reg = opt.minimize(0.1 * tf.add_n([tf.reduce_sum(v * v) for v in vars_]),
                           global_step=gs)
    return reg, opt


def _var_clip(tf, vars_, loss, gs):
    opt = tf.contrib.opt.VariableClippingOptimizer(
        tf.train.GradientDescentOptimizer(0.5), {vars_[0]: [1]}, 0.6)
    return opt.minimize(loss, global_step=gs), opt


def _var_clip0(tf, vars_, loss, gs):
    opt = tf.contrib.opt.VariableClippingOptimizer(
        tf.train.MomentumOptimizer(0.5, 0.5), {vars_[0]: [0]}, 0.9,
        colocate_clip_ops_with_vars=True)
    return opt.minimize(loss, global_step=gs), opt


def _multitask(tf, vars_, loss, gs):
    opt = tf.contrib.opt.MultitaskOptimizerWrapper(tf.train.MomentumOptimizer(0.1, 0.9))
    # the second variable's gradient is all zeros on odd steps
    mask = tf.cast(tf.equal(tf.mod(gs, 2), 0), vars_[0].dtype)
    loss = loss + mask * tf.reduce_sum(tf.square(vars_[-1]))
    gv = opt.compute_gradients(loss)
    gv, norm = tf.contrib.opt.clip_gradients_by_global_norm(gv, 1.5)
    return opt.apply_gradients(gv, global_step=gs), opt


def _multitask_plain(tf, vars_, loss, gs):
    opt = tf.contrib.opt.MultitaskOptimizerWrapper(tf.train.AdamOptimizer(0.1))
    mask = tf.cast(tf.equal(tf.mod(gs, 2), 0), vars_[0].dtype)
    return opt.minimize(loss * mask, global_step=gs), opt


def _drop_stale(tf, vars_, loss, gs):
    opt = tf.contrib.opt.DropStaleGradientOptimizer(tf.train.GradientDescentOptimizer(0.1), 0)
    return opt.minimize(loss, global_step=gs), opt


def _gs_opt(name, **kw):
    def make(tf, vars_, loss, gs):
        return _minimize(getattr(tf.contrib.opt, name)(global_step=gs, **kw), loss, gs)
    return make


OPTS = {
    "lazy_adam": _simple("LazyAdamOptimizer", 0.1),
    "adam_gs": _gs_opt("AdamGSOptimizer", learning_rate=0.1),
    "lazy_adam_gs": _gs_opt("LazyAdamGSOptimizer", learning_rate=0.1, beta1=0.8),
    "nadam": _simple("NadamOptimizer", 0.1, beta1=0.8),
    "adamax": _simple("AdaMaxOptimizer", 0.1),
    "adamax_custom": _simple("AdaMaxOptimizer", 0.05, beta1=0.7, beta2=0.9, epsilon=1e-3),
    "addsign": _simple("AddSignOptimizer", 0.1),
    "addsign_alpha": _simple("AddSignOptimizer", 0.05, alpha=0.5, beta=0.5),
    "addsign_linear": _decayed("AddSignOptimizer", "linear"),
    "powersign_cosine": _decayed("PowerSignOptimizer", "cosine_zero", learning_rate=0.05),
    "powersign": _simple("PowerSignOptimizer", 0.1),
    "powersign_base": _simple("PowerSignOptimizer", 0.05, base=2.0, beta=0.5),
    "adamw": _simple("AdamWOptimizer", 0.05, learning_rate=0.1),
    "adamw_list": _adamw_list,
    "momentumw": _simple("MomentumWOptimizer", 0.05, 0.1, 0.9, use_nesterov=True),
    "gdw": _extended("GradientDescentOptimizer", learning_rate=0.2),
    "adagradw": _extended("AdagradOptimizer", learning_rate=0.1),
    "lars": _simple("LARSOptimizer", 0.5, eeta=0.1),
    "lars_skip": _simple("LARSOptimizer", 0.5, momentum=0.5, weight_decay=0.01, eeta=0.1,
                         epsilon=1e-3, skip_list=["b"], use_nesterov=True),
    "reg_adagrad": _reg_adagrad,
    "var_clip": _var_clip,
    "var_clip0": _var_clip0,
    "multitask": _multitask,
    "multitask_plain": _multitask_plain,
    "drop_stale": _drop_stale,
}

SIGN_DECAYS = ["linear", "cosine", "cosine_zero", "restart", "restart_zero"]


def run(tf, problem, key, dtype=np.float32, use_resource=False, steps=4):
    """Trains `problem` with OPTS[key] for `steps` steps; names and every value as lists."""
    tf.reset_default_graph()
    vars_, loss = problem(tf, dtype, use_resource)
    gs = tf.train.get_or_create_global_step()
    try:
        # The decoupled weight decays read and write the variables with no ordering against
        # the forward pass (a race in TF too): the updates wait for the loss here.
        with tf.control_dependencies([loss]):
            train, opt = OPTS[key](tf, vars_, loss, gs)
    except (NotImplementedError, ValueError, TypeError) as e:
        return e
    graph = tf.get_default_graph()
    rec = {"slot_names": opt.get_slot_names(),
           "global_variables": [v.name for v in tf.global_variables()],
           "train_op": train.name, "train_op_type": getattr(train, "op", train).type,
           "ops": [op.name + ":" + op.type for op in graph.get_operations()],
           "steps": []}
    slots = {(v.op.name, s): opt.get_slot(v, s) for v in vars_ for s in opt.get_slot_names()}
    rec["slots"] = {"%s|%s" % k: s.op.name for k, s in slots.items()}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        fetch = {v.op.name: v for v in tf.global_variables()}
        rec["initial"] = {k: L(v) for k, v in sess.run(fetch).items()}
        for _ in range(steps):
            sess.run(train)
            rec["steps"].append({k: L(v) for k, v in sess.run(fetch).items()})
    return rec


def sign_decays(tf):
    """Each sign-decay function of tf.contrib.opt at steps 0..7: values and op names."""
    out = {}
    for key in SIGN_DECAYS:
        tf.reset_default_graph()
        step = tf.placeholder(tf.int64, [])
        fn = make_decay(tf, key)
        d = fn(step)
        ops = [op.name + ":" + op.type for op in tf.get_default_graph().get_operations()]
        with tf.Session() as sess:
            vals = [float(sess.run(d, {step: i})) for i in range(8)]
        out[key] = {"values": vals, "ops": ops}
    return out


def make_decay(tf, key):
    sd = sign_decay_module(tf)
    return {"linear": lambda: sd.get_linear_decay_fn(5),
            "cosine": lambda: sd.get_cosine_decay_fn(6),
            "cosine_zero": lambda: sd.get_cosine_decay_fn(6, num_periods=1.5, zero_after=1),
            "restart": lambda: sd.get_restart_decay_fn(4, num_periods=2),
            "restart_zero": lambda: sd.get_restart_decay_fn(6, num_periods=2, zero_after=1),
            }[key]()


def sign_decay_module(tf):
    """TF 1.14 keeps the sign decays in contrib/opt/python/training/sign_decay.py (not
    exported by tf.contrib.opt); flowgrad in flowgrad.contrib.opt.sign_optimizers."""
    import importlib
    for name in ("tensorflow.contrib.opt.python.training.sign_decay",
                 "flowgrad.contrib.opt.sign_optimizers"):
        if tf.__name__.split(".")[0] == name.split(".")[0]:
            return importlib.import_module(name)
    raise ImportError(tf.__name__)


def moving_average(tf, num_updates=False):
    """MovingAverageOptimizer(GradientDescent) for 3 steps: op names, variables, values, and
    the swapping saver's checkpoint. (sequential_update=False races the averages against
    the updates, in TF too.)"""
    import os
    import tempfile
    tf.reset_default_graph()
    vars_, loss = dense_problem(tf, np.float32, False)
    gs = tf.train.get_or_create_global_step()
    opt = tf.contrib.opt.MovingAverageOptimizer(
        tf.train.GradientDescentOptimizer(0.5), average_decay=0.5,
        num_updates=gs if num_updates else None)
    with tf.control_dependencies([loss]):
        train = opt.minimize(loss, global_step=gs)
    rec = {"train_op": train.name, "ops": [o.name + ":" + o.type
                                           for o in tf.get_default_graph().get_operations()],
           "global_variables": [v.name for v in tf.global_variables()]}
    saver = opt.swapping_saver()
    rec["saver_ops"] = sorted(o.name for o in tf.get_default_graph().get_operations()
                              if o.name.startswith("swapping_saver"))[:12]
    path = os.path.join(tempfile.mkdtemp(), "m.ckpt")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        steps = []
        for _ in range(3):
            sess.run(train)
            steps.append(sess.run({v.op.name: v for v in tf.global_variables()}))
        rec["steps"] = [{k: L(v) for k, v in s.items()} for s in steps]
        saver.save(sess, path)
    rec["checkpoint"] = {k: L(tf.train.load_variable(path, k))
                         for k, _ in tf.train.list_variables(path)}
    tf.reset_default_graph()
    try:
        tf.contrib.opt.MovingAverageOptimizer(
            tf.train.GradientDescentOptimizer(0.5)).swapping_saver()
    except RuntimeError as e:
        rec["error"] = str(e)
    return rec


def external(tf):
    """ScipyOptimizerInterface's graph (the packing ops) and its errors before SciPy runs."""
    tf.reset_default_graph()
    vars_, loss = dense_problem(tf, np.float32, False)
    opt = tf.contrib.opt.ScipyOptimizerInterface(
        loss, var_to_bounds={vars_[0]: (-1.0, 1.0)}, inequalities=[vars_[1][0]],
        equalities=[tf.reduce_sum(vars_[0])], options={"maxiter": 5})
    rec = {"ops": [o.name + ":" + o.type for o in tf.get_default_graph().get_operations()],
           "bounds": [list(b) for b in opt._packed_bounds],
           "slices": [[s.start, s.stop] for s in opt._packing_slices]}
    errors = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for kw in ({"jac": False}, {"bounds": []}, {"callback": None}):
            try:
                tf.contrib.opt.ScipyOptimizerInterface(loss, **kw).minimize(sess)
                errors.append("ok")
            except ValueError as e:
                errors.append(str(e))
        try:
            tf.contrib.opt.ExternalOptimizerInterface(loss).minimize(sess)
        except NotImplementedError as e:
            errors.append(str(e))
    rec["errors"] = errors
    return rec
