"""tf.contrib.factorization.KMeansClustering and tf.estimator.experimental.KMeans (core=True)
under TF 1.14 (tests/test_factorization.py runs
the same cases with flowgrad): train on a constant input_fn, score / predict_cluster_index /
transform on a one-epoch input_fn, cluster_centers and the checkpoint's variable names.

Training's input_fn is not limit_epochs: when the first train step runs out of input, TF's
executor has already run the global step's AssignAdd (and saves a checkpoint at step 1),
which depends on its scheduling."""
import shutil
import tempfile

import numpy as np

POINTS = np.random.RandomState(3).uniform(0, 10, [60, 2]).astype(np.float32)


def run(tf, rounds=3, steps=2, core=False, **kwargs):
    def train_fn():
        return tf.constant(POINTS)

    def once_fn():
        return tf.train.limit_epochs(tf.convert_to_tensor(POINTS, dtype=tf.float32),
                                     num_epochs=1)

    d = tempfile.mkdtemp()
    try:
        cls = tf.estimator.experimental.KMeans if core else \
            tf.contrib.factorization.KMeansClustering
        km = cls(model_dir=d, **kwargs)
        scores = []
        for _ in range(rounds):
            km.train(train_fn, steps=steps)
            scores.append(km.score(once_fn))
        return {"scores": scores, "centers": km.cluster_centers(),
                "index": np.array(list(km.predict_cluster_index(once_fn))),
                "transform": np.array(list(km.transform(once_fn))),
                "names": sorted(km.get_variable_names()),
                "global_step": km.get_variable_value("global_step")}
    finally:
        shutil.rmtree(d)


def cases(tf):
    old = tf.logging.get_verbosity()   # (restored: the tests share one process)
    tf.logging.set_verbosity(tf.logging.ERROR)
    try:
        return _cases(tf)
    finally:
        tf.logging.set_verbosity(old)


def _cases(tf):
    return {
        "full_batch": run(tf, num_clusters=4, use_mini_batch=False, random_seed=2),
        "cosine": run(tf, num_clusters=3, use_mini_batch=False, random_seed=5,
                      distance_metric="cosine"),
        "kmeans_pp": run(tf, num_clusters=5, use_mini_batch=False, random_seed=1,
                         initial_clusters="kmeans_plus_plus"),
        "relative_tolerance": run(tf, rounds=1, steps=50, num_clusters=4,
                                  use_mini_batch=False, random_seed=2,
                                  relative_tolerance=1e-3),
        "given_centers": run(tf, rounds=2, num_clusters=2, use_mini_batch=False,
                             initial_clusters=POINTS[[0, 5]]),
        # the core KMeans: get_seed(seed)[0] is the graph seed (TF's default one when
        # only seed is given), transform's distances are square roots
        "core_seed": run(tf, core=True, num_clusters=4, use_mini_batch=False, seed=2),
        "core_graph_seed": run(tf, core=True, num_clusters=3, use_mini_batch=False,
                               initial_clusters="kmeans_plus_plus",
                               config=tf.estimator.RunConfig(tf_random_seed=7)),
        "core_cosine": run(tf, core=True, num_clusters=3, use_mini_batch=False, seed=5,
                           distance_metric="cosine"),
    }
