"""Generates tests/golden/train/*.json with TF 1.14 (run with /tmp/tf114/bin/python)."""
import json
import sys
import numpy as np
import tensorflow as tf

OUT = sys.argv[1]
W0 = (np.arange(6, dtype=np.float32).reshape(3, 2) - 2.5) / 4
B0 = np.array([0.1, -0.2], np.float32)
X = np.array([[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0]], np.float32)
Y = np.array([[0.2, -0.1], [0.4, 0.3], [-0.5, 0.6]], np.float32)

OPTS = {
    "gd": ("GradientDescentOptimizer", dict(learning_rate=0.1)),
    "momentum": ("MomentumOptimizer", dict(learning_rate=0.1, momentum=0.9)),
    "momentum_nesterov": ("MomentumOptimizer", dict(learning_rate=0.1, momentum=0.9, use_nesterov=True)),
    "adam": ("AdamOptimizer", dict(learning_rate=0.1)),
    "adam_custom": ("AdamOptimizer", dict(learning_rate=0.05, beta1=0.8, beta2=0.99, epsilon=1e-3)),
    "adagrad": ("AdagradOptimizer", dict(learning_rate=0.1, initial_accumulator_value=0.2)),
    "rmsprop": ("RMSPropOptimizer", dict(learning_rate=0.05)),
    "rmsprop_momentum": ("RMSPropOptimizer", dict(learning_rate=0.05, decay=0.8, momentum=0.5, epsilon=1e-6)),
    "rmsprop_centered": ("RMSPropOptimizer", dict(learning_rate=0.05, momentum=0.5, centered=True, epsilon=1e-6)),
    "adadelta": ("AdadeltaOptimizer", dict(learning_rate=1.0, rho=0.9, epsilon=1e-6)),
    "ftrl": ("FtrlOptimizer", dict(learning_rate=0.1)),
    "ftrl_l1l2": ("FtrlOptimizer", dict(learning_rate=0.1, l1_regularization_strength=0.05, l2_regularization_strength=0.1, initial_accumulator_value=0.2)),
    "ftrl_power": ("FtrlOptimizer", dict(learning_rate=0.1, learning_rate_power=-0.3, l1_regularization_strength=0.01)),
    "proximal_gd": ("ProximalGradientDescentOptimizer", dict(learning_rate=0.1)),
    "proximal_gd_l1l2": ("ProximalGradientDescentOptimizer", dict(learning_rate=0.1, l1_regularization_strength=0.05, l2_regularization_strength=0.2)),
    "proximal_adagrad": ("ProximalAdagradOptimizer", dict(learning_rate=0.1, l2_regularization_strength=0.1)),
    "proximal_adagrad_l1l2": ("ProximalAdagradOptimizer", dict(learning_rate=0.1, initial_accumulator_value=0.3, l1_regularization_strength=0.05, l2_regularization_strength=0.1)),
    "adagrad_da": ("AdagradDAOptimizer", dict(learning_rate=0.1, global_step="gs")),
    "adagrad_da_l1l2": ("AdagradDAOptimizer", dict(learning_rate=0.1, global_step="gs", initial_gradient_squared_accumulator_value=0.2, l1_regularization_strength=0.01, l2_regularization_strength=0.1)),
    "ftrl_shrinkage": ("FtrlOptimizer", dict(learning_rate=0.1, l1_regularization_strength=0.01, l2_regularization_strength=0.05, l2_shrinkage_regularization_strength=0.1)),
}


def L(a):
    return np.asarray(a).tolist()


def dense_problem(dtype):
    w = tf.Variable(W0.astype(dtype), name="w")
    b = tf.Variable(B0.astype(dtype), name="b")
    loss = tf.reduce_sum(tf.square(tf.tanh(w * X.astype(dtype) + b) - Y.astype(dtype)))
    return [w, b], loss


