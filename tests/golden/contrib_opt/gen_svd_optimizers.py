"""tf.contrib.opt's GGTOptimizer and ShampooOptimizer and tf.contrib.optimizer_v2's
optimizers under TF 1.14: a seeded regression (dense gradients) and an embedding lookup
(IndexedSlices gradients, reference and resource variables) trained a few steps; every op
(name, type), the slot and global variable names, the losses and the variables after each
step, bit for bit. GGT and Shampoo go through the Svd op (Eigen's JacobiSVD: every matrix
here has fewer than 16 columns), Sqrt, Pow and MatMul (Shampoo's use_iterative_root through
Newton iterations in tf.while_loops); the Adam/RMSProp kinds through
float32 Sqrt/Rsqrt packets, so the values hold this host's RSQRTPS table: the generator
records the vendor and tests/test_contrib_opt_svd.py runs flowgrad with FLOWGRAD_CPU=intel.
"""
import numpy as np
from goldenio import host_vendor

STEPS = 4


def dense_problem(tf, seed, use_resource):
    rs = np.random.RandomState(seed)
    x = rs.randn(10, 4).astype(np.float32)
    y = rs.randn(10, 3).astype(np.float32)
    w = tf.get_variable("w", [4, 3], initializer=tf.random_normal_initializer(seed=seed),
                        use_resource=use_resource)
    b = tf.get_variable("b", [3], initializer=tf.zeros_initializer(),
                        use_resource=use_resource)
    return tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))


def sparse_problem(tf, seed, use_resource):
    rs = np.random.RandomState(seed)
    emb = tf.get_variable("emb", [6, 3], initializer=tf.random_normal_initializer(seed=seed),
                          use_resource=use_resource)
    rows = tf.gather(emb, tf.constant([0, 2, 2, 5, 3]))
    c = rs.randn(5, 3).astype(np.float32)
    return tf.reduce_sum(tf.square(tf.tanh(rows * c) - 0.3))


def _gs(tf):
    return tf.train.get_or_create_global_step()


OPTS = {
    "ggt_w3": lambda tf: tf.contrib.opt.GGTOptimizer(0.05, window=3),
    "ggt_default": lambda tf: tf.contrib.opt.GGTOptimizer(0.1),
    "ggt_callable_lr": lambda tf: tf.contrib.opt.GGTOptimizer(lambda: 0.02, beta1=0.5,
                                                              window=2, eps=0.5),
    "shampoo": lambda tf: tf.contrib.opt.ShampooOptimizer(global_step=_gs(tf),
                                                          learning_rate=0.1),
    "shampoo_svd2": lambda tf: tf.contrib.opt.ShampooOptimizer(
        global_step=_gs(tf), learning_rate=0.1, svd_interval=2, precond_update_interval=1),
    "shampoo_mom": lambda tf: tf.contrib.opt.ShampooOptimizer(
        global_step=_gs(tf), learning_rate=0.05, gbar_decay=0.9, gbar_weight=0.1,
        mat_gbar_decay=0.5, mat_gbar_weight=0.5, svd_interval=3, precond_update_interval=2,
        epsilon=1e-3, alpha=0.25),
    "shampoo_diag": lambda tf: tf.contrib.opt.ShampooOptimizer(
        global_step=_gs(tf), max_matrix_size=3, learning_rate=0.1),
    "shampoo_iter": lambda tf: tf.contrib.opt.ShampooOptimizer(
        global_step=_gs(tf), learning_rate=0.1, use_iterative_root=True),
    "shampoo_iter_svd2": lambda tf: tf.contrib.opt.ShampooOptimizer(
        global_step=_gs(tf), learning_rate=0.1, svd_interval=2, alpha=0.25,
        use_iterative_root=True),
    "v2_gd": lambda tf: tf.contrib.optimizer_v2.GradientDescentOptimizer(0.1),
    "v2_momentum": lambda tf: tf.contrib.optimizer_v2.MomentumOptimizer(0.1, 0.9,
                                                                       use_nesterov=True),
    "v2_adam": lambda tf: tf.contrib.optimizer_v2.AdamOptimizer(0.1),
    "v2_adagrad": lambda tf: tf.contrib.optimizer_v2.AdagradOptimizer(0.2),
    "v2_adadelta": lambda tf: tf.contrib.optimizer_v2.AdadeltaOptimizer(1.0),
    "v2_rmsprop": lambda tf: tf.contrib.optimizer_v2.RMSPropOptimizer(0.05, momentum=0.5),
    "v2_rmsprop_c": lambda tf: tf.contrib.optimizer_v2.RMSPropOptimizer(0.05, centered=True),
}
PROBLEMS = {"dense": (dense_problem, False), "dense_resource": (dense_problem, True),
            "sparse": (sparse_problem, False), "sparse_resource": (sparse_problem, True)}
