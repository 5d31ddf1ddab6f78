# ruff: noqa: E501 - case code is data; long lines keep each case readable
"""tf.contrib.distributions breadth (session s46): QuantizedDistribution (values, seeded
samples, low/high handling, validate_args checks, errors) and the run-time-shape and
validate_args paths of MultivariateNormal*, Independent, Affine and fill_triangular.
Read by tests/test_pdist3.py; importable under Python 3.7 (the oracle)."""
import numpy as np

Y = np.array([-3., -2., -1., 0., 1., 2., 3., 4., 5., 6.], np.float32)
Y2 = np.array([[-1.5, 0.2, 1.0, 2.7], [3.0, 4.5, 7.0, -8.0]], np.float32).T.copy()
LOC = np.array([0.3, 1.7], np.float32)
SCALE = np.array([1.5, 2.5], np.float32)


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
                try:
                    out[key] = sess.run(t, feeds)
                except tf.errors.OpError as e:
                    out[key] = e.__class__(None, None, e.message.split("\n")[0])
    return out


def _all_methods(d, y):
    return {"sample": d.sample(5, seed=9), "log_prob": d.log_prob(y), "prob": d.prob(y),
            "cdf": d.cdf(y), "log_cdf": d.log_cdf(y), "sf": d.survival_function(y),
            "log_sf": d.log_survival_function(y), "batch_shape": d.batch_shape_tensor(),
            "event_shape": d.event_shape_tensor()}


def _q(low=None, high=None, loc=LOC, scale=SCALE, y=Y2, **kw):
    def build(tf):
        tfd = tf.contrib.distributions
        d = tfd.QuantizedDistribution(tfd.Normal(loc=loc, scale=scale), low=low, high=high, **kw)
        out = _all_methods(d, y)
        out["low_high"] = [t for t in (d.low, d.high) if t is not None]
        return out, {}
    return build


def _q_scalar(tf):
    tfd = tf.contrib.distributions
    d = tfd.QuantizedDistribution(tfd.Normal(loc=1.2, scale=3.), low=-2., high=4.)
    return _all_methods(d, Y), {}


def _q_f64(tf):
    tfd = tf.contrib.distributions
    d = tfd.QuantizedDistribution(tfd.Logistic(loc=LOC.astype(np.float64), scale=SCALE.astype(np.float64)), low=np.float64(-1.), high=np.float64(5.))
    return _all_methods(d, Y2.astype(np.float64)), {}


def _q_dyn(tf):
    tfd = tf.contrib.distributions
    loc = tf.placeholder(tf.float32, [None])
    d = tfd.QuantizedDistribution(tfd.Normal(loc=loc, scale=2.), low=0., high=3.)
    out = _all_methods(d, Y2.T.copy())
    out["static_batch"] = tf.constant(str(d.batch_shape))
    return out, {loc: np.array([0.5, -1., 2.5, 1.], np.float32)}


def _q_transformed(tf):
    tfd = tf.contrib.distributions
    base = tfd.TransformedDistribution(distribution=tfd.Logistic(loc=LOC, scale=SCALE), bijector=tfd.bijectors.AffineScalar(shift=-0.5))
    d = tfd.QuantizedDistribution(distribution=base, low=0., high=255.)
    return _all_methods(d, np.array([[0., 1., 254., 255.], [3., 128., 7., -2.]], np.float32).T.copy()), {}


def _q_mixture(tf):
    tfd = tf.contrib.distributions
    logits = np.array([[0.2, -0.4, 1.0], [0.0, 0.5, -0.5]], np.float32)
    loc = np.array([[-2., 1., 5.], [0., 3., 10.]], np.float32)
    comp = tfd.QuantizedDistribution(distribution=tfd.TransformedDistribution(distribution=tfd.Logistic(loc=loc, scale=np.float32(1.5)), bijector=tfd.bijectors.AffineScalar(shift=-0.5)), low=0., high=15.)
    mix = tfd.MixtureSameFamily(mixture_distribution=tfd.Categorical(logits=logits), components_distribution=comp)
    t = np.array([[0., 4.], [7., 15.], [3., 2.]], np.float32)
    return {"log_prob": mix.log_prob(t), "sample": mix.sample(3, seed=2), "mean_cdf": mix.cdf(t)}, {}


def _q_validated(y, low=0., high=6.):
    def build(tf):
        tfd = tf.contrib.distributions
        d = tfd.QuantizedDistribution(tfd.Normal(loc=LOC, scale=SCALE), low=low, high=high, validate_args=True)
        return {"log_prob": d.log_prob(y), "prob": d.prob(y), "sample": d.sample(2, seed=1)}, {}
    return build


def _q_validated_fed(y, low, high):
    def build(tf):
        tfd = tf.contrib.distributions
        yp = tf.placeholder(tf.float32, [None, 2])
        lo = tf.placeholder(tf.float32, [])
        d = tfd.QuantizedDistribution(tfd.Normal(loc=LOC, scale=SCALE), low=lo, high=high, validate_args=True)
        return {"log_prob": d.log_prob(yp), "cdf": d.cdf(yp), "sample": d.sample(2, seed=1)}, {yp: y, lo: low}
    return build


def _q_bad_dtype(tf):
    tfd = tf.contrib.distributions
    d = tfd.QuantizedDistribution(tfd.Normal(loc=LOC, scale=SCALE), low=np.float64(0.), high=4.)
    return {"cdf": d.cdf(Y2)}, {}


def _q_int_low(tf):
    tfd = tf.contrib.distributions
    d = tfd.QuantizedDistribution(tfd.Normal(loc=LOC, scale=SCALE), low=0, high=4)
    return {"cdf": d.cdf(Y2)}, {}


