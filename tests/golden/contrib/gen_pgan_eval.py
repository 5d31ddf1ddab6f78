"""tf.contrib.gan.eval (TF 1.14 contrib/gan/python/eval): the classifier metrics (score,
Frechet and kernel distances of logits / activations, and through a classifier_fn and a
small imported GraphDef standing for Inception), preprocess_image, the sliced Wasserstein
distance (NumPy's global generator seeded before the run), image_grid / image_reshaper and
the GAN summaries: ops, values and summary tags; argspecs, public names and errors. Made
on the host it records (an Intel Xeon when first made): its test runs flowgrad with
FLOWGRAD_CPU of that vendor."""
import functools

import numpy as np

from contrib_cases import call_errors, function_argspecs
from goldenio import host_vendor


def _ops(g):
    return [f"{op.name} {op.type}" for op in g.get_operations()]


def _classifier_graph_def(tf):
    """A GraphDef with TF's Inception names: input `Mul` [?, 8, 8, 3], `logits` [?, 5] and
    `pool_3` [?, 1, 1, 4]."""
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 8, 8, 3], name="Mul")
        flat = tf.reshape(x, [-1, 192])
        w = tf.constant(np.random.RandomState(9).randn(192, 5).astype(np.float32) * 0.1)
        tf.matmul(flat, w, name="logits")
        tf.reshape(tf.matmul(flat, w[:, :4]), [-1, 1, 1, 4], name="pool_3")
    return g.as_graph_def().SerializeToString()


def metrics(tf):
    E = tf.contrib.gan.eval
    rng = np.random.RandomState(1)
    g = tf.Graph()
    with g.as_default():
        logits = tf.constant(rng.randn(6, 5).astype(np.float32))
        real = tf.constant(rng.randn(7, 4).astype(np.float32))
        gen = tf.constant((rng.randn(5, 4) * 1.5 + 0.3).astype(np.float32))
        real64 = tf.cast(real, tf.float64)
        got = {
            "score": E.classifier_score_from_logits(logits),
            "score64": E.classifier_score_from_logits(tf.cast(logits, tf.float64)),
            "fid": E.frechet_classifier_distance_from_activations(real, gen),
            "fid64": E.frechet_classifier_distance_from_activations(
                real64, tf.cast(gen, tf.float64)),
            "mean_only": E.mean_only_frechet_classifier_distance_from_activations(real, gen),
            "diagonal_only": E.diagonal_only_frechet_classifier_distance_from_activations(
                real, gen),
            "kid": E.kernel_classifier_distance_from_activations(real, gen),
            "kid_std_blocks": E.kernel_classifier_distance_and_std_from_activations(
                real, gen, max_block_size=3),
            "kid_std_one": E.kernel_classifier_distance_and_std_from_activations(
                real, gen, dtype=tf.float64),
        }
        images = tf.constant(rng.rand(4, 8, 8, 3).astype(np.float32))
        images2 = tf.constant(rng.rand(4, 8, 8, 3).astype(np.float32))

        def classifier(x):
            return tf.layers.flatten(x)[:, :6] * 3.0

        got["classifier_score"] = E.classifier_score(images, classifier, num_batches=2)
        got["fcd"] = E.frechet_classifier_distance(images, images2, classifier, num_batches=2)
        got["kcd"] = E.kernel_classifier_distance(images, images2, classifier, 2,
                                                  max_block_size=3)
        got["kcd_std"] = E.kernel_classifier_distance_and_std(images, images2, classifier)
        got["preprocess"] = E.preprocess_image(tf.constant(
            rng.randint(0, 255, (2, 4, 5, 3)).astype(np.uint8)), 6, 7)
        got["preprocess_single"] = E.preprocess_image(images[0], 5, 5, scope="one")
        gd = tf.GraphDef.FromString(_classifier_graph_def(tf))
        got["inception_score"] = E.inception_score(
            images, classifier_fn=functools.partial(E.run_inception, graph_def=gd,
                                                    image_size=8), num_batches=2)
        got["fid_inception"] = E.frechet_inception_distance(
            images, images2, classifier_fn=functools.partial(
                E.run_inception, graph_def=gd, image_size=8, output_tensor="pool_3:0"))
        got["run_inception"] = E.run_inception(images, gd, image_size=8,
                                               output_tensor=["logits:0", "pool_3:0"])
        with tf.Session() as sess:
            out = {"values": sess.run(got)}
    out["ops"] = _ops(g)
    out["graph_def"] = _classifier_graph_def(tf)
    return out


def layouts(tf):
    E = tf.contrib.gan.eval
    rng = np.random.RandomState(2)
    g = tf.Graph()
    with g.as_default():
        batch = tf.constant(rng.rand(6, 3, 2, 3).astype(np.float32))
        got = {"grid": E.image_grid(batch, (2, 3), (3, 2), 3),
               "grid_flat": E.image_grid(tf.reshape(batch, [6, -1]), (3, 2), (3, 2)),
               "reshaper": E.image_reshaper(batch[:5]),
               "reshaper_cols": E.image_reshaper(tf.unstack(batch[:, :, :, :1]), num_cols=4)}
        with tf.Session() as sess:
            out = {"values": sess.run(got)}
    out["ops"] = _ops(g)
    return out


