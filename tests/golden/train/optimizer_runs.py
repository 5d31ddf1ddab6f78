"""Shared by gen_optimizers_*.py: a small fixed problem trained 5 steps by each optimizer
of OPTS under TF 1.14, recording names, slots and every value (as nested lists)."""
import numpy as np

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


def dense_problem(tf, dtype):
    w = tf.Variable(W0.astype(dtype), name="w")
    b = tf.Variable(B0.astype(dtype), name="b")
    loss = tf.reduce_sum(tf.square(tf.tanh(w * X.astype(dtype) + b) - Y.astype(dtype)))
    return [w, b], loss


def sparse_problem(tf, dtype):
    emb = tf.Variable(W0.reshape(6, 1).repeat(2, 1).astype(dtype) + np.arange(2, dtype=dtype), name="emb")
    ids = tf.constant([0, 2, 2, 5, 3], tf.int32)
    rows = tf.gather(emb, ids)
    c = np.linspace(-1, 1, 10).reshape(5, 2).astype(dtype)
    loss = tf.reduce_sum(tf.square(tf.tanh(rows * c) - 0.3))
    return [emb], loss


def run(tf, problem, key, dtype=np.float32, steps=5):
    """Trains `problem` with optimizer OPTS[key] for `steps` steps; every value as lists."""
    tf.reset_default_graph()
    cls, kw = OPTS[key]
    vars_, loss = problem(tf, dtype)
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
            f = dict(fetch)
            del f["loss"]
            f["global_step"] = gs
            rec["steps"].append({k: L(v) for k, v in sess.run(f).items()})
    return rec



def scalar_problem(tf, dtype):
    s = tf.Variable(np.array(1.5, dtype), name="s")
    loss = tf.square(s) + tf.tanh(s * 3.0)
    return [s], loss
