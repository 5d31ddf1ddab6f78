"""tf.contrib.gan.estimator (TF 1.14 contrib/gan/python/estimator): a small seeded
GANEstimator trained 3 steps (sequential hooks 1:2), evaluated and used to predict -- the
ops of the model_fn's graph in TRAIN / EVAL / PREDICT, the collections, the losses at
each step, the checkpoint's variables (names, shapes, values), the summaries written,
the eval metrics and the predictions; the `mode` passed to network functions; a latent
GAN estimator warm started from it; the image summary types; GANHead's specs; a seeded
StarGANEstimator run; the argspecs and public names of tf.contrib.gan.estimator; errors. Made on the host it
records (an Intel Xeon when first made): its test runs flowgrad with FLOWGRAD_CPU of that
vendor."""
import re

import numpy as np

from contrib_cases import argspec, call_errors
from goldenio import host_vendor

_KEYS = ("losses", "summaries", "train_op", "global_step", "trainable_variables",
         "metric_variables", "update_ops")


def _train_and_evaluate(tf, est, input_fn, path, out, modes, train_steps, eval_steps,
                        events=False):
    """est trained and evaluated with _Record hooks: out["train"] / out["eval"] the
    records and the `mode`s seen, out["variables"] / out["values"] the checkpoint's (and
    out["train"]["summaries"] the events written, where `events`)."""
    est.train(input_fn, steps=train_steps, hooks=[_Record(tf, out["train"])])
    out["train"]["modes"], modes[:] = list(modes), []
    out["variables"] = sorted(tuple(v) for v in tf.train.list_variables(path))
    out["values"] = {name: tf.train.load_variable(path, name)
                     for name, _ in out["variables"]}
    if events:
        out["train"]["summaries"] = _events(tf, path)
    result = est.evaluate(input_fn, steps=eval_steps, hooks=[_Record(tf, out["eval"])])
    out["eval"]["result"] = {k: np.asarray(v) for k, v in sorted(result.items())}
    out["eval"]["modes"], modes[:] = list(modes), []


def _Record(tf, out):
    """A hook recording the graph's ops and collections, and its losses after each run."""
    return type("Record", (_Recorder, tf.train.SessionRunHook), {})(tf, out)


class _Recorder:
    def __init__(self, tf, out):
        self.tf, self.out = tf, out

    def begin(self):
        g = self.tf.get_default_graph()
        self.out["ops"] = [f"{op.name} {op.type}" for op in g.get_operations()]
        self.out["collections"] = {k: [getattr(t, "name", str(t)) for t in g.get_collection(k)]
                                   for k in _KEYS}
        self.losses = g.get_collection(self.tf.GraphKeys.LOSSES)
        self.out["steps"] = []

    def after_create_session(self, session, coord):
        pass

    def before_run(self, run_context):
        return self.tf.train.SessionRunArgs(self.losses)

    def after_run(self, run_context, run_values):
        self.out["steps"].append([np.asarray(v) for v in run_values.results])

    def end(self, session):
        pass


def _nets(tf, modes):
    def generator(z, mode):
        modes.append(["generator", mode])
        h = tf.layers.dense(z, 4, activation=tf.nn.relu,
                            kernel_initializer=tf.glorot_uniform_initializer(seed=1))
        return tf.layers.dense(h, 2, kernel_initializer=tf.glorot_uniform_initializer(seed=2))

    def discriminator(x, _):
        modes.append(["discriminator", None])
        h = tf.layers.dense(x, 3, activation=tf.nn.leaky_relu,
                            kernel_initializer=tf.glorot_uniform_initializer(seed=3))
        return tf.layers.dense(h, 1, kernel_initializer=tf.glorot_uniform_initializer(seed=4))
    return generator, discriminator


def _data():
    rng = np.random.RandomState(3)
    return rng.randn(4, 3).astype(np.float32), rng.randn(4, 2).astype(np.float32)


def _events(tf, path):
    import glob
    out = []
    for f in sorted(glob.glob(path + "/events.out.tfevents.*")):
        for e in tf.train.summary_iterator(f):
            for v in e.summary.value:
                out.append([e.step, v.tag, v.simple_value if v.HasField("simple_value")
                            else None])
    return out