def sparse_problem(dtype):
    emb = tf.Variable(W0.reshape(6, 1).repeat(2, 1).astype(dtype) + np.arange(2, dtype=dtype), name="emb")
    ids = tf.constant([0, 2, 2, 5, 3], tf.int32)
    rows = tf.gather(emb, ids)
    c = np.linspace(-1, 1, 10).reshape(5, 2).astype(dtype)
    loss = tf.reduce_sum(tf.square(tf.tanh(rows * c) - 0.3))
    return [emb], loss


def run(problem, key, dtype=np.float32, steps=5):
    tf.reset_default_graph()
    cls, kw = OPTS[key]
    vars_, loss = problem(dtype)
    gs = tf.train.get_or_create_global_step()
    opt = getattr(tf.train, cls)(**{k: (gs if v == "gs" else v) for k, v in kw.items()})
    train = opt.minimize(loss, global_step=gs)
    rec = {"optimizer": cls, "kwargs": kw, "dtype": np.dtype(dtype).name,
           "slot_names": opt.get_slot_names(),
           "variables": [v.name for v in opt.variables()],
           "global_variables": [v.name for v in tf.global_variables()],
           "train_op": train.name, "train_op_type": train.type,
           "update_op_types": sorted(set(op.type for op in tf.get_default_graph().get_operations()
                                         if op.name.startswith(train.name + "/update_"))),
           "steps": []}
    slots = {(v.op.name, s): opt.get_slot(v, s) for v in vars_ for s in opt.get_slot_names()}
    rec["slots"] = {f"{k[0]}|{k[1]}": s.op.name for k, s in slots.items()}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        fetch = {v.op.name: v for v in vars_}
        fetch.update({f"{k[0]}|{k[1]}": s for k, s in slots.items()})
        for nv in opt._non_slot_variables():
            fetch[nv.op.name] = nv
        fetch["loss"] = loss
        rec["initial"] = {k: L(v) for k, v in sess.run(fetch).items()}
        for _ in range(steps):
            sess.run(train)
            f = dict(fetch); del f["loss"]; f["global_step"] = gs
            rec["steps"].append({k: L(v) for k, v in sess.run(f).items()})
    return rec


dense = {k: run(dense_problem, k) for k in OPTS}
dense["adam_float64"] = run(dense_problem, "adam", np.float64)
dense["momentum_float64"] = run(dense_problem, "momentum_nesterov", np.float64)
dense["rmsprop_centered_float64"] = run(dense_problem, "rmsprop_centered", np.float64)
dense["ftrl_shrinkage_float64"] = run(dense_problem, "ftrl_shrinkage", np.float64)
for k in ("adam", "momentum_nesterov", "rmsprop_centered", "adagrad", "gd"):
    dense[k + "_float16"] = run(dense_problem, k, np.float16)
json.dump({"W0": L(W0), "B0": L(B0), "X": L(X), "Y": L(Y), "runs": dense},
          open(f"{OUT}/optimizers_dense.json", "w"), indent=0)

sparse = {k: run(sparse_problem, k) for k in OPTS}
json.dump({"runs": sparse}, open(f"{OUT}/optimizers_sparse.json", "w"), indent=0)



def scalar_problem(dtype):
    s = tf.Variable(np.array(1.5, dtype), name="s")
    loss = tf.square(s) + tf.tanh(s * 3.0)
    return [s], loss


scalar = {k: run(scalar_problem, k) for k in OPTS}
json.dump({"runs": scalar}, open(f"{OUT}/optimizers_scalar.json", "w"), indent=0)