SEEDS = (3, 11)


def run(tf, problem, key, seed):
    """Trains PROBLEMS[problem] with OPTS[key]: ops (for the first seed: the graph is the
    same for each), names, losses and variables per step (or the error TF raises)."""
    tf.reset_default_graph()
    build, use_resource = PROBLEMS[problem]
    tf.set_random_seed(seed)
    loss = build(tf, seed, use_resource)
    gs = tf.train.get_or_create_global_step()
    opt = OPTS[key](tf)
    try:
        train = opt.minimize(loss, global_step=gs)
    except (TypeError, ValueError, NotImplementedError) as e:
        return {"error": "%s: %s" % (type(e).__name__, e)}
    g = tf.get_default_graph()
    out = {"ops": [[op.name, op.type] for op in g.get_operations()] if seed == SEEDS[0]
           else None,
           "train_op": [train.name, train.type],
           "global_variables": [v.name for v in tf.global_variables()],
           "slot_names": opt.get_slot_names(), "losses": [], "steps": []}
    trained = tf.trainable_variables()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(STEPS):
            out["losses"].append(sess.run([loss, train])[0])
            out["steps"].append(sess.run(trained))
        out["global_step"] = int(sess.run(gs))
    return out


def errors(tf):
    """TF's errors: OptimizerV2's rules, Adagrad's accumulator, empty or gradient-less
    apply_gradients."""
    out = []

    def catch(fn):
        try:
            fn()
            out.append(None)
        except Exception as e:  # noqa: BLE001 - the class and message are the case
            out.append("%s: %s" % (type(e).__name__, e))

    class Slots(tf.contrib.optimizer_v2.OptimizerV2):
        def _create_slots(self, var_list):
            pass

    tf.reset_default_graph()
    v = tf.Variable(1.0, name="v")
    catch(lambda: Slots(False, "S"))
    catch(lambda: tf.contrib.optimizer_v2.GradientDescentOptimizer(0.1, name=""))
    catch(lambda: tf.contrib.optimizer_v2.AdagradOptimizer(0.1, initial_accumulator_value=0.0))
    catch(lambda: tf.contrib.optimizer_v2.AdamOptimizer(0.1).apply_gradients([]))
    catch(lambda: tf.contrib.optimizer_v2.AdamOptimizer(0.1).apply_gradients([(None, v)]))
    catch(lambda: tf.contrib.opt.GGTOptimizer().minimize(tf.constant(1.0), var_list=[v]))
    opt = tf.contrib.optimizer_v2.AdamOptimizer(0.1)
    catch(lambda: opt.minimize(v * v, stop_gradients=[v]))
    out.append([opt.get_slot_names(), [x.name for x in opt.variables()]])
    return out


def cases(tf):
    out = {"vendor": host_vendor(), "errors": errors(tf)}
    for key in OPTS:
        for problem in PROBLEMS:
            for seed in SEEDS:
                out["%s/%s/%d" % (problem, key, seed)] = run(tf, problem, key, seed)
    return out