def estimator(tf):
    """Train 3 steps, evaluate 2 steps, predict 4 rows."""
    import os
    import shutil
    import tempfile
    G = tf.contrib.gan
    noise, real = _data()
    modes = []
    generator, discriminator = _nets(tf, modes)
    path = tempfile.mkdtemp()
    out = {"train": {}, "eval": {}, "predict": {}}
    try:
        est = G.estimator.GANEstimator(
            path, generator_fn=generator, discriminator_fn=discriminator,
            generator_loss_fn=G.losses.wasserstein_generator_loss,
            discriminator_loss_fn=G.losses.wasserstein_discriminator_loss,
            generator_optimizer=tf.train.GradientDescentOptimizer(0.05),
            discriminator_optimizer=lambda: tf.train.AdamOptimizer(0.01),
            get_hooks_fn=G.get_sequential_train_hooks(G.GANTrainSteps(1, 2)),
            get_eval_metric_ops_fn=lambda m: {"mean_gen": tf.metrics.mean(m.generated_data)},
            add_summaries=G.estimator.SummaryType.VARIABLES,
            config=tf.estimator.RunConfig(tf_random_seed=5))

        def input_fn():
            return tf.constant(noise), tf.constant(real)

        _train_and_evaluate(tf, est, input_fn, path, out, modes, 3, 2, events=True)
        out["eval"]["summaries"] = _events(tf, os.path.join(path, "eval"))

        def predict_fn():
            return tf.data.Dataset.from_tensor_slices(noise).batch(3)

        out["predict"]["rows"] = [np.asarray(p) for p in
                                  est.predict(predict_fn, hooks=[_Record(tf, out["predict"])])]
        out["predict"]["modes"] = list(modes)
        out["latent"] = _latent(tf, path, generator, discriminator)
    finally:
        shutil.rmtree(path)
    return out


def _latent(tf, ckpt_dir, generator, discriminator):
    """get_latent_gan_estimator over the trained GAN (warm started from its checkpoint):
    z trained 3 steps to bring the generated data near the labels."""
    import shutil
    import tempfile
    path = tempfile.mkdtemp()
    out = {}
    try:
        def loss_fn(gan_model, features, labels, add_summaries):
            return tf.losses.mean_squared_error(labels, gan_model.generated_data)

        est = tf.contrib.gan.estimator.get_latent_gan_estimator(
            generator, lambda x, c, mode: discriminator(x, c), loss_fn,
            tf.train.GradientDescentOptimizer,
            {"batch_size": 4, "z_shape": [3], "learning_rate": 0.5, "input_clip": 0.7,
             "add_summaries": True},
            tf.estimator.RunConfig(model_dir=path, tf_random_seed=9), ckpt_dir)
        noise, real = _data()
        est.train(lambda: (tf.constant(noise), tf.constant(real)), steps=3,
                  hooks=[_Record(tf, out)])
        out["variables"] = sorted(tuple(v) for v in tf.train.list_variables(path))
        out["values"] = {name: tf.train.load_variable(path, name)
                         for name, _ in out["variables"]}
        out["summaries"] = _events(tf, path)
    finally:
        shutil.rmtree(path)
    return out


def summary_types(tf):
    """The model_fn's graph in TRAIN with image summaries, no loss summaries, joint hooks."""
    G = tf.contrib.gan
    out = {}
    modes = []
    generator, discriminator = _nets(tf, modes)

    def gen_image(z, mode):
        return tf.reshape(generator(tf.reshape(z, [-1, 2]), mode), [-1, 1, 2, 1])

    def dis_image(x, z):
        return discriminator(tf.reshape(x, [-1, 2]), z)

    est = G.estimator.GANEstimator(
        None, generator_fn=gen_image, discriminator_fn=dis_image,
        generator_loss_fn=G.losses.minimax_generator_loss,
        discriminator_loss_fn=G.losses.minimax_discriminator_loss,
        generator_optimizer=tf.train.GradientDescentOptimizer(0.05),
        discriminator_optimizer=tf.train.GradientDescentOptimizer(0.05),
        get_hooks_fn=G.get_joint_train_hooks(),
        add_summaries=[G.estimator.SummaryType.IMAGES,
                       G.estimator.SummaryType.IMAGE_COMPARISON],
        use_loss_summaries=False)
    noise, real = (np.tile(a, (4, 1)) for a in _data())   # a 4x4 image grid
    for mode in ("train", "eval", "infer"):
        with tf.Graph().as_default() as g:
            labels = None if mode == "infer" else tf.constant(real.reshape(16, 1, 2, 1))
            spec = est.model_fn(tf.constant(noise[:, :2].reshape(16, 1, 2, 1)), labels, mode,
                                est.config)
            out[mode] = dict(_spec_of(tf, spec), ops=[
                f"{op.name} {op.type}" for op in g.get_operations()], summaries=[
                t.name for t in g.get_collection(tf.GraphKeys.SUMMARIES)])
    return out


def _spec_of(tf, spec):
    return {"spec": {k: getattr(getattr(spec, k), "name", None)
                     for k in ("loss", "train_op", "predictions")},
            "metrics": sorted(spec.eval_metric_ops),
            "exports": sorted(spec.export_outputs or {}),
            "hooks": [type(h).__name__ for h in spec.training_hooks]}


