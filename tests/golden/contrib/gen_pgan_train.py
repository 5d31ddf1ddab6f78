"""tf.contrib.gan's training path (TF 1.14 contrib/gan/python/train.py): a small seeded
GAN (gan_model, gan_loss with a gradient penalty, gan_train_ops) -- its ops, variables,
collections -- trained by gan_train a few steps with sequential and with joint hooks
(the losses and variables after each step); an AC-GAN / InfoGAN / CycleGAN model's ops;
the argspecs of tf.contrib.gan.losses; errors. Made on the host it records (an Intel
Xeon when first made): its test runs flowgrad with FLOWGRAD_CPU of that vendor."""
import numpy as np

from contrib_cases import call_errors, function_argspecs
from goldenio import host_vendor


def _ops(g, start=0):
    """"name type" of each op (one string each: the golden stays small)."""
    return [f"{op.name} {op.type}" for op in g.get_operations()[start:]]


def _nets(tf):
    def generator(z):
        h = tf.layers.dense(z, 4, activation=tf.nn.relu,
                            kernel_initializer=tf.glorot_uniform_initializer(seed=1))
        return tf.layers.dense(h, 2, kernel_initializer=tf.glorot_uniform_initializer(seed=2))

    def discriminator(x, _):
        h = tf.layers.dense(x, 3, activation=tf.nn.leaky_relu,
                            kernel_initializer=tf.glorot_uniform_initializer(seed=3))
        return tf.layers.dense(h, 1, kernel_initializer=tf.glorot_uniform_initializer(seed=4))
    return generator, discriminator


def _build(tf, gen_rate):
    """The model, its loss and train ops in the default graph."""
    G = tf.contrib.gan
    tf.set_random_seed(7)
    rng = np.random.RandomState(3)
    generator, discriminator = _nets(tf)
    real = tf.constant(rng.randn(4, 2).astype(np.float32))
    noise = tf.random_normal([4, 3], seed=1)
    model = G.gan_model(generator, discriminator, real, noise)
    loss = G.gan_loss(model, gradient_penalty_weight=1.0)
    train_ops = G.gan_train_ops(model, loss, tf.train.GradientDescentOptimizer(gen_rate),
                                tf.train.AdamOptimizer(0.01), summarize_gradients=True)
    return model, loss, train_ops


class _Record:
    """A hook recording the losses and the variables after each step and at the end."""

    def __init__(self, tf, loss):
        self.tf, self.loss, self.steps, self.final = tf, loss, [], None

    def begin(self):
        self.vars = self.tf.trainable_variables()

    def after_create_session(self, session, coord):
        pass

    def before_run(self, run_context):
        return self.tf.train.SessionRunArgs(
            {"gen": self.loss.generator_loss, "dis": self.loss.discriminator_loss})

    def after_run(self, run_context, run_values):
        self.steps.append(run_values.results)

    def end(self, session):
        self.final = dict(zip([v.op.name for v in self.vars], session.run(self.vars)))


def training(tf):
    """The graph and gan_train's run, with each kind of hooks."""
    G = tf.contrib.gan
    out = {}
    # joint steps run both train ops in one call, each reading the variables the other
    # writes: TF's values depend on scheduling unless the generator's rate is 0
    for kind, hooks_fn, rate in [
            ("sequential", G.get_sequential_train_hooks(G.GANTrainSteps(1, 2)), 0.05),
            ("joint", G.get_joint_train_hooks(G.GANTrainSteps(2, 1)), 0.0)]:
        g = tf.Graph()
        with g.as_default():
            model, loss, train_ops = _build(tf, rate)
            rec = _Record(tf, loss)
            last = G.gan_train(train_ops, None, get_hooks_fn=hooks_fn,
                               hooks=[tf.train.StopAtStepHook(num_steps=3), rec],
                               save_checkpoint_secs=None, save_summaries_steps=None)
            out[kind] = {"last": last, "steps": rec.steps, "final": rec.final}
            if kind == "sequential":
                out["ops"] = _ops(g)
                out["names"] = {
                    "generated": model.generated_data.name,
                    "dis_real": model.discriminator_real_outputs.name,
                    "dis_gen": model.discriminator_gen_outputs.name,
                    "gen_vars": [v.name for v in model.generator_variables],
                    "dis_vars": [v.name for v in model.discriminator_variables],
                    "scopes": [model.generator_scope.name, model.discriminator_scope.name],
                    "gen_loss": loss.generator_loss.name,
                    "dis_loss": loss.discriminator_loss.name,
                    "train_ops": [t.name for t in train_ops[:3]],
                    "hooks": list(train_ops.train_hooks),
                }
                out["collections"] = {
                    k: [t.name for t in tf.get_collection(k)]
                    for k in (tf.GraphKeys.LOSSES, tf.GraphKeys.SUMMARIES,
                              tf.GraphKeys.TRAIN_OP, tf.GraphKeys.GLOBAL_VARIABLES)}
    return out