def _q_props(tf):
    tfd = tf.contrib.distributions
    base = tfd.Normal(loc=LOC, scale=SCALE, allow_nan_stats=False)
    d = tfd.QuantizedDistribution(base, low=0., high=4.)
    info = [d.name, str(d.batch_shape), str(d.event_shape), d.allow_nan_stats, d.validate_args,
            str(d.reparameterization_type), sorted(d.parameters), d.dtype.name,
            len(d._graph_parents), d.distribution is base]
    return {"info": tf.constant(repr(info))}, {}


def _q_no_mean(tf):
    tfd = tf.contrib.distributions
    d = tfd.QuantizedDistribution(tfd.Normal(loc=LOC, scale=SCALE))
    return {"mean": d.mean()}, {}


def _q_base(make, low=0., high=6., y=np.array([[-1., 0., 1., 2.5], [3., 4., 6., 9.]], np.float32).T.copy()):
    def build(tf):
        tfd = tf.contrib.distributions
        d = tfd.QuantizedDistribution(make(tfd), low=low, high=high)
        out = _all_methods(d, y)
        out["sample_2d"] = d.sample([2, 3], seed=4)
        return out, {}
    return build


def _q_grad(tf):
    tfd = tf.contrib.distributions
    loc = tf.constant(LOC)
    scale = tf.constant(SCALE)
    d = tfd.QuantizedDistribution(tfd.Logistic(loc=loc, scale=scale), low=-2., high=5.)
    lp = tf.reduce_sum(d.log_prob(Y2))
    g = tf.gradients(lp, [loc, scale])
    return {"lp": lp, "g_loc": g[0], "g_scale": g[1]}, {}


QUANTIZED_BASES = {
    "gamma": _q_base(lambda tfd: tfd.Gamma(concentration=[2., 3.5], rate=[1., 0.5])),
    "beta_scaled": _q_base(lambda tfd: tfd.TransformedDistribution(tfd.Beta(concentration1=[2., 3.5], concentration0=[1.5, 0.5]), tfd.bijectors.AffineScalar(scale=6.))),
    "student": _q_base(lambda tfd: tfd.StudentT(df=[3., 5.], loc=[1., 2.], scale=[2., 1.]), low=None),
    "uniform": _q_base(lambda tfd: tfd.Uniform(low=[-0.5, 0.5], high=[4.5, 7.])),
    "exponential": _q_base(lambda tfd: tfd.Exponential(rate=[0.5, 1.5]), high=None),
    "lognormal": _q_base(lambda tfd: tfd.TransformedDistribution(tfd.Normal(loc=[0.5, 1.], scale=[0.75, 0.5]), tfd.bijectors.Exp())),
    "laplace": _q_base(lambda tfd: tfd.Laplace(loc=[1., 2.], scale=[2., 1.])),
    "cauchy": _q_base(lambda tfd: tfd.Cauchy(loc=[1., 2.], scale=[2., 1.]), low=None, high=None),
    "poisson": _q_base(lambda tfd: tfd.Poisson(rate=[2., 3.5])),
    "gumbel_like_kumaraswamy": _q_base(lambda tfd: tfd.TransformedDistribution(tfd.Kumaraswamy(concentration1=[2., 3.], concentration0=[1.5, 4.]), tfd.bijectors.AffineScalar(scale=6.))),
    "half_normal": _q_base(lambda tfd: tfd.HalfNormal(scale=[2., 3.])),
    "grad": _q_grad,
}


QUANTIZED = {"both": _q(low=-1., high=4.), "none": _q(), "low": _q(low=0.), "high": _q(high=2.),
             "scalar": _q_scalar, "f64": _q_f64, "dyn": _q_dyn, "transformed": _q_transformed,
             "mixture": _q_mixture, "valid_ok": _q_validated(Y2[:, :2].round()),
             "valid_frac": _q_validated(Y2), "valid_low_high": _q_validated(Y2.round(), low=3., high=3.),
             "fed_frac": _q_validated_fed(Y2, 0., 6.), "fed_ok": _q_validated_fed(Y2.round(), -1., 6.),
             "fed_low_high": _q_validated_fed(Y2.round(), 6., 6.), "bad_dtype": _q_bad_dtype, "int_low": _q_int_low, "props": _q_props, "no_mean": _q_no_mean}


def _nan_stats(make, methods):
    def build(tf):
        d = make(tf.contrib.distributions)
        return {m: getattr(d, m)() for m in methods}, {}
    return build