def head(tf):
    """GANHead.create_estimator_spec in each mode (gan_head, name 'h', and GANHead with
    loss summaries off): ops, collections, the spec."""
    G = tf.contrib.gan
    noise, real = _data()
    out = {}
    heads = {"gan_head": G.estimator.gan_head(
                 G.losses.wasserstein_generator_loss, G.losses.wasserstein_discriminator_loss,
                 tf.train.GradientDescentOptimizer(0.1), tf.train.AdamOptimizer(0.1),
                 get_eval_metric_ops_fn=lambda m: {"m": tf.metrics.mean(m.generated_data)},
                 name="h"),
             "GANHead": G.estimator.GANHead(
                 G.losses.minimax_generator_loss, G.losses.minimax_discriminator_loss,
                 tf.train.GradientDescentOptimizer(0.1), tf.train.GradientDescentOptimizer(0.1),
                 use_loss_summaries=False, get_hooks_fn=G.get_joint_train_hooks())}
    for key, h in heads.items():
        out[key] = {"name": h.name, "logits_dimension": h.logits_dimension}
        for mode in ("train", "eval", "infer"):
            modes = []
            generator, discriminator = _nets(tf, modes)
            with tf.Graph().as_default() as g:
                tf.train.get_or_create_global_step()
                model = G.gan_model(lambda z: generator(z, mode), discriminator,
                                    tf.constant(real), tf.constant(noise))
                start = len(g.get_operations())
                spec = h.create_estimator_spec(None, mode, model)
                out[key][mode] = dict(_spec_of(tf, spec), ops=[
                    f"{op.name} {op.type}" for op in g.get_operations()[start:]],
                    summaries=[t.name for t in g.get_collection(tf.GraphKeys.SUMMARIES)])
    return out


def _stargan_nets(tf, modes):
    def generator(x, label, mode):
        modes.append(["generator", mode])
        h = tf.concat([tf.reshape(x, [-1, 4]), label], 1)
        h = tf.layers.dense(h, 4, kernel_initializer=tf.glorot_uniform_initializer(seed=1))
        return tf.reshape(h, [-1, 2, 2, 1])

    def discriminator(x, num_domains):
        modes.append(["discriminator", num_domains])
        h = tf.reshape(x, [-1, 4])
        return (tf.layers.dense(h, 1, kernel_initializer=tf.glorot_uniform_initializer(seed=2)),
                tf.layers.dense(h, num_domains,
                                kernel_initializer=tf.glorot_uniform_initializer(seed=3)))
    return generator, discriminator


def stargan(tf):
    """StarGANEstimator (stargan_loss, variable and image summaries) trained 2 steps,
    evaluated 1 step, predicting 4 rows: ops, losses, checkpoint, metrics, predictions."""
    import itertools
    import shutil
    import tempfile
    G = tf.contrib.gan
    rng = np.random.RandomState(5)
    data = rng.randn(4, 2, 2, 1).astype(np.float32)
    label = np.eye(3, dtype=np.float32)[[0, 2, 1, 2]]
    modes = []
    generator, discriminator = _stargan_nets(tf, modes)
    path = tempfile.mkdtemp()
    out = {"train": {}, "eval": {}, "predict": {}}
    try:
        E = G.estimator
        est = E.StarGANEstimator(
            path, generator_fn=generator, discriminator_fn=discriminator,
            loss_fn=G.stargan_loss,
            generator_optimizer=tf.train.GradientDescentOptimizer(0.05),
            discriminator_optimizer=lambda: tf.train.AdamOptimizer(0.01),
            add_summaries=[E.SummaryType.VARIABLES, E.SummaryType.IMAGES],
            config=tf.estimator.RunConfig(tf_random_seed=11))

        def input_fn():
            return tf.constant(data), tf.constant(label)

        _train_and_evaluate(tf, est, input_fn, path, out, modes, 2, 1)

        def predict_fn():   # TF's stargan_prediction_input_fn_wrapper's form
            return (tf.constant(data), tf.constant(label[::-1].copy())), None

        out["predict"]["rows"] = [np.asarray(p) for p in itertools.islice(
            est.predict(predict_fn, hooks=[_Record(tf, out["predict"])]), 4)]
        out["predict"]["modes"] = list(modes)
    finally:
        shutil.rmtree(path)
    return out