def logdir(tf):
    """gan_train with a logdir and TF's defaults: the checkpoint's variables and step,
    and the summaries written (step, tag, scalar value) -- gan_loss's and the gradients'."""
    import glob
    import shutil
    import tempfile
    G = tf.contrib.gan
    out = {}
    path = tempfile.mkdtemp()
    try:
        g = tf.Graph()
        with g.as_default():
            _, _, train_ops = _build(tf, 0.05)
            out["last"] = G.gan_train(train_ops, path,
                                      hooks=[tf.train.StopAtStepHook(num_steps=2)])
        out["variables"] = sorted(tuple(v) for v in tf.train.list_variables(path))
        out["step"] = tf.train.load_variable(path, "global_step")
        events = []
        for f in sorted(glob.glob(path + "/events.out.tfevents.*")):
            for e in tf.train.summary_iterator(f):
                for v in e.summary.value:
                    events.append([e.step, v.tag, v.simple_value if v.HasField("simple_value")
                                   else None])
        out["summaries"] = events
    finally:
        shutil.rmtree(path)
    return out


def models(tf):
    """AC-GAN, InfoGAN and CycleGAN models with their losses: ops, names and values."""
    G = tf.contrib.gan
    out = {}
    rng = np.random.RandomState(4)
    generator, discriminator = _nets(tf)

    def ac_disc(x, _):
        h = tf.layers.dense(x, 3, activation=tf.nn.leaky_relu)
        return tf.layers.dense(h, 1), tf.layers.dense(h, 3)

    def info_disc(x, _):
        h = tf.layers.dense(x, 3, activation=tf.nn.leaky_relu)
        return tf.layers.dense(h, 1), [tf.distributions.Categorical(logits=tf.layers.dense(h, 3))]

    def info_gen(inputs):
        return generator(tf.concat([inputs[0], tf.one_hot(inputs[1], 3)], 1))

    builders = {
        "acgan": lambda: G.gan_loss(
            G.acgan_model(generator, ac_disc, tf.constant(rng.randn(4, 2).astype(np.float32)),
                          tf.zeros([4, 3]), tf.one_hot([0, 1, 2, 1], 3)),
            aux_cond_generator_weight=1.0, aux_cond_discriminator_weight=0.5),
        "infogan": lambda: G.gan_loss(
            G.infogan_model(info_gen, info_disc, tf.zeros([4, 2]), [tf.zeros([4, 3])],
                            [tf.constant([0, 1, 2, 1])]),
            G.losses.modified_generator_loss, G.losses.modified_discriminator_loss,
            mutual_information_penalty_weight=1.0, add_summaries=False),
        "cyclegan": lambda: G.cyclegan_loss(
            G.cyclegan_model(lambda x: tf.layers.dense(x, 2), discriminator,
                             tf.ones([4, 2]), tf.zeros([4, 2]))),
    }
    for name, build in builders.items():
        g = tf.Graph()
        with g.as_default():
            tf.set_random_seed(1)
            got = tf.nest.flatten(build())
            out[name] = {"ops": _ops(g), "loss": [t.name for t in got]}
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                out[name]["values"] = sess.run(got)
    return out