NAN_STATS = {
    "inverse_gamma_ok": _nan_stats(lambda tfd: tfd.InverseGamma(concentration=[2.5, 3.5], rate=[1., 2.], allow_nan_stats=False), ["mean", "variance", "stddev", "mode"]),
    "inverse_gamma_mean_bad": _nan_stats(lambda tfd: tfd.InverseGamma(concentration=[0.5, 3.5], rate=[1., 2.], allow_nan_stats=False), ["mean", "variance"]),
    "inverse_gamma_var_bad": _nan_stats(lambda tfd: tfd.InverseGamma(concentration=[1.5, 3.5], rate=[1., 2.], allow_nan_stats=False), ["mean", "variance", "stddev"]),
    "inverse_gamma_nan": _nan_stats(lambda tfd: tfd.InverseGamma(concentration=[0.5, 1.5, 3.5], rate=[1., 2., 3.]), ["mean", "variance", "stddev"]),
    "inverse_gamma_softplus": _nan_stats(lambda tfd: tfd.InverseGammaWithSoftplusConcentrationRate(concentration=[-2., 3.5], rate=[1., 2.], allow_nan_stats=False), ["mean"]),
    "kumaraswamy_ok": _nan_stats(lambda tfd: tfd.Kumaraswamy(concentration1=[2., 3.], concentration0=[1.5, 4.], allow_nan_stats=False), ["mode", "mean"]),
    "kumaraswamy_c1_bad": _nan_stats(lambda tfd: tfd.Kumaraswamy(concentration1=[0.5, 3.], concentration0=[1.5, 4.], allow_nan_stats=False), ["mode"]),
    "kumaraswamy_c0_bad": _nan_stats(lambda tfd: tfd.Kumaraswamy(concentration1=[2., 3.], concentration0=[1.5, 0.25], allow_nan_stats=False), ["mode"]),
    "kumaraswamy_nan": _nan_stats(lambda tfd: tfd.Kumaraswamy(concentration1=[2., 0.5], concentration0=[1.5, 4.]), ["mode"]),
    "cauchy_mean": _nan_stats(lambda tfd: tfd.Cauchy(loc=[0., 1.], scale=1., allow_nan_stats=False), ["mean"]),
    "cauchy_stddev": _nan_stats(lambda tfd: tfd.Cauchy(loc=[0., 1.], scale=1., allow_nan_stats=False), ["stddev"]),
    "cauchy_variance": _nan_stats(lambda tfd: tfd.Cauchy(loc=[0., 1.], scale=1., allow_nan_stats=False), ["variance"]),
    "beta_mode_bad": _nan_stats(lambda tfd: tfd.Beta(concentration1=[0.5, 3.], concentration0=[1.5, 4.], allow_nan_stats=False), ["mode"]),
    "gamma_mode_bad": _nan_stats(lambda tfd: tfd.Gamma(concentration=[0.5, 3.], rate=[1.5, 4.], allow_nan_stats=False), ["mode"]),
    "student_bad": _nan_stats(lambda tfd: tfd.StudentT(df=[0.5, 1.5], loc=0., scale=1., allow_nan_stats=False), ["mean", "variance"]),
    "dirichlet_mode_bad": _nan_stats(lambda tfd: tfd.Dirichlet(concentration=[[0.5, 3., 2.]], allow_nan_stats=False), ["mode"]),
}


LOC3 = np.array([[[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]]], np.float32)


def _indep(loc_shape, rbn=None, rbn_feed=None, validate=False, extra=False):
    def build(tf):
        tfd = tf.contrib.distributions
        loc = tf.placeholder(tf.float32, loc_shape)
        feeds = {loc: LOC3}
        if rbn_feed is not None:
            r = tf.placeholder(tf.int32, [])
            feeds[r] = rbn_feed
        else:
            r = rbn
        d = tfd.Independent(tfd.Normal(loc=loc, scale=1.5), reinterpreted_batch_ndims=r, validate_args=validate)
        s = d.sample(2, seed=4)
        out = {"sample": s, "log_prob": d.log_prob(s), "entropy": d.entropy(), "mean": d.mean(),
               "batch_shape": d.batch_shape_tensor(), "event_shape": d.event_shape_tensor(),
               "static": tf.constant(repr([str(d.batch_shape), str(d.event_shape), str(s.shape)]))}
        if extra:
            out.update(stddev=d.stddev(), variance=d.variance(), mode=d.mode(), prob=d.prob(s))
        return out, feeds
    return build


def _kl_indep(loc_shape, rbn=1, other_loc=None, validate=False):
    def build(tf):
        tfd = tf.contrib.distributions
        loc = tf.placeholder(tf.float32, loc_shape)
        loc2 = tf.placeholder(tf.float32, loc_shape)
        a = tfd.Independent(tfd.Normal(loc=loc, scale=1.5), reinterpreted_batch_ndims=rbn, validate_args=validate)
        b = tfd.Independent(tfd.Normal(loc=loc2, scale=0.5), reinterpreted_batch_ndims=rbn, validate_args=validate)
        return {"kl": tfd.kl_divergence(a, b)}, {loc: LOC3, loc2: LOC3[..., ::-1] if other_loc is None else other_loc}
    return build


INDEPENDENT = {
    "unknown_rank_default": _indep(None, extra=True),
    "unknown_rank_1": _indep(None, rbn=1),
    "unknown_rank_valid": _indep(None, rbn=2, validate=True),
    "unknown_rank_too_big": _indep(None, rbn=4, validate=True),
    "unknown_rank_too_big_unchecked": _indep(None, rbn=4),
    "fed_rbn": _indep([1, 2, 3], rbn_feed=2, extra=True),
    "fed_rbn_zero": _indep([1, 2, 3], rbn_feed=0),
    "fed_rbn_valid": _indep([1, 2, 3], rbn_feed=3, validate=True),
    "fed_rbn_too_big": _indep([1, 2, 3], rbn_feed=4, validate=True),
    "fed_rbn_unknown_rank": _indep(None, rbn_feed=1, validate=True),
    "static_too_big": _indep([1, 2, 3], rbn=4),
    "partial_shape": _indep([None, None, 3], rbn=2, validate=True),
    "kl_static": _kl_indep([1, 2, 3]),
    "kl_runtime_dims": _kl_indep([None, None, None]),
    "kl_runtime_dims_2": _kl_indep([1, None, None], rbn=2),
    "kl_unknown_rank": _kl_indep(None),
    "kl_mismatch": _kl_indep([None, None, None], other_loc=LOC3[..., :2]),
}


MS_LOGITS = np.array([[0.3, -0.2, 0.1], [1.0, 0.0, -1.0]], np.float32)
MS_LOC = np.array([[-1.5, 0.25, 2.0], [0.5, -0.75, 3.0]], np.float32)


