"""tf.contrib.gan.losses.wargs (TF-GAN's losses of tensors): each loss's ops (names and
types), the LOSSES and SUMMARIES collections, seeded values (the gradient penalty's
interpolation draw included) and errors; tf.contrib.shapes' compatibility message."""
import numpy as np

from contrib_cases import call_errors


def _ops(g, start):
    return [(op.name, op.type) for op in g.get_operations()[start:]]


def _disc(tf):
    def disc(data, cond):
        h = tf.layers.flatten(data)
        h = tf.layers.dense(h, 4, activation=tf.nn.leaky_relu,
                            kernel_initializer=tf.glorot_uniform_initializer(seed=1))
        return tf.layers.dense(h, 1, kernel_initializer=tf.glorot_uniform_initializer(seed=2))
    return disc


def losses(tf):
    """Every loss built in one seeded graph: {name: ops}, values, collections."""
    W = tf.contrib.gan.losses.wargs
    rng = np.random.RandomState(0)
    out, ops, res = {}, {}, {}
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(5)
        dr = tf.constant(rng.randn(6, 1).astype(np.float32))
        dg = tf.constant(rng.randn(6, 1).astype(np.float32))
        w = tf.constant(np.array([[1.], [0.], [2.], [1.], [0.5], [1.]], np.float32))
        onehot = tf.one_hot([0, 1, 2, 1, 0, 2], 3)
        lr_ = tf.constant(rng.randn(6, 3).astype(np.float32))
        lg_ = tf.constant(rng.randn(6, 3).astype(np.float32))
        x = tf.constant(rng.randn(4, 5).astype(np.float32))
        xr = tf.constant(rng.randn(4, 5).astype(np.float32))
        real = tf.constant(rng.randn(4, 3, 3, 1).astype(np.float32))
        gen = tf.constant(rng.randn(4, 3, 3, 1).astype(np.float32))
        ph = tf.placeholder(tf.float32, [None, 3, 3, 1])
        v = tf.get_variable("v", [3], initializer=tf.constant_initializer([1., -2., 3.]))
        main = tf.reduce_sum(tf.square(v))
        adv = tf.reduce_sum(v * 3.)
        disc = _disc(tf)
        with tf.variable_scope("disc") as dscope:
            disc(real, None)
        mi_inputs = [tf.constant([0, 1, 2, 1, 0, 2]), tf.constant(rng.randn(6).astype(np.float32))]
        builders = [
            ("wg", lambda: W.wasserstein_generator_loss(dg)),
            ("wd", lambda: W.wasserstein_discriminator_loss(dr, dg, add_summaries=True)),
            ("wdw", lambda: W.wasserstein_discriminator_loss(
                dr, dg, real_weights=w, reduction=tf.losses.Reduction.MEAN)),
            ("mmd", lambda: W.minimax_discriminator_loss(dr, dg)),
            ("mmg", lambda: W.minimax_generator_loss(dg, add_summaries=True)),
            ("mod_d", lambda: W.modified_discriminator_loss(dr, dg, label_smoothing=0.1)),
            ("mod_g", lambda: W.modified_generator_loss(dg, weights=w)),
            ("lsg", lambda: W.least_squares_generator_loss(dg, add_summaries=True)),
            ("lsd", lambda: W.least_squares_discriminator_loss(dr, dg, real_label=0.9,
                                                               add_summaries=True)),
            ("acd", lambda: W.acgan_discriminator_loss(lr_, lg_, onehot, label_smoothing=0.2,
                                                       add_summaries=True)),
            ("acg", lambda: W.acgan_generator_loss(lg_, onehot)),
            ("cyc", lambda: W.cycle_consistency_loss(x, xr, xr, x * 2, add_summaries=True)),
            ("gp", lambda: W.wasserstein_gradient_penalty(real, gen, None, disc, dscope,
                                                          add_summaries=True)),
            ("gp1", lambda: W.wasserstein_gradient_penalty(real, gen, None, disc, "disc",
                                                           one_sided=True, target=2.0)),
            ("gp_ph", lambda: W.wasserstein_gradient_penalty(ph, gen, None, disc, dscope)),
            ("comb_w", lambda: W.combine_adversarial_loss(main, adv, weight_factor=0.5)),
            ("comb_r", lambda: W.combine_adversarial_loss(main, adv, gradient_ratio=2.0,
                                                          variables=[v])),
            ("comb_0", lambda: W.combine_adversarial_loss(
                main, adv, weight_factor=0.0, scalar_summaries=False,
                gradient_summaries=False)),
            ("mi", lambda: W.mutual_information_penalty(
                mi_inputs, [tf.distributions.Categorical(logits=lg_),
                            tf.distributions.Normal(loc=tf.zeros([6]),
                                                    scale=tf.ones([6]) * 2)],
                add_summaries=True)),
        ]
        for name, build in builders:
            n = len(g.get_operations())
            res[name] = build()
            ops[name] = _ops(g, n)
        out["ops"] = ops
        out["names"] = {k: t.name for k, t in res.items()}
        out["losses"] = [t.name for t in tf.get_collection(tf.GraphKeys.LOSSES)]
        out["summaries"] = [t.name for t in tf.get_collection(tf.GraphKeys.SUMMARIES)]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            feed = {ph: rng.randn(4, 3, 3, 1).astype(np.float32)}
            out["values"] = sess.run(res, feed)
    return out


def errors(tf):
    W = tf.contrib.gan.losses.wargs
    out = {}
    with tf.Graph().as_default():
        main = tf.constant(1.)
        adv = tf.constant(2.)
        col = tf.zeros([6, 1])
        nrm = tf.distributions.Normal(0., 1.)
        calls = {
            "no_weight": lambda: W.combine_adversarial_loss(main, adv),
            "both_weights": lambda: W.combine_adversarial_loss(main, adv, 1., 1.),
            "not_scalar": lambda: W.combine_adversarial_loss(main, col, weight_factor=1.),
            "mi_lengths": lambda: W.mutual_information_penalty([1], [nrm, nrm]),
            "mi_not_distribution": lambda: W.mutual_information_penalty([1], [1]),
            "wass_shapes": lambda: W.wasserstein_discriminator_loss(col, tf.zeros([3, 2])),
            "lsq_shapes": lambda: W.least_squares_discriminator_loss(col, tf.zeros([6, 2])),
            "gp_rank": lambda: W.wasserstein_gradient_penalty(
                tf.placeholder(tf.float32), col, None, None, "d"),
        }
        out.update(call_errors(calls))
    return out


def cases(tf):
    return {"losses": losses(tf), "errors": errors(tf)}
