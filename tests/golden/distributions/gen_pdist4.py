# ruff: noqa: E501 - case code is data; long lines keep each case readable
"""tf.contrib.distributions breadth (session s46, pdist4): Deterministic/VectorDeterministic
with validate_args=True and BatchReshape (values, seeded samples, static and run-time
shapes, TF's checks and errors). Read by tests/test_pdist4.py; importable under Python 3.7
(the oracle)."""
import numpy as np

LOC = np.array([[0.5, -1.25, 2.], [3., 0., -0.75]], np.float32)


def _outcome(tf, build):
    """build(tf) -> (fetches dict, feeds) in a fresh graph: the values, or the error's class
    and first line (at build or at run time), and the op names."""
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(3)
        try:
            fetches, feeds = build(tf)
        except Exception as e:  # noqa: BLE001 - TF's error is the case's value
            return {"build_error": [type(e).__name__, str(e).split("\n")[0]]}
        out = {"ops": [op.name for op in g.get_operations()]}
        with tf.Session(graph=g) as sess:
            for key, t in sorted(fetches.items()):
                if not isinstance(t, tf.Tensor):
                    out[key] = t
                    continue
                out[key + "/static"] = str(t.shape)
                try:
                    out[key] = sess.run(t, feeds)
                except tf.errors.OpError as e:
                    out[key] = e.__class__(None, None, e.message.split("\n")[0])
    return out


def _det(loc, x, atol=None, rtol=None, vector=False, fed=False, fed_x=False):
    def build(tf):
        tfd = tf.contrib.distributions
        feeds = {}
        lo = loc
        if fed:
            lo = tf.placeholder(tf.float32, None)
            feeds[lo] = np.asarray(loc, np.float32)
        xx = x
        if fed_x:
            xx = tf.placeholder(tf.float32, None)
            feeds[xx] = np.asarray(x, np.float32)
        cls = tfd.VectorDeterministic if vector else tfd.Deterministic
        d = cls(loc=lo, atol=atol, rtol=rtol, validate_args=True)
        out = {"prob": d.prob(xx), "log_prob": d.log_prob(xx), "sample": d.sample(2, seed=1),
               "mean": d.mean(), "entropy": d.entropy(), "batch_shape": d.batch_shape_tensor(),
               "event_shape": d.event_shape_tensor()}
        if not vector:
            out["cdf"] = d.cdf(xx)
        return out, feeds
    return build


DET = {
    "scalar_ok": _det(LOC, LOC + np.float32(0.05), atol=0.1),
    "scalar_rtol": _det(LOC, LOC + np.float32(0.05), atol=0.01, rtol=[0.1, 0.01, 0.02]),
    "scalar_bad_atol": _det(LOC, LOC, atol=-0.1),
    "scalar_bad_rtol": _det(LOC, LOC, rtol=-0.5),
    "scalar_notol": _det(LOC, LOC),
    "scalar_fed": _det(LOC, LOC, atol=0.5, fed=True),
    "scalar_fed_bad": _det(LOC, LOC, atol=[-0.5, 0.1, 0.2], fed=True),
    "vector_ok": _det(LOC, LOC + np.float32(0.05), atol=0.1, vector=True),
    "vector_bad_tol": _det(LOC, LOC, atol=-0.1, vector=True),
    "vector_scalar_loc": _det(1.5, 1.5, vector=True),
    "vector_fed": _det(LOC, LOC, atol=0.1, vector=True, fed=True),
    "vector_fed_scalar_loc": _det(1.5, [1.5], vector=True, fed=True),
    "vector_x_fed": _det(LOC, LOC[0], atol=0.1, vector=True, fed_x=True),
    "vector_x_wrong_space": _det(LOC, LOC[:, :2], atol=0.1, vector=True, fed_x=True),
}


def _br(dist, batch_shape, x=None, validate=False, fed_shape=False, fed_x=False, methods=("log_prob", "prob", "cdf", "sample", "mean", "variance", "stddev", "entropy", "mode"), x_shape=None):
    def build(tf):
        tfd = tf.contrib.distributions
        feeds = {}
        bs = batch_shape
        if fed_shape:
            bs = tf.placeholder(tf.int32, [len(batch_shape)] if fed_shape == "vec" else None)
            feeds[bs] = np.asarray(batch_shape, np.int32)
        d = tfd.BatchReshape(distribution=dist(tf, tfd), batch_shape=bs, validate_args=validate)
        out = {"batch_shape": d.batch_shape_tensor(), "event_shape": d.event_shape_tensor(),
               "static_batch": str(d.batch_shape), "static_event": str(d.event_shape),
               "name": d.name, "reparam": str(d.reparameterization_type)}
        xx = x
        if fed_x and x is not None:
            xx = tf.placeholder(tf.float32, x_shape)
            feeds[xx] = x
        for m in methods:
            try:
                if m == "sample":
                    out[m] = d.sample(3, seed=5)
                elif m in ("log_prob", "prob", "cdf", "log_cdf", "survival_function", "log_survival_function"):
                    out[m] = getattr(d, m)(xx)
                else:
                    out[m] = getattr(d, m)()
            except Exception as e:  # noqa: BLE001 - TF's error is the case's value
                out[m + "/error"] = [type(e).__name__, str(e).split("\n")[0]]
        return out, feeds
    return build


