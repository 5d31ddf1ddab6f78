"""tf.contrib.gan.features (TF 1.14 contrib/gan/python/features): virtual batch norm,
conditioning, spectral normalization (function, regularizer, custom getters), the random
tensor pool over several runs and the clipping optimizer of a small GAN's discriminator
trained a few steps: ops, variables and values; argspecs, public names and errors. Made on
the host it records (an Intel Xeon when first made): its test runs flowgrad with
FLOWGRAD_CPU of that vendor."""
import inspect

import numpy as np

from contrib_cases import call_errors, function_argspecs
from goldenio import host_vendor


def _ops(g):
    return [f"{op.name} {op.type}" for op in g.get_operations()]


def features(tf):
    F = tf.contrib.gan.features
    rng = np.random.RandomState(0)
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(1)
        ref = tf.constant(rng.randn(5, 3, 4).astype(np.float32))
        x = tf.constant(rng.randn(2, 3, 4).astype(np.float32))
        vbn = F.VBN(ref, axis=-1)
        got = {"vbn": vbn(x), "vbn_reference": vbn.reference_batch_normalization()}
        got["vbn_2d"] = F.VBN(ref[:, 0], center=False, name="v2",
                              gamma_initializer=tf.constant_initializer(2.))(x[:, 1])
        got["vbn_axis1"] = F.VBN(ref, axis=1, name="v3")(x)
        t = tf.constant(rng.randn(4, 2, 3).astype(np.float32))
        onehot = tf.constant(np.eye(3, dtype=np.float32)[[0, 2, 1, 2]])
        with tf.variable_scope("c"):
            got["onehot"] = F.condition_tensor_from_onehot(t, onehot, embedding_size=5)
            got["condition"] = F.condition_tensor(t, tf.constant(rng.randn(4, 2, 2)
                                                                 .astype(np.float32)))
        w = tf.get_variable("w", [3, 2, 4], initializer=tf.glorot_uniform_initializer(seed=3))
        got["normalize"] = F.spectral_normalize(w, power_iteration_rounds=2)
        got["regularizer"] = F.spectral_norm_regularizer(0.5)(w)
        got["norm"] = F.compute_spectral_norm(w, name="sn")
        with tf.variable_scope("getter", custom_getter=F.spectral_normalization_custom_getter()):
            got["dense"] = tf.layers.dense(x[:, 0], 3, kernel_initializer=tf.ones_initializer())
        with F.keras_spectral_normalization():
            got["keras"] = tf.keras.layers.Dense(2, kernel_initializer="ones")(x[:, 1])
        pool = F.tensor_pool([x, {"t": t}], pool_size=3)
        single = F.tensor_pool(t, pool_size=2, pooling_probability=0.9, name="single")
        variables = tf.global_variables()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            out = {"values": sess.run(got)}
            out["pool"] = [sess.run([pool, single]) for _ in range(6)]
            out["variables"] = dict(zip([v.op.name for v in variables], sess.run(variables)))
    out["ops"] = _ops(g)
    out["names"] = {k: v.name for k, v in got.items()}
    out["collections"] = {k: sorted(v.name for v in g.get_collection(k))
                          for k in ["trainable_variables", "variables",
                                    "regularization_losses"]}
    return out


def clipping(tf):
    """A GAN's discriminator trained by a clip_discriminator_weights optimizer."""
    G = tf.contrib.gan
    rng = np.random.RandomState(2)
    g = tf.Graph()
    with g.as_default():
        def generator(z):
            return tf.layers.dense(z, 2, kernel_initializer=tf.glorot_uniform_initializer(seed=1))

        def discriminator(data, _):
            return tf.layers.dense(data, 1,
                                   kernel_initializer=tf.glorot_uniform_initializer(seed=2))
        model = G.gan_model(generator, discriminator,
                            tf.constant(rng.randn(4, 2).astype(np.float32)),
                            tf.constant(rng.randn(4, 3).astype(np.float32)))
        loss = G.gan_loss(model, add_summaries=False)
        opt = G.features.clip_discriminator_weights(tf.train.GradientDescentOptimizer(0.5),
                                                    model, 0.3)
        clipped = G.features.clip_variables(tf.train.AdamOptimizer(0.1),
                                            model.generator_variables, 0.2)
        ops = G.gan_train_ops(model, loss, clipped, opt)
        variables = tf.global_variables()
        out = {"ops": _ops(g)}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(3):
                sess.run(ops.discriminator_train_op)
                sess.run(ops.generator_train_op)
            out["final"] = dict(zip([v.op.name for v in variables], sess.run(variables)))
    return out


def signatures(tf):
    F = tf.contrib.gan.features
    return function_argspecs(
        F, F.__all__ if hasattr(F, "__all__") else dir(F),
        lambda fn: fn.__init__ if inspect.isclass(fn) else inspect.unwrap(fn))


def errors(tf):
    F = tf.contrib.gan.features
    out = {}
    with tf.Graph().as_default():
        ref = tf.zeros([5, 3, 4])
        calls = {
            "pool_negative": lambda: F.tensor_pool(ref, pool_size=-1),
            "clip_negative": lambda: F.clip_variables(None, [], -0.1),
            "vbn_axis_range": lambda: F.VBN(ref, axis=3),
            "vbn_same_axes": lambda: F.VBN(ref, axis=0),
            "vbn_unknown_rank": lambda: F.VBN(tf.placeholder(tf.float32)),
            "vbn_no_center_broadcast": lambda: F.VBN(ref, axis=1, center=False)(ref),
            "vbn_call_shape": lambda: F.VBN(ref, name="e")(tf.zeros([2, 3, 5])),
            "condition_1d": lambda: F.condition_tensor(ref, tf.zeros([5])),
            "condition_undefined": lambda: F.condition_tensor(
                tf.placeholder(tf.float32, [5, None]), tf.zeros([5, 2])),
            "onehot_rank": lambda: F.condition_tensor_from_onehot(ref, tf.zeros([5, 3, 1])),
            "sn_integer_scale": lambda: F.spectral_norm_regularizer(1),
            "sn_negative_scale": lambda: F.spectral_norm_regularizer(-0.5),
            "sn_zero_scale": lambda: F.spectral_norm_regularizer(0.0)(ref),
            "sn_filter": lambda: F.spectral_normalization_custom_getter(name_filter=3),
        }
        out.update(call_errors(calls))
    return out


def cases(tf):
    return {"vendor": host_vendor(), "features": features(tf), "clipping": clipping(tf),
            "signatures": signatures(tf), "errors": errors(tf),
            "public": sorted(n for n in dir(tf.contrib.gan.features) if not n.startswith("_"))}