# -- schedules ------------------------------------------------------------------------
tf.reset_default_graph()
step = tf.placeholder(tf.int64, [])
steps = [0, 1, 3, 5, 7, 10, 12, 25, 40, 100]
sched = {
    "exponential": tf.train.exponential_decay(0.1, step, 10, 0.5),
    "exponential_staircase": tf.train.exponential_decay(0.1, step, 10, 0.5, staircase=True),
    "piecewise": tf.train.piecewise_constant(step, [5, 10, 25], [1.0, 0.5, 0.1, 0.01]),
    "polynomial": tf.train.polynomial_decay(0.1, step, 20, 0.001),
    "polynomial_power": tf.train.polynomial_decay(0.1, step, 20, 0.001, power=2.0),
    "polynomial_cycle": tf.train.polynomial_decay(0.1, step, 8, 0.01, power=0.5, cycle=True),
    "cosine": tf.train.cosine_decay(0.1, step, 30),
    "cosine_alpha": tf.train.cosine_decay(0.1, step, 30, alpha=0.2),
    "inverse_time": tf.train.inverse_time_decay(0.1, step, 10, 0.5),
    "inverse_time_staircase": tf.train.inverse_time_decay(0.1, step, 10, 0.5, staircase=True),
    "natural_exp": tf.train.natural_exp_decay(0.1, step, 10, 0.5),
    "natural_exp_staircase": tf.train.natural_exp_decay(0.1, step, 10, 0.5, staircase=True),
    "cosine_restarts": tf.train.cosine_decay_restarts(0.1, step, 4),
    "cosine_restarts_mul": tf.train.cosine_decay_restarts(0.1, step, 3, t_mul=1.0, m_mul=0.5, alpha=0.1),
    "cosine_restarts_tmul": tf.train.cosine_decay_restarts(0.1, step, 3, t_mul=1.5, m_mul=0.8),
    "linear_cosine": tf.train.linear_cosine_decay(0.1, step, 30),
    "linear_cosine_args": tf.train.linear_cosine_decay(0.1, step, 30, num_periods=2.0, alpha=0.1, beta=0.01),
    "noisy_linear_cosine_no_noise": tf.train.noisy_linear_cosine_decay(0.1, step, 30, initial_variance=0.0, num_periods=2.0, alpha=0.1, beta=0.01),
}
out = {"steps": steps, "values": {}, "dtypes": {k: v.dtype.name for k, v in sched.items()}}
with tf.Session() as sess:
    for k, t in sched.items():
        out["values"][k] = [float(sess.run(t, {step: s})) for s in steps]
tf.reset_default_graph()
s32 = tf.placeholder(tf.int32, [])
t = tf.train.piecewise_constant(s32, [5, 10], [1, 2, 3])
with tf.Session() as sess:
    out["piecewise_int"] = [int(sess.run(t, {s32: s})) for s in steps]
tf.reset_default_graph()
t = tf.train.exponential_decay(tf.constant(0.1, tf.float64), tf.constant(7), 10, 0.5)
with tf.Session() as sess:
    out["exponential_float64"] = float(sess.run(t))
    out["exponential_float64_dtype"] = t.dtype.name
json.dump(out, open(f"{OUT}/schedules.json", "w"), indent=0)

# -- moving averages ------------------------------------------------------------------
ema_out = {}
for label, kw in [("plain", dict(decay=0.9)), ("num_updates", dict(decay=0.99, num_updates="gs")),
                  ("zero_debias", dict(decay=0.8, zero_debias=True))]:
    tf.reset_default_graph()
    gs = tf.train.get_or_create_global_step()
    v = tf.Variable([1.0, 2.0], name="v")
    u = tf.Variable(3.0, name="u")
    t = tf.identity(v * 2.0, name="t")
    if kw.get("num_updates") == "gs":
        kw = dict(kw, num_updates=gs)
    ema = tf.train.ExponentialMovingAverage(**kw)
    upd = ema.apply([v, u, t])
    new_v = tf.placeholder(tf.float32, [2]); new_u = tf.placeholder(tf.float32, [])
    assign = tf.group(tf.assign(v, new_v), tf.assign(u, new_u), tf.assign_add(gs, 1))
    rec = {"names": {x.op.name: ema.average(x).op.name for x in (v, u)},
           "average_name_t": ema.average_name(t), "t_avg": ema.average(t).op.name,
           "global_variables": [x.name for x in tf.global_variables()],
           "moving_average_variables": [x.name for x in tf.moving_average_variables()],
           "restore": sorted(ema.variables_to_restore().keys()), "update_op": upd.name,
           "steps": []}
    vals = [([0.5, -1.0], 4.0), ([2.0, 2.5], 1.0), ([-1.0, 0.0], 0.0), ([3.0, 1.0], 2.5)]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        rec["initial"] = [L(x) for x in sess.run([ema.average(v), ema.average(u), ema.average(t)])]
        for nv, nu in vals:
            sess.run(assign, {new_v: nv, new_u: nu})
            sess.run(upd)
            rec["steps"].append([L(x) for x in sess.run([ema.average(v), ema.average(u), ema.average(t)])])
    rec["values"] = vals
    ema_out[label] = rec