def _normal6(tf, tfd):
    return tfd.Normal(loc=np.arange(6, dtype=np.float32).reshape(2, 3) * 0.5, scale=np.float32(1.5) + np.arange(6, dtype=np.float32).reshape(2, 3))


def _normal6_fed(tf, tfd):
    loc = tf.placeholder_with_default(np.arange(6, dtype=np.float32).reshape(2, 3) * 0.5, [None, 3])
    return tfd.Normal(loc=loc, scale=np.float32(2.))


def _mvn(tf, tfd):
    return tfd.MultivariateNormalDiag(loc=np.arange(24, dtype=np.float32).reshape(4, 3, 2) * 0.25, scale_diag=np.float32(1.) + np.arange(24, dtype=np.float32).reshape(4, 3, 2) * 0.1)


def _gamma(tf, tfd):
    return tfd.Gamma(concentration=np.float32([[1.5, 2., 3., 0.5]]), rate=np.float32(2.))


XN = (np.arange(6, dtype=np.float32) * 0.3 - 0.5)
XN2 = np.stack([XN, XN * 2.])
XM = (np.arange(24, dtype=np.float32).reshape(12, 2) * 0.2 - 1.)
MVN_M = ("log_prob", "prob", "sample", "mean", "variance", "stddev", "entropy", "mode", "covariance")

BATCH_RESHAPE = {
    "normal_6": _br(_normal6, [6], XN),
    "normal_3_2": _br(_normal6, [3, 2], XN.reshape(3, 2)),
    "normal_3_2_samples": _br(_normal6, [3, 2], XN2.reshape(2, 3, 2)),
    "normal_minus1": _br(_normal6, [-1, 2], XN.reshape(3, 2)),
    "normal_minus1_validate": _br(_normal6, [-1, 2], XN.reshape(3, 2), validate=True),
    "normal_fed_shape": _br(_normal6, [3, 2], XN.reshape(3, 2), fed_shape="vec"),
    "normal_fed_shape_validate": _br(_normal6, [3, 2], XN.reshape(3, 2), fed_shape="vec", validate=True),
    "normal_fed_shape_minus1_validate": _br(_normal6, [-1, 3], XN.reshape(2, 3), fed_shape="vec", validate=True),
    "normal_fed_shape_bad_validate": _br(_normal6, [4, 2], XN.reshape(3, 2), fed_shape="vec", validate=True, fed_x=True, x_shape=[None, 2]),
    "normal_fed_shape_unknown_rank": _br(_normal6, [6], XN, fed_shape="any", validate=True),
    "normal_fed_x": _br(_normal6, [3, 2], XN2.reshape(2, 3, 2), fed_x=True, x_shape=None),
    "normal_fed_x_validate": _br(_normal6, [3, 2], XN2.reshape(2, 3, 2), fed_x=True, x_shape=None, validate=True),
    "normal_fed_x_partial_validate": _br(_normal6, [3, 2], XN2.reshape(2, 3, 2), fed_x=True, x_shape=[None, 3, 2], validate=True),
    "normal_fed_x_bad_validate": _br(_normal6, [3, 2], XN2.reshape(3, 4), fed_x=True, x_shape=None, validate=True),
    "normal_fed_x_low_rank_validate": _br(_normal6, [3, 2], XN, fed_x=True, x_shape=None, validate=True),
    "normal_x_too_few_dims": _br(_normal6, [3, 2], XN),
    "normal_x_wrong_shape": _br(_normal6, [3, 2], XN.reshape(2, 3)),
    "normal_fed_dist": _br(_normal6_fed, [6], XN),
    "normal_fed_dist_validate": _br(_normal6_fed, [3, 2], XN.reshape(3, 2), validate=True),
    "normal_bad_size": _br(_normal6, [4], XN),
    "normal_bad_rank": _br(_normal6, [[6]], XN),
    "normal_bad_elem": _br(_normal6, [-2, -3], XN),
    "mvn_12": _br(_mvn, [12], XM, methods=MVN_M),
    "mvn_2_6": _br(_mvn, [2, 6], XM.reshape(2, 6, 2), methods=MVN_M),
    "mvn_minus1_validate": _br(_mvn, [6, -1], XM.reshape(6, 2, 2), validate=True, methods=MVN_M),
    "mvn_fed_x_validate": _br(_mvn, [2, 6], np.stack([XM.reshape(2, 6, 2)] * 2), validate=True, fed_x=True, x_shape=None, methods=("log_prob",)),
    "gamma_2_2": _br(_gamma, [2, 2], np.float32([[0.5, 1.], [2., 3.]]), methods=("log_prob", "cdf", "log_cdf", "survival_function", "log_survival_function", "sample", "mean", "mode", "entropy")),
}


def cases(tf):
    out = {}
    for key, build in sorted(DET.items()):
        for k, v in _outcome(tf, build).items():
            out["deterministic/%s/%s" % (key, k)] = v
    for key, build in sorted(BATCH_RESHAPE.items()):
        for k, v in _outcome(tf, build).items():
            out["batch_reshape/%s/%s" % (key, k)] = v
    return out