def _msf(loc_shape, logits_shape, mvn=False, value_rank_known=True):
    def build(tf):
        tfd = tf.contrib.distributions
        loc = tf.placeholder(tf.float32, loc_shape)
        logits = tf.placeholder(tf.float32, logits_shape)
        if mvn:
            comp = tfd.MultivariateNormalDiag(loc=loc, scale_diag=[1.5, 0.5])
            loc_v = np.stack([MS_LOC, -MS_LOC], -1)
        else:
            comp = tfd.Normal(loc=loc, scale=1.25)
            loc_v = MS_LOC
        d = tfd.MixtureSameFamily(mixture_distribution=tfd.Categorical(logits=logits), components_distribution=comp)
        s = d.sample(4, seed=6)
        x = s if value_rank_known else tf.placeholder_with_default(s, None)
        out = {"sample": s, "log_prob": d.log_prob(x), "mean": d.mean(), "variance": d.variance(),
               "batch_shape": d.batch_shape_tensor(), "event_shape": d.event_shape_tensor(),
               "static": tf.constant(repr([str(d.batch_shape), str(d.event_shape), str(s.shape)]))}
        if not mvn:
            out["cdf"] = d.cdf(x)
            out["stddev"] = d.stddev()
        else:
            out["covariance"] = d.covariance()
        return out, {loc: loc_v, logits: MS_LOGITS}
    return build


MSF = {"unknown_rank_both": _msf(None, None), "unknown_rank_cat": _msf([2, 3], None),
       "unknown_rank_comp": _msf(None, [2, 3]), "unknown_rank_value": _msf([2, 3], [2, 3], value_rank_known=False),
       "unknown_rank_all": _msf(None, None, value_rank_known=False),
       "mvn_unknown_rank": _msf(None, None, mvn=True), "mvn_unknown_value": _msf([2, 3, 2], [2, 3], mvn=True, value_rank_known=False)}


MU = np.array([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]], np.float32)
DIAG = np.array([[1.5, 0.5, 2.0], [0.75, 1.25, 1.0]], np.float32)
TRIL = np.array([[[1.5, 0., 0.], [0.3, 0.5, 0.], [-0.2, 0.4, 2.0]], [[0.75, 0., 0.], [0.1, 1.25, 0.], [0.6, -0.3, 1.0]]], np.float32)
COV = np.matmul(TRIL, np.transpose(TRIL, [0, 2, 1]))
FM = np.array([[[2., 0., 0.], [1., 4., 0.], [0., 1., 0.5]], [[1., 0., 0.], [0.5, 2., 0.], [0.25, 0.5, 4.]]], np.float32)
X = np.array([[[0.1, 0.2, 0.3], [1.0, -1.0, 0.5]], [[-0.4, 0.9, 2.2], [0.0, 0.0, 0.0]]], np.float32)


def _mvn_methods(d, x, cov=True):
    s = d.sample(3, seed=5)
    out = {"sample": s, "prob": d.prob(s), "entropy": d.entropy(),
           "mean": d.mean(), "stddev": d.stddev(), "log_prob_sample": d.log_prob(s)}
    if x is not None:
        out["log_prob"] = d.log_prob(x)
    if cov:
        out["covariance"] = d.covariance()
    return out


def _mvn(make, feeds=None, x=X, cov=True, x_unknown=False):
    def build(tf):
        tfd = tf.contrib.distributions
        fed = {}
        args = {}
        for k, v in (feeds or {}).items():
            p = tf.placeholder(tf.float32, v[0])
            fed[p] = v[1]
            args[k] = p
        d = make(tfd, tf, args)
        xx = tf.placeholder_with_default(x, None) if x_unknown and x is not None else x
        out = _mvn_methods(d, xx, cov)
        out["static"] = tf.constant(repr([str(d.batch_shape), str(d.event_shape)]))
        return out, fed
    return build