tf.reset_default_graph()
ema = tf.train.ExponentialMovingAverage(0.5, name="foo")
v = tf.Variable(1.0, name="scope/v")
ema_out["average_name_before_apply"] = ema.average_name(v)
json.dump(ema_out, open(f"{OUT}/moving_averages.json", "w"), indent=0)
print("done")

# -- raw sparse ops with duplicate indices (TF applies rows one after another) -------------
from tensorflow.python.training import training_ops as T
rng = np.random.RandomState(7)
V0 = rng.randn(4, 2).astype(np.float32)
SL = [np.abs(rng.randn(4, 2)).astype(np.float32) + 0.5 for _ in range(3)]
G = rng.randn(5, 2).astype(np.float32)
IDX = [1, 3, 1, 0, 1]
RAW = {
    "SparseApplyMomentum": (1, lambda v, s: T.sparse_apply_momentum(v, s[0], 0.1, G, IDX, 0.9)),
    "SparseApplyMomentumNesterov": (1, lambda v, s: T.sparse_apply_momentum(v, s[0], 0.1, G, IDX, 0.9, use_nesterov=True)),
    "SparseApplyAdagrad": (1, lambda v, s: T.sparse_apply_adagrad(v, s[0], 0.1, G, IDX)),
    "SparseApplyRMSProp": (2, lambda v, s: T.sparse_apply_rms_prop(v, s[0], s[1], 0.1, 0.9, 0.5, 1e-6, G, IDX)),
    "SparseApplyCenteredRMSProp": (3, lambda v, s: T.sparse_apply_centered_rms_prop(v, s[2], s[0], s[1], 0.1, 0.9, 0.5, 1.0, G, IDX)),
    "SparseApplyAdadelta": (2, lambda v, s: T.sparse_apply_adadelta(v, s[0], s[1], 1.0, 0.9, 1e-6, G, IDX)),
    "SparseApplyFtrl": (2, lambda v, s: T.sparse_apply_ftrl(v, s[0], s[1], G, IDX, 0.1, 0.01, 0.1, -0.5)),
    "SparseApplyFtrlV2": (2, lambda v, s: T.sparse_apply_ftrl_v2(v, s[0], s[1], G, IDX, 0.1, 0.01, 0.1, 0.05, -0.5)),
    "SparseApplyProximalGradientDescent": (0, lambda v, s: T.sparse_apply_proximal_gradient_descent(v, 0.1, 0.01, 0.1, G, IDX)),
    "SparseApplyProximalAdagrad": (1, lambda v, s: T.sparse_apply_proximal_adagrad(v, s[0], 0.1, 0.01, 0.1, G, IDX)),
    "SparseApplyAdagradDA": (2, lambda v, s: T.sparse_apply_adagrad_da(v, s[0], s[1], G, IDX, 0.1, 0.01, 0.1, tf.constant(3, tf.int64))),
}
raw = {"V0": L(V0), "slots0": [L(x) for x in SL], "G": L(G), "IDX": IDX, "ops": {}}
for k, (n, f) in RAW.items():
    tf.reset_default_graph()
    v = tf.Variable(V0, name="var")
    s = [tf.Variable(SL[i], name=f"slot{i}") for i in range(3)]
    op = f(v, s)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(op)
        raw["ops"][k] = {"var": L(sess.run(v)), "slots": [L(sess.run(x)) for x in s[:max(n, 0)]] if n else []}
json.dump(raw, open(f"{OUT}/sparse_raw_ops.json", "w"), indent=0)
print("raw done")
