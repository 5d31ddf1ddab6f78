"""Graph-seeded random ops in tf.data functions under TF 1.14, as augmentation pipelines
write them (tf.set_random_seed, then unseeded random ops in a map): TF builds a function's
tf.cond as cond_v2 (an If op and an Identity per result; the branches are graphs with
op counters of their own), which moves the op seeds of the random ops made after it;
and TF's UserWarning naming the function whose random ops took the graph seed."""
import warnings

import numpy as np

X = np.random.RandomState(0).rand(2, 20, 24, 3).astype(np.float32)


def _augment(tf, kind):
    def prep(image):
        if kind >= 1:
            begin, size, _ = tf.image.sample_distorted_bounding_box(
                tf.shape(image), tf.constant([[[0.1, 0.1, 0.9, 0.9]]]), seed=5)
            image = tf.slice(image, begin, size)
            image = tf.image.resize_images(image, [12, 12])
        if kind >= 2:
            image = tf.image.random_flip_left_right(image)
        if kind >= 3:
            image = tf.image.random_flip_up_down(image)
            image = tf.image.random_brightness(image, 32. / 255.)
            image = tf.image.random_contrast(image, 0.5, 1.5)
        return image, tf.random_uniform([2])
    return prep


def _scalar_fns(tf):
    def two_results(v):
        a, b = tf.cond(v > 1.5, lambda: (v * 2, tf.random_uniform([2])),
                       lambda: (v - 1, tf.random_uniform([2]) + 1))
        return a, b, tf.random_uniform([])

    def in_branches(v):
        a = tf.cond(v > 1.5, lambda: tf.random_uniform([]) + v, lambda: tf.random_normal([]))
        return a, tf.random_uniform([])

    def nested(v):
        a = tf.cond(v > 0.5, lambda: tf.cond(v > 2.5, lambda: v,
                                             lambda: v + tf.random_uniform([])),
                    lambda: -v)
        return a, tf.random_uniform([])

    def random_pred(v):
        r = tf.random_uniform([])
        a = tf.cond(r > 0.5, lambda: v, lambda: -v)
        return a, tf.random_uniform([])
    return {"two_results": two_results, "in_branches": in_branches, "nested": nested,
            "random_pred": random_pred}


def _first(tf, ds, n):
    nxt = ds.make_one_shot_iterator().get_next()
    with tf.Session() as sess:
        return [sess.run(nxt) for _ in range(n)]


def augment(tf):
    """Per kind of pipeline, the first three elements (image, then a uniform after it)."""
    out = {}
    for kind in range(4):
        with tf.Graph().as_default(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tf.set_random_seed(36)
            ds = tf.data.Dataset.from_tensor_slices(X).repeat().map(_augment(tf, kind))
            out["kind%d" % kind] = [list(e) for e in _first(tf, ds, 3)]
    return out


def conds(tf):
    out = {}
    for name, fn in sorted(_scalar_fns(tf).items()):
        with tf.Graph().as_default(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tf.set_random_seed(7)
            ds = tf.data.Dataset.from_tensor_slices(np.arange(4, dtype=np.float32)).map(fn)
            out[name] = [list(e) for e in _first(tf, ds, 4)]
    return out


def seed_warnings(tf):
    """The UserWarnings each transformation gives (their messages, in order)."""
    def named(v):
        return tf.random_normal([])

    with tf.Graph().as_default(), warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        tf.set_random_seed(3)
        ds = tf.data.Dataset.range(4)
        ds.map(lambda v: tf.random_uniform([]))
        ds.filter(lambda v: tf.random_uniform([]) > 0.5)
        ds.flat_map(lambda v: tf.data.Dataset.from_tensors(tf.random_uniform([])))
        ds.map(lambda v: tf.cond(v > 1, lambda: tf.random_uniform([]), lambda: 1.0))
        ds.apply(tf.data.experimental.map_and_batch(lambda v: tf.random_uniform([]), 2))
        ds.map(lambda v: tf.random_uniform([], seed=1))
        ds.map(named, num_parallel_calls=2)
        tf.set_random_seed(0)
        ds.map(lambda v: tf.random_uniform([]))
        return [str(w.message) for w in seen if issubclass(w.category, UserWarning)
                and "Seed" in str(w.message)]


def outer_tensors(tf):
    """A map function slicing an outer tensor (the slice is made, and the tensor captured,
    in the function graph: it moves the op counter) and a random op named as one of the
    outer graph (each has its own stream): four elements, the outer op's values between."""
    with tf.Graph().as_default(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tf.set_random_seed(5)
        outer = tf.constant([[[0.1, 0.2, 0.8, 0.9]]])
        a = tf.random_uniform([], name="r")
        ds = tf.data.Dataset.range(4).map(
            lambda v: (tf.random_uniform([]) + outer[0, 0, 0], tf.random_uniform([], name="r")))
        nxt = ds.make_one_shot_iterator().get_next()
        with tf.Session() as sess:
            return [[sess.run(a)] + list(sess.run(nxt)) for _ in range(4)]


CASES = {"augment": augment, "conds": conds, "seed_warnings": seed_warnings,
         "outer_tensors": outer_tensors}


def cases(tf):
    return {name: fn(tf) for name, fn in sorted(CASES.items())}