def sliced(tf):
    E = tf.contrib.gan.eval
    rng = np.random.RandomState(3)
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(5)
        real = tf.constant(rng.rand(2, 16, 16, 3).astype(np.float32))
        fake = tf.constant(rng.rand(2, 16, 16, 3).astype(np.float32))
        got = {"random": E.sliced_wasserstein_distance(real, fake, resolution_min=8,
                                                       patches_per_image=5,
                                                       random_sampling_count=2,
                                                       random_projection_dim=6),
               "svd": E.sliced_wasserstein_distance(real, fake, resolution_min=8,
                                                    patches_per_image=5, use_svd=True)}
        # The patches' py_funcs draw their positions from NumPy's global generator in the
        # order TF's executor happens to run them: positions that do not depend on it
        randint = np.random.randint
        np.random.randint = _positions
        try:
            with tf.Session() as sess:
                out = {"values": sess.run(got)}
        finally:
            np.random.randint = randint
    out["ops"] = _ops(g)
    return out


def _positions(low, high, size):
    """Patch positions spread over [low, high), the same in every call."""
    n = int(np.prod(size))
    return (low + (np.arange(n) * 5) % (high - low)).reshape(size)


def summaries(tf):
    G = tf.contrib.gan
    rng = np.random.RandomState(4)
    g = tf.Graph()
    with g.as_default():
        def generator(z):
            return tf.layers.conv2d(z, 1, 3, padding="same",
                                    kernel_initializer=tf.glorot_uniform_initializer(seed=1),
                                    kernel_regularizer=tf.nn.l2_loss)

        def discriminator(x, _):
            return tf.layers.dense(tf.layers.flatten(x), 1,
                                   kernel_initializer=tf.glorot_uniform_initializer(seed=2))
        x = tf.constant(rng.rand(4, 4, 4, 1).astype(np.float32))
        y = tf.constant(rng.rand(4, 4, 4, 1).astype(np.float32))
        model = G.gan_model(generator, discriminator, y, x)
        G.eval.add_gan_model_image_summaries(model, grid_size=2)
        G.eval.add_image_comparison_summaries(model, num_comparisons=3, display_diffs=True)
        G.eval.add_regularization_loss_summaries(model)
        cyclegan = G.cyclegan_model(generator, discriminator, x, y)
        G.eval.add_cyclegan_image_summaries(cyclegan)
        G.eval.add_gan_model_summaries(cyclegan)
        stargan = G.stargan_model(
            lambda images, targets: images * tf.reduce_sum(targets) * 0.5,
            lambda images, n: (tf.reduce_mean(images, [1, 2, 3]), tf.zeros([4, n])),
            x, tf.one_hot([0, 1, 2, 0], 3), "StarGenerator", "StarDiscriminator")
        G.eval.add_stargan_image_summaries(stargan, num_images=2, display_diffs=True)
        summaries = tf.get_collection(tf.GraphKeys.SUMMARIES)
        out = {"ops": _ops(g), "summaries": [s.name for s in summaries]}
        images = [op.inputs[1] for op in g.get_operations() if op.type == "ImageSummary"]
        scalars = [op.inputs[1] for op in g.get_operations() if op.type == "ScalarSummary"]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            out["images"] = sess.run(images)
            out["scalars"] = sess.run(scalars)
    return out


def signatures(tf):
    E = tf.contrib.gan.eval
    return function_argspecs(E)


def errors(tf):
    E = tf.contrib.gan.eval
    G = tf.contrib.gan
    out = {}
    with tf.Graph().as_default():
        a = tf.zeros([4, 3])
        model = G.GANModel(*([None] * 11))
        calls = {
            "score_rank": lambda: E.classifier_score_from_logits(tf.zeros([4])),
            "fid_rank": lambda: E.frechet_classifier_distance_from_activations(a, tf.zeros([4])),
            "kid_dims": lambda: E.kernel_classifier_distance_from_activations(
                a, tf.zeros([4, 2])),
            "grid_size": lambda: E.image_grid(tf.zeros([5, 2, 2, 3]), (2, 2), (2, 2)),
            "grid_shape": lambda: E.image_grid(tf.zeros([4, 2, 2, 3]), (2, 2), (3, 2)),
            "grid_flat": lambda: E.image_grid(tf.zeros([4, 7]), (2, 2), (2, 2)),
            "grid_rank": lambda: E.image_grid(tf.zeros([4, 2, 2]), (2, 2), (2, 2)),
            "reshaper_channels": lambda: E.image_reshaper(tf.zeros([3, 2, 2, 2])),
            "inception_size": lambda: E.run_inception(tf.zeros([2, 8, 8, 3]), None),
            "inception_no_fn": lambda: E.run_inception(tf.zeros([2, 299, 299, 3]), None,
                                                       default_graph_def_fn=None),
            "swd_channels": lambda: E.sliced_wasserstein_distance(tf.zeros([2, 8, 8, 1]),
                                                                  tf.zeros([2, 8, 8, 1])),
            "cyclegan_image": lambda: E.add_gan_model_image_summaries(
                G.CycleGANModel(*([None] * 4))),
            "not_cyclegan": lambda: E.add_cyclegan_image_summaries(model),
            "not_image": lambda: E.add_gan_model_image_summaries(
                model._replace(real_data=a, generated_data=a)),
        }
        out.update(call_errors(calls))
    return out


def cases(tf):
    return {"vendor": host_vendor(), "metrics": metrics(tf), "layouts": layouts(tf),
            "sliced": sliced(tf), "summaries": summaries(tf), "signatures": signatures(tf),
            "errors": errors(tf),
            "public": sorted(n for n in dir(tf.contrib.gan.eval) if not n.startswith("_"))}
