"""The ops TF 1.14's tf.keras optimizers build in fit (graph mode), for every optimizer of
tests/golden/keras/gen_optimizers.py (dense and sparse gradients): the new ops' [name, type]
under the optimizer's scope, its gradients left out (sorted: the initializer's
VarIsInitializedOps follow a set's order in TF), the op counter's advance, and a
graph-seeded random_uniform made after fit (its seed2 is the op counter; the optimizer is
made in the graph, where TF names its scope); the optimizer's config after fit
(hyperparameters read from their variables).

    python tools/goldens.py regen keras/optimizer_ops
"""
import os

import numpy as np


def _gen(name):
    import importlib.util
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), name)
    spec = importlib.util.spec_from_file_location("_gen_optimizers", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _model(tf, sparse):
    L = tf.keras.layers
    if sparse:
        return tf.keras.Sequential([L.Embedding(6, 3, input_length=4), L.Flatten(),
                                    L.Dense(2, activation="softmax")])
    return tf.keras.Sequential([L.Dense(4, activation="tanh", input_shape=(3,)),
                                L.Dense(2, activation="softmax")])


def _one(tf, make, sparse):
    rs = np.random.RandomState(0)
    if sparse:
        x = rs.randint(0, 6, (8, 4)).astype("int32")
    else:
        x = rs.rand(8, 3).astype("float32")
    y = np.eye(2, dtype="float32")[rs.randint(0, 2, 8)]
    out = {}
    with tf.Graph().as_default() as g:
        tf.set_random_seed(1)
        with tf.Session().as_default() as sess:
            tf.keras.backend.set_session(sess)
            m = _model(tf, sparse)
            m.compile(make(), "categorical_crossentropy")
            n, last = len(g.get_operations()), g._last_id
            m.fit(x, y, batch_size=4, epochs=1, verbose=0, shuffle=False)
            # the optimizer's own ops (its variables and updates; the gradients and the
            # rest are keras/compile_ops's): names under its scope, not its gradients
            root = m.optimizer._name
            out["fit_ops"] = sorted(
                [o.name, o.type] for o in g.get_operations()[n:]
                if o.name.split("/")[0].startswith(root) and "/gradients/" not in o.name)
            out["fit_count"] = g._last_id - last
            out["random_after_fit"] = sess.run(tf.random_uniform([3]))
            try:   # TF 1.14's Ftrl.get_config raises (a misspelt method)
                config = m.optimizer.get_config()
            except AttributeError as e:
                out["config_error"] = [type(e).__name__, str(e)]
            else:
                out["config"] = {k: (v if isinstance(v, (str, bool, dict)) or v is None
                                     else float(v)) for k, v in sorted(config.items())}
    return out


def cases(tf):
    gen = _gen("gen_optimizers.py")
    out = {}
    for name, make in gen._cases(tf):
        out[name] = _one(tf, make, False)
    for name, make in gen._sparse_cases(tf):
        out[name] = _one(tf, make, True)
    return out