def steps(tf):
    """A generator with batch norm (its update ops in `Generator/`), modified losses with a
    Tensor gradient-penalty weight, clipped gradients, a pooled discriminator and the
    tuple combine_adversarial_loss, trained by get_sequential_train_steps: ops, losses
    and variables (moving averages included) after each step."""
    G = tf.contrib.gan
    rng = np.random.RandomState(5)
    _, discriminator = _nets(tf)

    def generator(z):
        h = tf.layers.dense(z, 4, kernel_initializer=tf.glorot_uniform_initializer(seed=5))
        h = tf.nn.relu(tf.layers.batch_normalization(h, training=True))
        return tf.layers.dense(h, 2, kernel_initializer=tf.glorot_uniform_initializer(seed=6))

    def pool(tensors):   # a "pool" that hands back the data halved
        inputs, data = tensors
        return inputs, data * 0.5

    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(11)
        real = tf.constant(rng.randn(4, 2).astype(np.float32))
        z = tf.constant(rng.randn(4, 3).astype(np.float32))
        model = G.gan_model(generator, discriminator, real, z)
        loss = G.gan_loss(model, G.losses.modified_generator_loss,
                          G.losses.modified_discriminator_loss,
                          gradient_penalty_weight=tf.constant(2.0),
                          gradient_penalty_one_sided=True, tensor_pool_fn=pool,
                          add_summaries=False)
        loss = G.losses.combine_adversarial_loss(
            loss, model, tf.reduce_mean(tf.abs(model.generated_data - real)),
            gradient_ratio=0.5, gradient_summaries=False)
        train_ops = G.gan_train_ops(
            model, loss, tf.train.MomentumOptimizer(0.1, 0.9),
            tf.train.RMSPropOptimizer(0.01),
            transform_grads_fn=tf.contrib.training.clip_gradient_norms_fn(0.5))
        step_fn = G.get_sequential_train_steps(G.GANTrainSteps(2, 1))
        global_step = tf.train.get_global_step()
        variables = tf.global_variables()
        out = {"ops": _ops(g), "update_ops": sorted(
            op.name for op in tf.get_collection(tf.GraphKeys.UPDATE_OPS))}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            out["steps"] = [step_fn(sess, train_ops, global_step, {}) for _ in range(2)]
            out["step"] = sess.run(global_step)
            out["final"] = dict(zip([v.op.name for v in variables], sess.run(variables)))
    return out


def signatures(tf):
    """getfullargspec of each tf.contrib.gan.losses function (tests/golden/api's form)."""
    return function_argspecs(tf.contrib.gan.losses)


def errors(tf):
    G = tf.contrib.gan
    out = {}
    generator, discriminator = _nets(tf)
    with tf.Graph().as_default():
        model = G.gan_model(generator, discriminator, tf.zeros([4, 2]), tf.zeros([4, 3]))
        loss = G.gan_loss(model)
        stray = tf.no_op(name="stray")   # an update op outside both scopes
        opt = tf.train.GradientDescentOptimizer(0.1)
        calls = {
            "shapes": lambda: G.gan_model(generator, discriminator, tf.zeros([4, 5]),
                                          tf.zeros([4, 3]), "G2", "D2"),
            "negative_weight": lambda: G.gan_loss(model, gradient_penalty_weight=-1.0),
            "infogan_weight": lambda: G.gan_loss(model, mutual_information_penalty_weight=1.),
            "acgan_weight": lambda: G.gan_loss(model, aux_cond_generator_weight=1.),
            "acgan_outputs": lambda: G.acgan_model(generator, discriminator, tf.zeros([4, 2]),
                                                   tf.zeros([4, 3]), tf.zeros([4, 3]),
                                                   "G3", "D3"),
            "unused_update_ops": lambda: G.gan_train_ops(model, loss, opt, opt,
                                                           update_ops=[stray]),
            "ambiguous": lambda: G.losses.wasserstein_generator_loss(
                model, discriminator_gen_outputs=tf.zeros([4, 1])),
            "not_cyclegan": lambda: G.losses.cycle_consistency_loss(model),
            "cyclegan_loss_model": lambda: G.cyclegan_loss(model),
            "distributions": lambda: G.infogan_model(
                lambda z: tf.zeros([4, 2]), lambda x, z: (x, x), tf.zeros([4, 2]),
                [tf.zeros([4, 3])], [tf.zeros([4])], "G4", "D4"),
            "no_logdir": lambda: G.gan_train(G.GANTrainOps(None, None, None), None),
        }
        out.update(call_errors(calls))
    return out


def public(tf):
    """The public names of tf.contrib.gan and tf.contrib.gan.losses."""
    return {name: sorted(n for n in dir(mod) if not n.startswith("_"))
            for name, mod in [("gan", tf.contrib.gan), ("losses", tf.contrib.gan.losses)]}


def cases(tf):
    return {"vendor": host_vendor(), "training": training(tf), "models": models(tf),
            "signatures": signatures(tf), "errors": errors(tf), "public": public(tf),
            "steps": steps(tf), "logdir": logdir(tf)}
