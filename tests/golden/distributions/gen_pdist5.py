# ruff: noqa: E501 - case code is data; long lines keep each case readable
"""tf.contrib.distributions breadth (session s47, pdist5): VectorSinhArcsinhDiag,
WishartCholesky and WishartFull (values, seeded samples, static and run-time shapes,
TF's checks and errors, op names). Read by tests/test_pdist5.py; importable under
Python 3.7 (the oracle)."""
import numpy as np


def _outcome(tf, build):
    """build(tf) -> (fetches dict, feeds) in a fresh graph: the values, or the error's class
    and first line (at build or at run time), and the op names."""
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(7)
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


def _methods(d, x, methods, out):
    for m in methods:
        try:
            if m == "sample":
                out[m] = d.sample(3, seed=5)
            elif m == "sample1":
                out[m] = d.sample(seed=11)
            elif m in ("log_prob", "prob", "cdf", "log_cdf", "survival_function", "log_survival_function"):
                out[m] = getattr(d, m)(x)
            else:
                out[m] = getattr(d, m)()
        except Exception as e:  # noqa: BLE001 - TF's error is the case's value
            out[m + "/error"] = [type(e).__name__, str(e).split("\n")[0]]


SAS_M = ("log_prob", "prob", "sample", "sample1", "mean", "entropy", "stddev", "mode", "cdf")
LOC3 = np.float32([0.5, -1., 2.])
DIAG3 = np.float32([1., 2., 0.5])
DIAG23 = np.float32([[1., 2., 0.5], [0.25, 1.5, 3.]])
X3 = np.float32([[0.2, -0.5, 1.5], [1., 3., -2.]])


def _sas(x=X3, fed=(), fed_x=False, base=None, methods=SAS_M, **kw):
    def build(tf):
        tfd = tf.contrib.distributions
        feeds = {}
        args = {}
        for k, v in kw.items():
            if k in fed:
                p = tf.placeholder(tf.float32, None)
                feeds[p] = np.asarray(v, np.float32)
                v = p
            args[k] = v
        if base is not None:
            args["distribution"] = base(tf, tfd)
        d = tfd.VectorSinhArcsinhDiag(**args)
        out = {"batch_shape": d.batch_shape_tensor(), "event_shape": d.event_shape_tensor(),
               "static_batch": str(d.batch_shape), "static_event": str(d.event_shape),
               "name": d.name, "reparam": str(d.reparameterization_type),
               "scale_type": type(d.scale).__name__}
        xx = x
        if fed_x:
            xx = tf.placeholder(tf.float32, None)
            feeds[xx] = x
        _methods(d, xx, methods, out)
        return out, feeds
    return build


def _laplace(tf, tfd):
    return tfd.Laplace(loc=np.float32(0.), scale=np.float32(1.))


def _laplace_batch(tf, tfd):
    return tfd.Laplace(loc=np.float32([0., 1.]), scale=np.float32(1.))


def _laplace64(tf, tfd):
    return tfd.Laplace(loc=np.float64(0.), scale=np.float64(1.))


def _gamma(tf, tfd):
    return tfd.Gamma(concentration=np.float32(2.), rate=np.float32(1.))


def _normal_fed_batch(tf, tfd):
    return tfd.Normal(loc=tf.placeholder_with_default(np.float32([0.]), [None]), scale=np.float32(1.))


SAS = {
    "default_loc_diag": _sas(loc=LOC3, scale_diag=DIAG3),
    "skew_tail": _sas(loc=LOC3, scale_diag=DIAG3, skewness=np.float32(0.5), tailweight=np.float32(1.5)),
    "skew_tail_vectors": _sas(loc=LOC3, scale_diag=DIAG3, skewness=np.float32([0.5, -0.25, 0.]), tailweight=np.float32([0.75, 1.5, 2.])),
    "skew_only": _sas(loc=LOC3, scale_diag=DIAG3, skewness=-0.3),
    "tail_only": _sas(loc=LOC3, scale_diag=DIAG3, tailweight=0.6),
    "batch_diag": _sas(loc=LOC3, scale_diag=DIAG23, skewness=0.2, tailweight=1.2),
    "batch_loc": _sas(loc=np.stack([LOC3, LOC3 * 2.]), scale_diag=DIAG3, tailweight=1.2),
    "multiplier_only": _sas(loc=LOC3, scale_identity_multiplier=np.float32(2.5), skewness=0.1),
    "diag_plus_multiplier": _sas(loc=LOC3, scale_diag=DIAG3, scale_identity_multiplier=np.float32(0.5), tailweight=0.9),
    "no_loc": _sas(scale_diag=DIAG23, skewness=0.4),
    "loc_only": _sas(loc=LOC3, skewness=0.4, tailweight=1.3),
    "nothing": _sas(),
    "loc_float64": _sas(x=X3.astype(np.float64), loc=LOC3.astype(np.float64), scale_diag=DIAG3.astype(np.float64), skewness=0.3, tailweight=1.1),
    "laplace_base": _sas(loc=LOC3, scale_diag=DIAG3, skewness=0.3, tailweight=1.1, base=_laplace),
    "laplace_base_validate": _sas(loc=LOC3, scale_diag=DIAG3, skewness=0.3, base=_laplace, validate_args=True),
    "laplace_batch_base": _sas(loc=LOC3, scale_diag=DIAG3, base=_laplace_batch),
    "laplace64_base": _sas(loc=LOC3, scale_diag=DIAG3, base=_laplace64),
    "gamma_base_validate": _sas(loc=LOC3, scale_diag=DIAG3, base=_gamma, validate_args=True),
    "gamma_base": _sas(loc=LOC3, scale_diag=DIAG3, base=_gamma, methods=("sample", "log_prob")),
    "fed_batch_base_validate": _sas(loc=LOC3, scale_diag=DIAG3, base=_normal_fed_batch, validate_args=True, methods=("sample", "log_prob")),
    "fed_batch_base": _sas(loc=LOC3, scale_diag=DIAG3, base=_normal_fed_batch, methods=("sample", "log_prob")),
    "validate_zero_diag": _sas(loc=LOC3, scale_diag=np.float32([1., 0., 2.]), validate_args=True),
    "validate_ok": _sas(loc=LOC3, scale_diag=DIAG3, skewness=0.5, tailweight=2., validate_args=True),
    "validate_bad_tailweight": _sas(loc=LOC3, scale_diag=DIAG3, tailweight=-1., validate_args=True),
    "bad_tailweight": _sas(loc=LOC3, scale_diag=DIAG3, tailweight=-1.),
    "event_mismatch": _sas(loc=np.float32([1., 2.]), scale_diag=DIAG3),
    "fed_loc": _sas(loc=LOC3, scale_diag=DIAG3, skewness=0.2, fed=("loc",)),
    "fed_diag": _sas(loc=LOC3, scale_diag=DIAG23, tailweight=0.8, fed=("scale_diag",)),
    "fed_all_x": _sas(loc=LOC3, scale_diag=DIAG3, skewness=0.2, tailweight=1.4, fed=("loc", "scale_diag", "skewness", "tailweight"), fed_x=True),
    "named": _sas(loc=LOC3, scale_diag=DIAG3, name="vsas", methods=("sample", "log_prob")),
}


def cases(tf):
    out = {}
    for key, build in sorted(SAS.items()):
        for k, v in _outcome(tf, build).items():
            out["vector_sinh_arcsinh/%s/%s" % (key, k)] = v
    return out