MVN = {
    "diag_valid": _mvn(lambda tfd, tf, a: tfd.MultivariateNormalDiag(loc=MU, scale_diag=DIAG, validate_args=True)),
    "diag_singular": _mvn(lambda tfd, tf, a: tfd.MultivariateNormalDiag(loc=MU, scale_diag=DIAG * [1., 0., 1.], validate_args=True)),
    "diag_fed_singular": _mvn(lambda tfd, tf, a: tfd.MultivariateNormalDiag(loc=MU, scale_diag=a["d"], validate_args=True), {"d": ([None, 3], DIAG * [1., 0., 1.])}),
    "diag_identity_valid": _mvn(lambda tfd, tf, a: tfd.MultivariateNormalDiag(loc=MU, validate_args=True)),
    "diag_multiplier_valid": _mvn(lambda tfd, tf, a: tfd.MultivariateNormalDiag(loc=MU, scale_identity_multiplier=a["m"], validate_args=True), {"m": ([], 0.0)}),
    "tril_valid": _mvn(lambda tfd, tf, a: tfd.MultivariateNormalTriL(loc=MU, scale_tril=TRIL, validate_args=True), x=None),
    "tril_fed_singular": _mvn(lambda tfd, tf, a: tfd.MultivariateNormalTriL(loc=MU, scale_tril=a["t"], validate_args=True), {"t": ([None, 3, 3], TRIL * np.array([1., 0., 1.], np.float32)[:, None])}, x=None),
    "tril_unknown_rank": _mvn(lambda tfd, tf, a: tfd.MultivariateNormalTriL(loc=MU, scale_tril=a["t"]), {"t": (None, TRIL)}, x=None),
    "tril_unknown_rank_valid": _mvn(lambda tfd, tf, a: tfd.MultivariateNormalTriL(loc=MU, scale_tril=a["t"], validate_args=True), {"t": (None, TRIL)}, x=None),
    "tril_unknown_rank_x": _mvn(lambda tfd, tf, a: tfd.MultivariateNormalTriL(loc=MU, scale_tril=a["t"], validate_args=True), {"t": (None, TRIL)}, x_unknown=True, x=None),
    "tril_valid_x_unknown": _mvn(lambda tfd, tf, a: tfd.MultivariateNormalTriL(loc=MU, scale_tril=TRIL, validate_args=True), x_unknown=True, x=None),
    "tril_x_low_rank": _mvn(lambda tfd, tf, a: tfd.MultivariateNormalTriL(loc=MU[0], scale_tril=a["t"], validate_args=True), {"t": (None, TRIL[0])}, x=np.float32(1.0), cov=False),
    "full_valid": _mvn(lambda tfd, tf, a: tfd.MultivariateNormalFullCovariance(loc=MU, covariance_matrix=COV, validate_args=True), x=None),
    "full_fed_valid": _mvn(lambda tfd, tf, a: tfd.MultivariateNormalFullCovariance(loc=MU, covariance_matrix=a["c"], validate_args=True), {"c": ([None, 3, 3], COV)}, x=None),
    "full_fed_asym": _mvn(lambda tfd, tf, a: tfd.MultivariateNormalFullCovariance(loc=MU, covariance_matrix=a["c"], validate_args=True), {"c": ([None, 3, 3], COV + np.triu(np.ones([3, 3], np.float32), 1))}, x=None),
    "full_asym": _mvn(lambda tfd, tf, a: tfd.MultivariateNormalFullCovariance(loc=MU, covariance_matrix=COV + np.triu(np.ones([3, 3], np.float32), 1), validate_args=True), x=None),
    "lowrank_valid": _mvn(lambda tfd, tf, a: tfd.MultivariateNormalDiagPlusLowRank(loc=MU, scale_diag=DIAG, scale_perturb_factor=TRIL[:, :, :2], validate_args=True)),
    "lowrank_fed_negative": _mvn(lambda tfd, tf, a: tfd.MultivariateNormalDiagPlusLowRank(loc=MU, scale_diag=a["d"], scale_perturb_factor=TRIL[:, :, :2], validate_args=True), {"d": ([None, 3], DIAG * [1., -1., 1.])}),
    "lowrank_diag_only_fed_zero": _mvn(lambda tfd, tf, a: tfd.MultivariateNormalDiagPlusLowRank(loc=MU, scale_diag=a["d"], validate_args=True), {"d": ([None, 3], DIAG * [1., 0., 1.])}),
    "lowrank_multiplier": _mvn(lambda tfd, tf, a: tfd.MultivariateNormalDiagPlusLowRank(loc=MU, scale_identity_multiplier=a["m"], scale_perturb_factor=TRIL[:, :, :2], scale_perturb_diag=[0.5, 2.0], validate_args=True), {"m": ([], -1.0)}),
    "vector_laplace_valid": _mvn(lambda tfd, tf, a: tfd.VectorLaplaceDiag(loc=MU, scale_diag=a["d"], validate_args=True), {"d": ([None, 3], DIAG * [1., 0., 1.])}, cov=False),
}


def _alo(make_scale, feeds=None, x=X, x_shape=None, validate=True):
    def build(tf):
        fed = {}
        args = {}
        for k, v in (feeds or {}).items():
            p = tf.placeholder(tf.float32, v[0])
            fed[p] = v[1]
            args[k] = p
        b = tf.contrib.distributions.bijectors.AffineLinearOperator(shift=MU, scale=make_scale(tf, args), validate_args=validate)
        xx = x
        if x_shape != "static":
            xp = tf.placeholder(tf.float32, x_shape)
            fed[xp] = x
            xx = xp
        y = b.forward(xx)
        return {"forward": y, "inverse": b.inverse(y), "fldj": b.forward_log_det_jacobian(xx, event_ndims=1),
                "ildj": b.inverse_log_det_jacobian(y, event_ndims=1)}, fed
    return build


ALO = {
    "full_matrix_unknown_singularity": _alo(lambda tf, a: tf.linalg.LinearOperatorFullMatrix(FM)),
    "full_matrix_nonsingular": _alo(lambda tf, a: tf.linalg.LinearOperatorFullMatrix(FM, is_non_singular=True), x_shape="static"),
    "full_matrix_unchecked": _alo(lambda tf, a: tf.linalg.LinearOperatorFullMatrix(FM), validate=False, x_shape="static"),
    "diag_fed_zero": _alo(lambda tf, a: tf.linalg.LinearOperatorDiag(a["d"], is_non_singular=True), {"d": ([None, 3], DIAG * [1., 0., 1.])}, x_shape=[None, None, 3]),
    "diag_unknown_rank": _alo(lambda tf, a: tf.linalg.LinearOperatorDiag(a["d"], is_non_singular=True), {"d": (None, DIAG)}, x_shape=None),
    "diag_unknown_rank_x_low": _alo(lambda tf, a: tf.linalg.LinearOperatorDiag(a["d"], is_non_singular=True), {"d": (None, DIAG)}, x=np.float32([1., 2., 3.]), x_shape=None),
    "diag_unknown_rank_unchecked": _alo(lambda tf, a: tf.linalg.LinearOperatorDiag(a["d"], is_non_singular=True), {"d": (None, DIAG)}, x_shape=None, validate=False),
    "tril_x_unknown": _alo(lambda tf, a: tf.linalg.LinearOperatorLowerTriangular(TRIL, is_non_singular=True), x_shape=None),
    "diag_not_flagged": _alo(lambda tf, a: tf.linalg.LinearOperatorDiag(DIAG), x_shape="static"),
    "identity": _alo(lambda tf, a: tf.linalg.LinearOperatorIdentity(3), x_shape=None),
    "scaled_identity_fed": _alo(lambda tf, a: tf.linalg.LinearOperatorScaledIdentity(3, a["m"], is_non_singular=True), {"m": ([], 0.)}, x_shape=[2, 2, 3]),
}