def signatures(tf):
    """The argspecs (TF's tf_inspect: through the deprecation decorators)."""
    if tf.__name__ == "tensorflow":
        from tensorflow.python.util import tf_inspect as inspect
    else:
        import inspect
    E = tf.contrib.gan.estimator
    out = {}
    for name in ("GANEstimator", "StarGANEstimator", "TPUGANEstimator", "GANHead",
                 "gan_head", "get_latent_gan_estimator"):
        obj = getattr(E, name)
        spec = inspect.getfullargspec(obj.__init__ if isinstance(obj, type) else obj)
        args = list(spec.args[1:] if isinstance(obj, type) else spec.args)
        out[name] = argspec(spec, args,
                            lambda d: re.sub(" at 0x[0-9a-f]+", "", repr(d)))   # no address
    return out


def errors(tf):
    G = tf.contrib.gan
    E = G.estimator
    gl, dl = G.losses.wasserstein_generator_loss, G.losses.wasserstein_discriminator_loss
    modes = []
    generator, discriminator = _nets(tf, modes)

    def model_fn(mode, **kw):
        args = dict(generator_fn=generator, discriminator_fn=discriminator,
                    generator_loss_fn=gl, discriminator_loss_fn=dl)
        args.update(kw)
        est = E.GANEstimator(None, **args)
        noise, real = _data()
        with tf.Graph().as_default():
            return est.model_fn(tf.constant(noise), tf.constant(real), mode, est.config)

    def head_spec(features=None, mode="train", **kw):
        with tf.Graph().as_default():
            model = G.gan_model(lambda z: generator(z, mode), discriminator, tf.zeros([4, 2]),
                                tf.zeros([4, 3]))
            return E.GANHead(gl, dl, None, None).create_estimator_spec(features, mode, model,
                                                                       **kw)

    calls = {
        "generator_loss_fn": lambda: E.GANEstimator(generator_loss_fn=1,
                                                    discriminator_loss_fn=dl),
        "discriminator_loss_fn": lambda: E.GANEstimator(generator_loss_fn=gl),
        "use_loss_summaries": lambda: E.GANEstimator(generator_loss_fn=gl,
                                                     discriminator_loss_fn=dl,
                                                     use_loss_summaries=1.5),
        "get_hooks_fn": lambda: E.GANEstimator(generator_loss_fn=gl,
                                               discriminator_loss_fn=dl, get_hooks_fn=3),
        "mode": lambda: model_fn("bogus"),
        "predict_labels": lambda: model_fn("infer"),
        "metric_ops_not_dict": lambda: model_fn("eval", get_eval_metric_ops_fn=lambda m: [1]),
        "head_generator_loss_fn": lambda: E.GANHead(1, dl, None, None),
        "head_discriminator_loss_fn": lambda: E.GANHead(gl, None, None, None),
        "head_use_loss_summaries": lambda: E.GANHead(gl, dl, None, None, use_loss_summaries=0.5),
        "head_get_hooks_fn": lambda: E.GANHead(gl, dl, None, None, get_hooks_fn=1),
        "head_name": lambda: E.GANHead(gl, dl, None, None, name=3),
        "head_labels": lambda: E.GANHead(gl, dl, None, None).create_estimator_spec(
            None, "train", None, labels=1),
        "head_logits": lambda: E.GANHead(gl, dl, None, None).create_estimator_spec(
            None, "train", (1, 2)),
        "head_features": lambda: head_spec(features=5),
        "head_train_op_fn": lambda: head_spec(train_op_fn=None),
        "head_mode": lambda: head_spec(mode="bogus"),
        "stargan_loss_fn": lambda: E.StarGANEstimator(loss_fn=None),
        "stargan_use_loss_summaries": lambda: E.StarGANEstimator(loss_fn=gl,
                                                                 use_loss_summaries=2),
        "stargan_get_hooks_fn": lambda: E.StarGANEstimator(loss_fn=gl, get_hooks_fn=2),
        "stargan_mode": lambda: E.StarGANEstimator(loss_fn=gl).model_fn(
            None, None, "bogus", None),
    }
    out = {}
    out.update(call_errors(calls))
    return out


def public(tf):
    E = tf.contrib.gan.estimator
    return {"estimator": sorted(n for n in dir(E) if not n.startswith("_")),
            "summary_type": [[m.name, int(m)] for m in E.SummaryType],
            "summary_type_of": [name for name in ("gan_estimator", "stargan_estimator")
                                if E.SummaryType is getattr(E, name).SummaryType],
            "modules": {name: list(getattr(E, name).__all__) for name in (
                "gan_estimator", "head", "latent_gan_estimator", "stargan_estimator",
                "tpu_gan_estimator")}}


def cases(tf):
    return {"vendor": host_vendor(), "estimator": estimator(tf),
            "summary_types": summary_types(tf), "signatures": signatures(tf),
            "head": head(tf), "stargan": stargan(tf),
            "errors": errors(tf), "public": public(tf)}
