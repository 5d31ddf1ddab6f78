"""tf.contrib.factorization.gmm and GMM under TF 1.14 (tests/test_factorization.py runs the
same cases with flowgrad): EM steps on two fixed Gaussian blobs."""
import shutil
import tempfile

import numpy as np

_RS = np.random.RandomState(0)
DATA = np.concatenate([_RS.randn(30, 2), _RS.randn(30, 2) + [5, 5]]).astype(np.float32)


def graph(tf, covariance_type, initial, params="wmc", steps=5):
    tf.reset_default_graph()
    tf.set_random_seed(2)
    x = tf.constant(DATA)
    if initial == "given":
        initial = DATA[[0, 40]]
    loss, scores, assignments, train_op, init_op, is_initialized = \
        tf.contrib.factorization.gmm(x, initial, 2, 3, covariance_type, params)
    out = {"last_id": tf.get_default_graph()._last_id,
           "variables": [v.name for v in tf.global_variables()]}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out["initialized_before"] = sess.run(is_initialized)
        sess.run(init_op)
        out["initialized_after"] = sess.run(is_initialized)
        losses = []
        for _ in range(steps):
            sess.run(train_op)
            losses.append(sess.run(loss))
        out["losses"] = losses
        out["scores"] = sess.run(scores)
        out["assignments"] = sess.run(assignments[0][0])
        out["values"] = sess.run(tf.global_variables()[:3])
    return out


def estimator(tf, covariance_type):
    def input_fn():
        return tf.constant(DATA), None

    d = tempfile.mkdtemp()
    try:
        g = tf.contrib.factorization.GMM(2, model_dir=d, random_seed=4,
                                         initial_clusters=DATA[[0, 40]],
                                         covariance_type=covariance_type)
        g.fit(input_fn=input_fn, steps=5)
        return {"weights": g.weights(), "clusters": g.clusters(),
                "covariances": g.covariances(),
                "score": g.score(input_fn=input_fn, steps=1),
                "assignments": np.array(list(g.predict_assignments(input_fn=input_fn)))}
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
    out = {}
    for cov in ("full", "diag"):
        out["random_" + cov] = graph(tf, cov, "random")
        out["given_" + cov] = graph(tf, cov, "given")
        out["estimator_" + cov] = estimator(tf, cov)
    out["means_only"] = graph(tf, "full", "given", params="m")
    out["weights_covs"] = graph(tf, "diag", "random", params="wc")
    return out