def _affine(kwargs_fn, feeds=None, x=X, x_shape=None, validate=False, event_ndims=1):
    def build(tf):
        fed = {}
        args = {}
        for k, v in (feeds or {}).items():
            p = tf.placeholder(tf.float32, v[0])
            fed[p] = v[1]
            args[k] = p
        b = tf.contrib.distributions.bijectors.Affine(validate_args=validate, **kwargs_fn(args))
        xx = x
        if x_shape != "static":
            xp = tf.placeholder(tf.float32, x_shape)
            fed[xp] = x
            xx = xp
        y = b.forward(xx)
        return {"forward": y, "inverse": b.inverse(y), "fldj": b.forward_log_det_jacobian(xx, event_ndims=event_ndims),
                "ildj": b.inverse_log_det_jacobian(y, event_ndims=event_ndims)}, fed
    return build


AFFINE = {
    "diag_unknown_rank": _affine(lambda a: dict(shift=MU, scale_diag=a["d"]), {"d": (None, DIAG)}, x_shape="static"),
    "diag_unknown_rank_x": _affine(lambda a: dict(shift=MU, scale_diag=a["d"]), {"d": (None, DIAG)}),
    "tril_unknown_rank": _affine(lambda a: dict(scale_tril=a["t"]), {"t": (None, TRIL)}, x_shape=[None, 2, 3]),
    "tril_unknown_rank_valid": _affine(lambda a: dict(scale_tril=a["t"]), {"t": (None, TRIL)}, validate=True),
    "tril_unknown_rank_valid_zero": _affine(lambda a: dict(scale_tril=a["t"]), {"t": (None, TRIL * np.array([1., 0., 1.], np.float32)[:, None])}, validate=True),
    "diag_valid": _affine(lambda a: dict(shift=MU, scale_diag=DIAG), x_shape="static", validate=True),
    "diag_valid_zero": _affine(lambda a: dict(shift=MU, scale_diag=a["d"]), {"d": ([2, 3], DIAG * [1., 0., 1.])}, x_shape="static", validate=True),
    "multiplier_valid_zero": _affine(lambda a: dict(shift=MU, scale_identity_multiplier=a["m"]), {"m": ([], 0.)}, x_shape="static", validate=True),
    "multiplier_valid": _affine(lambda a: dict(shift=MU, scale_identity_multiplier=a["m"]), {"m": ([], 2.)}, x_shape=None, validate=True),
    "multiplier_diag_valid_zero": _affine(lambda a: dict(scale_identity_multiplier=a["m"], scale_diag=DIAG), {"m": ([], -0.75)}, x_shape="static", validate=True),
    "perturb_valid": _affine(lambda a: dict(shift=MU, scale_diag=a["d"], scale_perturb_factor=TRIL[:, :, :2]), {"d": ([2, 3], DIAG)}, x_shape="static", validate=True),
    "perturb_valid_zero": _affine(lambda a: dict(shift=MU, scale_diag=a["d"], scale_perturb_factor=TRIL[:, :, :2]), {"d": ([2, 3], DIAG * [1., 1., 0.])}, x_shape="static", validate=True),
    "perturb_unknown_rank": _affine(lambda a: dict(scale_diag=DIAG, scale_perturb_factor=a["u"]), {"u": (None, TRIL[:, :, :2])}, x_shape="static"),
}


def _fill(inverse, upper, shape, value):
    def build(tf):
        tfd = tf.contrib.distributions
        x = tf.placeholder(tf.float32, shape)
        fn = tfd.fill_triangular_inverse if inverse else tfd.fill_triangular
        y = fn(x, upper=upper)
        out = {"y": y, "static": tf.constant(str(y.shape))}
        if not inverse:
            out["round_trip"] = tfd.fill_triangular_inverse(y, upper=upper)
        return out, {x: value}
    return build


V6 = np.arange(1, 13, dtype=np.float32).reshape(2, 6)
M3 = np.arange(1, 19, dtype=np.float32).reshape(2, 3, 3)
FILL = {"lower_unknown_rank": _fill(False, False, None, V6), "upper_unknown_rank": _fill(False, True, None, V6),
        "lower_unknown_rank_1d": _fill(False, False, None, V6[0]), "upper_unknown_rank_3d": _fill(False, True, None, V6[None]),
        "inverse_lower_unknown_rank": _fill(True, False, None, M3), "inverse_upper_unknown_rank": _fill(True, True, None, M3),
        "inverse_unknown_rank_2d": _fill(True, False, None, M3[0]), "bad_size_unknown_rank": _fill(False, False, None, V6[:, :5])}


TD_METHODS = ["cdf", "log_cdf", "survival_function", "log_survival_function", "quantile", "log_prob", "prob", "sample", "entropy", "mean", "stddev", "batch_shape_tensor", "event_shape_tensor"]


def _td_method(bijector, method, batch_shape=None, event_shape=None, fed_event=False, value=0.4):
    def build(tf):
        tfd = tf.contrib.distributions
        b = {"exp": lambda: tfd.bijectors.Exp(), "affine": lambda: tfd.bijectors.AffineScalar(shift=1., scale=2.),
             "identity": lambda: tfd.bijectors.Identity()}[bijector]()
        feeds = {}
        es = event_shape
        if fed_event:
            es = tf.placeholder(tf.int32, [None])
            feeds[es] = np.array(event_shape, np.int32)
        d = tfd.TransformedDistribution(distribution=tfd.Normal(loc=0.25, scale=1.5), bijector=b, batch_shape=batch_shape, event_shape=es)
        if method == "sample":
            r = d.sample(2, seed=3)
        elif method in ("entropy", "mean", "stddev", "batch_shape_tensor", "event_shape_tensor"):
            r = getattr(d, method)()
        else:
            r = getattr(d, method)(np.full((batch_shape or []) + (event_shape or []), value, np.float32))
        return {"r": r}, feeds
    return build


def _validated(make, param, x=np.array([[0.5, 1.5], [2.5, 3.0]], np.float32)):
    def build(tf):
        tfd = tf.contrib.distributions
        p = tf.placeholder(tf.float32, [None])
        d = make(tfd, p)
        out = {"sample": d.sample(2, seed=8), "log_prob": d.log_prob(x), "cdf": d.cdf(x), "entropy": d.entropy()}
        return out, {p: param}
    return build


NB_X = np.array([0., 3.], np.float32)


def _negbin_frac_cdf(tf):
    tfd = tf.contrib.distributions
    x = tf.placeholder(tf.float32, [None])
    d = tfd.NegativeBinomial(total_count=[2., 3.], probs=[0.25, 0.5], validate_args=True)
    return {"cdf": d.cdf(x), "cdf_ok": d.cdf(x[::-1] * 0.)}, {x: np.array([0.5, 1.], np.float32)}


def _binomial_counts(tf):
    tfd = tf.contrib.distributions
    x = tf.placeholder(tf.float32, [None])
    d = tfd.Binomial(total_count=[4., 6.], probs=[0.25, 0.5], validate_args=True)
    return {"cdf": d.cdf(x), "mean": d.mean(), "variance": d.variance(), "mode": d.mode()}, {x: np.array([5., 1.], np.float32)}


def _validated_discrete(make, param, x=np.array([[0., 1.], [2., 3.]], np.float32), fed_x=False):
    def build(tf):
        tfd = tf.contrib.distributions
        p = tf.placeholder(tf.float32, [None])
        d = make(tfd, p)
        feeds = {p: param}
        xx = x
        if fed_x:
            xx = tf.placeholder(tf.float32, [None, 2])
            feeds[xx] = x
        out = {"log_prob": d.log_prob(xx), "cdf": d.cdf(xx), "prob": d.prob(xx), "log_cdf": d.log_cdf(xx)}
        for key, fn in (("entropy", d.entropy), ("sample", lambda: d.sample(2, seed=8))):
            try:
                out[key] = fn()
            except NotImplementedError:
                pass
        return out, feeds
    return build


VALIDATED_DISCRETE = {
    "poisson_ok": _validated_discrete(lambda tfd, p: tfd.Poisson(rate=p, validate_args=True), [1.5, 3.]),
    "poisson_bad_rate": _validated_discrete(lambda tfd, p: tfd.Poisson(rate=p, validate_args=True), [1.5, -3.]),
    "poisson_frac_x": _validated_discrete(lambda tfd, p: tfd.Poisson(rate=p, validate_args=True), [1.5, 3.], x=np.array([[0.5, 1.]], np.float32), fed_x=True),
    "poisson_neg_x": _validated_discrete(lambda tfd, p: tfd.Poisson(rate=p, validate_args=True), [1.5, 3.], x=np.array([[-1., 1.]], np.float32), fed_x=True),
    "poisson_log_rate": _validated_discrete(lambda tfd, p: tfd.Poisson(log_rate=p, validate_args=True), [-1.5, 3.]),
    "poisson_unchecked_frac": _validated_discrete(lambda tfd, p: tfd.Poisson(rate=p), [1.5, 3.], x=np.array([[0.5, 1.]], np.float32)),
    "negbin_ok": _validated_discrete(lambda tfd, p: tfd.NegativeBinomial(total_count=p, probs=[0.25, 0.5], validate_args=True), [2., 3.5], x=NB_X),
    "negbin_logits": _validated_discrete(lambda tfd, p: tfd.NegativeBinomial(total_count=[2., 3.], logits=p, validate_args=True), [-0.5, 1.], x=NB_X),
    "negbin_bad_count": _validated_discrete(lambda tfd, p: tfd.NegativeBinomial(total_count=p, probs=[0.25, 0.5], validate_args=True), [2., -3.5], x=NB_X),
    "negbin_bad_probs": _validated_discrete(lambda tfd, p: tfd.NegativeBinomial(total_count=[2., 3.], probs=p, validate_args=True), [0.25, -0.5], x=NB_X),
    "binomial_ok": _validated_discrete(lambda tfd, p: tfd.Binomial(total_count=p, probs=[0.25, 0.5], validate_args=True), [4., 6.], x=NB_X),
    "binomial_logits": _validated_discrete(lambda tfd, p: tfd.Binomial(total_count=[4., 6.], logits=p, validate_args=True), [-0.5, 1.], x=NB_X),
    "binomial_bad_count": _validated_discrete(lambda tfd, p: tfd.Binomial(total_count=p, probs=[0.25, 0.5], validate_args=True), [4., -6.], x=NB_X),
    "binomial_frac_count": _validated_discrete(lambda tfd, p: tfd.Binomial(total_count=p, probs=[0.25, 0.5], validate_args=True), [4.5, 6.], x=NB_X),
    "binomial_bad_probs": _validated_discrete(lambda tfd, p: tfd.Binomial(total_count=[4., 6.], probs=p, validate_args=True), [0.25, 1.5], x=NB_X),
    "geometric_ok": _validated_discrete(lambda tfd, p: tfd.Geometric(probs=p, validate_args=True), [0.25, 0.75]),
    "geometric_logits": _validated_discrete(lambda tfd, p: tfd.Geometric(logits=p, validate_args=True), [-0.5, 2.]),
    "geometric_bad_probs": _validated_discrete(lambda tfd, p: tfd.Geometric(probs=p, validate_args=True), [0.25, 1.5]),
    "geometric_zero_probs": _validated_discrete(lambda tfd, p: tfd.Geometric(probs=p, validate_args=True), [0.25, 0.]),
    "geometric_one_probs": _validated_discrete(lambda tfd, p: tfd.Geometric(probs=p, validate_args=True), [0.25, 1.]),
    "geometric_frac_x": _validated_discrete(lambda tfd, p: tfd.Geometric(probs=p, validate_args=True), [0.25, 0.75], x=np.array([[0.5, 1.]], np.float32), fed_x=True),
}


def _relaxed(temp, probs=None, logits=None, x=np.array([0.25, 0.75], np.float32)):
    def build(tf):
        tfd = tf.contrib.distributions
        t = tf.placeholder(tf.float32, [])
        d = tfd.RelaxedBernoulli(temperature=t, probs=probs, logits=logits, validate_args=True)
        s = d.sample(3, seed=2)
        return {"sample": s, "log_prob": d.log_prob(x), "prob_sample": d.prob(s), "cdf": d.cdf(x)}, {t: temp}
    return build


RELAXED = {"ok": _relaxed(0.5, probs=[0.25, 0.6]), "logits": _relaxed(2.0, logits=[-0.5, 1.5]),
           "bad_temperature": _relaxed(-0.5, probs=[0.25, 0.6]), "bad_probs": _relaxed(0.5, probs=[0.25, 1.6]),
           "bad_x": _relaxed(0.5, probs=[0.25, 0.6], x=np.array([0.25, 1.5], np.float32))}


VALIDATED = {
    "cauchy_ok": _validated(lambda tfd, p: tfd.Cauchy(loc=[0., 1.], scale=p, validate_args=True), [1., 2.]),
    "cauchy_bad": _validated(lambda tfd, p: tfd.Cauchy(loc=[0., 1.], scale=p, validate_args=True), [1., -2.]),
    "half_normal_ok": _validated(lambda tfd, p: tfd.HalfNormal(scale=p, validate_args=True), [1., 2.]),
    "half_normal_bad": _validated(lambda tfd, p: tfd.HalfNormal(scale=p, validate_args=True), [0., 2.]),
    "chi2_ok": _validated(lambda tfd, p: tfd.Chi2(df=p, validate_args=True), [3., 2.]),
    "chi2_bad": _validated(lambda tfd, p: tfd.Chi2(df=p, validate_args=True), [3., -2.]),
    "chi2_abs": _validated(lambda tfd, p: tfd.Chi2WithAbsDf(df=p, validate_args=True), [3.5, -2.5]),
    "chi2_abs_bad": _validated(lambda tfd, p: tfd.Chi2WithAbsDf(df=p, validate_args=True), [0.5, -2.5]),
    "inverse_gamma_ok": _validated(lambda tfd, p: tfd.InverseGamma(concentration=p, rate=[1., 2.], validate_args=True), [3., 2.]),
    "inverse_gamma_bad": _validated(lambda tfd, p: tfd.InverseGamma(concentration=p, rate=[1., 2.], validate_args=True), [3., -2.]),
    "inverse_gamma_bad_x": _validated(lambda tfd, p: tfd.InverseGamma(concentration=p, rate=[1., 2.], validate_args=True), [3., 2.], x=np.array([[0.5, -1.5]], np.float32)),
    "inverse_gamma_softplus": _validated(lambda tfd, p: tfd.InverseGammaWithSoftplusConcentrationRate(concentration=p, rate=[1., 2.], validate_args=True), [-3., 2.]),
}


def cases(tf):
    out = {}
    for k, v in _outcome(tf, _binomial_counts).items():
        out["validated_discrete/binomial_counts/%s" % k] = v
    for k, v in _outcome(tf, _negbin_frac_cdf).items():
        out["validated_discrete/negbin_frac_cdf/%s" % k] = v
    for key, build in sorted(VALIDATED_DISCRETE.items()):
        for k, v in _outcome(tf, build).items():
            out["validated_discrete/%s/%s" % (key, k)] = v
    for key, build in sorted(RELAXED.items()):
        for k, v in _outcome(tf, build).items():
            out["relaxed_bernoulli/%s/%s" % (key, k)] = v
    for key, build in sorted(VALIDATED.items()):
        for k, v in _outcome(tf, build).items():
            out["validated/%s/%s" % (key, k)] = v
    for bij in ("exp", "affine", "identity"):
        for m in TD_METHODS:
            for key, kw in (("event", dict(event_shape=[3])), ("batch_event", dict(batch_shape=[2], event_shape=[3])),
                            ("batch", dict(batch_shape=[2])), ("fed_event", dict(event_shape=[3], fed_event=True))):
                for k, v in _outcome(tf, _td_method(bij, m, **kw)).items():
                    out["td_override/%s/%s/%s/%s" % (bij, key, m, k)] = v
    for key, build in sorted(FILL.items()):
        for k, v in _outcome(tf, build).items():
            out["fill_triangular/%s/%s" % (key, k)] = v
    for key, build in sorted(AFFINE.items()):
        for k, v in _outcome(tf, build).items():
            out["affine/%s/%s" % (key, k)] = v
    for key, build in sorted(ALO.items()):
        for k, v in _outcome(tf, build).items():
            out["affine_linear_operator/%s/%s" % (key, k)] = v
    for key, build in sorted(MVN.items()):
        for k, v in _outcome(tf, build).items():
            out["mvn/%s/%s" % (key, k)] = v
    for key, build in sorted(MSF.items()):
        for k, v in _outcome(tf, build).items():
            out["msf/%s/%s" % (key, k)] = v
    for key, build in sorted(INDEPENDENT.items()):
        for k, v in _outcome(tf, build).items():
            out["independent/%s/%s" % (key, k)] = v
    for key, build in sorted(NAN_STATS.items()):
        for k, v in _outcome(tf, build).items():
            out["nan_stats/%s/%s" % (key, k)] = v
    for key, build in sorted(QUANTIZED_BASES.items()):
        for k, v in _outcome(tf, build).items():
            out["quantized_base/%s/%s" % (key, k)] = v
    for key, build in sorted(QUANTIZED.items()):
        for k, v in _outcome(tf, build).items():
            out["quantized/%s/%s" % (key, k)] = v
    return out
