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
        variables = tf.global_variables()
        if variables:
            out["variables"] = ["%s %s" % (v.name, v.shape) for v in variables]
        with tf.Session(graph=g) as sess:
            if variables:
                sess.run(tf.global_variables_initializer())
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


def _methods(d, x, methods, out, n=3):
    for m in methods:
        try:
            if m == "sample":
                out[m] = d.sample(n, seed=5)
            elif m == "sample1":
                out[m] = d.sample(seed=11)
            elif m == "scale":
                out[m] = d.scale()
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
    "gradients": lambda tf: _sas_grad(tf),
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


WISH_M = ("log_prob", "prob", "sample", "sample1", "mean", "mode", "variance", "stddev", "entropy", "mean_log_det", "log_normalization", "scale", "covariance")
WISH_MB = tuple(m for m in WISH_M if m != "sample")   # a batch of 2: sample1 only (6 roots)
TRIL3 = np.float32([[2., 0., 0.], [0.5, 1., 0.], [-0.25, 0.75, 1.5]])
TRIL3B = np.stack([TRIL3, np.float32([[1., 0., 0.], [0.1, 0.5, 0.], [0.2, -0.3, 0.8]])])
FULL3 = TRIL3.dot(TRIL3.T)
FULL3B = np.einsum("bij,bkj->bik", TRIL3B, TRIL3B)
WX = np.float32([[3., 0.5, -0.2], [0.5, 2., 0.3], [-0.2, 0.3, 1.5]])
WX2 = np.stack([WX, WX * 2. + np.eye(3, dtype=np.float32)])
WXL = np.linalg.cholesky(WX.astype(np.float64)).astype(np.float32)
WXL2 = np.linalg.cholesky(WX2.astype(np.float64)).astype(np.float32)


def _wish(full, df, scale, x=WX, fed=(), fed_x=False, x_shape=None, methods=WISH_M, **kw):
    def build(tf):
        tfd = tf.contrib.distributions
        feeds = {}
        dd, ss = df, scale
        dtype = tf.float64 if np.asarray(scale).dtype == np.float64 else tf.float32
        if "df" in fed:
            dd = tf.placeholder(dtype, None if fed == ("df",) or "df_any" in fed else [])
            feeds[dd] = np.asarray(df, dtype.as_numpy_dtype)
        if "scale" in fed:
            ss = tf.placeholder(dtype, None)
            feeds[ss] = scale
        if "scale_partial" in fed:
            ss = tf.placeholder(dtype, [None] * np.ndim(scale))
            feeds[ss] = scale
        cls = tfd.WishartFull if full else tfd.WishartCholesky
        d = cls(df=dd, scale=ss, **kw)
        out = {"batch_shape": d.batch_shape_tensor(), "event_shape": d.event_shape_tensor(),
               "static_batch": str(d.batch_shape), "static_event": str(d.event_shape),
               "name": d.name, "reparam": str(d.reparameterization_type),
               "df": d.df, "dimension": d.dimension, "cio": d.cholesky_input_output_matrices,
               "scale_operator_type": type(d.scale_operator).__name__}
        xx = x
        if fed_x:
            xx = tf.placeholder(dtype, x_shape)
            feeds[xx] = x
        # TF's float32 Sqrt of 8 or more values (the Bartlett factor's diagonal, n * batch * p
        # of them) is Eigen's RSQRTPS approximation, whose last bit depends on the CPU's
        # vendor: two draws of a 3 x 3 factor (6 values) take std::sqrt on any CPU
        _methods(d, xx, methods, out, n=2)
        return out, feeds
    return build


def _wish_grad(full):
    def build(tf):
        tfd = tf.contrib.distributions
        df = tf.constant(np.float32(4.5))
        scale = tf.constant(FULL3 if full else TRIL3)
        cls = tfd.WishartFull if full else tfd.WishartCholesky
        d = cls(df=df, scale=scale)
        lp = tf.reduce_sum(d.log_prob(np.stack([WX, WX * 0.5])))
        gdf, gscale = tf.gradients(lp, [df, scale])
        gent = tf.gradients(d.entropy(), [df, scale])
        return {"log_prob": lp, "grad_df": gdf, "grad_scale": gscale, "entropy_grad_df": gent[0], "entropy_grad_scale": gent[1]}, {}
    return build


def _sas_grad(tf):
    tfd = tf.contrib.distributions
    loc, diag = tf.constant(LOC3), tf.constant(DIAG3)
    skew, tail = tf.constant(np.float32(0.3)), tf.constant(np.float32(1.2))
    d = tfd.VectorSinhArcsinhDiag(loc=loc, scale_diag=diag, skewness=skew, tailweight=tail)
    lp = tf.reduce_sum(d.log_prob(X3))
    grads = tf.gradients(lp, [loc, diag, skew, tail])
    sg = tf.gradients(tf.reduce_sum(d.sample(2, seed=5)), [loc, diag, skew, tail])
    return dict({"log_prob": lp}, **dict(("grad_%d" % i, g) for i, g in enumerate(grads + sg))), {}


WISH = {
    "chol_gradients": _wish_grad(False),
    "full_gradients": _wish_grad(True),
    "chol_df4": _wish(False, 4., TRIL3),
    "chol_df3": _wish(False, 3., TRIL3),
    "chol_df_low": _wish(False, 2., TRIL3),
    "chol_df_low_vector": _wish(False, [4., 2.5], TRIL3B, methods=WISH_MB),
    "chol_df_vector": _wish(False, [4., 6.5], TRIL3B, x=WX2, methods=WISH_MB),
    "chol_df_vector_bad": _wish(False, [4., 6.5, 5.], TRIL3B, x=WX2, methods=WISH_MB),
    "chol_batch": _wish(False, 5., TRIL3B, x=WX2, methods=WISH_MB),
    "chol_batch_x_samples": _wish(False, 5., TRIL3B, x=np.stack([WX2, WX2 * 0.5]), methods=WISH_MB),
    "chol_batch_x_broadcast": _wish(False, 5., TRIL3B, x=WX, methods=WISH_MB),
    "chol_cio": _wish(False, 4.5, TRIL3, x=WXL, cholesky_input_output_matrices=True),
    "chol_cio_batch": _wish(False, 5.5, TRIL3B, x=WXL2, cholesky_input_output_matrices=True, methods=WISH_MB),
    "chol_validate": _wish(False, 4., TRIL3, validate_args=True),
    "chol_validate_bad_diag": _wish(False, 4., TRIL3 * np.float32([1., -1., 1.]), validate_args=True),
    "chol_bad_diag": _wish(False, 4., TRIL3 * np.float32([1., -1., 1.])),
    "chol_not_square": _wish(False, 4., TRIL3[:2]),
    "chol_not_square_validate": _wish(False, 4., TRIL3[:2], validate_args=True, fed=("scale",)),
    "chol_int": _wish(False, 4, [[2, 0], [1, 1]]),
    "chol_float64": _wish(False, 4.5, TRIL3.astype(np.float64), x=WX.astype(np.float64)),
    "chol_fed_df": _wish(False, 4., TRIL3, fed=("df",)),
    "chol_fed_df_validate": _wish(False, 4., TRIL3, fed=("df",), validate_args=True),
    "chol_fed_df_validate_low": _wish(False, 2., TRIL3, fed=("df",), validate_args=True),
    "chol_fed_df_low": _wish(False, 2., TRIL3, fed=("df",)),
    "chol_fed_scale": _wish(False, 4., TRIL3, fed=("scale",)),
    "chol_fed_scale_validate": _wish(False, 4., TRIL3, fed=("scale",), validate_args=True),
    # (no variance/stddev: Grappler sorts Mul's inputs by name, so TF's broadcast error
    # names the [2, 3, 3] operand first; flowgrad sorts ApproximateEqual's only)
    "chol_fed_scale_batch": _wish(False, [4., 6.5], TRIL3B, x=WX2, fed=("scale",), methods=tuple(m for m in WISH_MB if m not in ("variance", "stddev"))),
    "chol_fed_scale_partial": _wish(False, 4., TRIL3B, x=WX2, fed=("scale_partial",), methods=WISH_MB),
    "chol_fed_x": _wish(False, 4., TRIL3B, x=np.stack([WX2, WX2 * 0.5]), fed_x=True, methods=WISH_MB),
    "chol_fed_x_partial": _wish(False, 4., TRIL3B, x=np.stack([WX2, WX2 * 0.5]), fed_x=True, x_shape=[None, 2, 3, 3], methods=WISH_MB),
    "chol_named": _wish(False, 4., TRIL3, name="w", methods=("sample", "log_prob")),
    "full_df4": _wish(True, 4., FULL3),
    "full_batch": _wish(True, [4., 7.], FULL3B, x=WX2, methods=WISH_MB),
    "full_cio": _wish(True, 4., FULL3, x=WXL, cholesky_input_output_matrices=True),
    "full_validate": _wish(True, 4., FULL3, validate_args=True),
    "full_validate_asym": _wish(True, 4., FULL3 + np.float32([[0., 0.5, 0.], [0., 0., 0.], [0., 0., 0.]]), validate_args=True),
    "full_asym": _wish(True, 4., FULL3 + np.float32([[0., 0.5, 0.], [0., 0., 0.], [0., 0., 0.]])),
    # (df = 4.5: at df = p + 1 TF's mode is Grappler's zeros for `0 * S` and its Cholesky
    # is pruned; flowgrad folds the Mul but still runs the failing Cholesky)
    "full_not_pd": _wish(True, 4.5, np.float32([[1., 2., 0.], [2., 1., 0.], [0., 0., 1.]])),
    "full_not_pd_validate": _wish(True, 4., np.float32([[1., 2., 0.], [2., 1., 0.], [0., 0., 1.]]), validate_args=True),
    "full_fed_scale": _wish(True, 4., FULL3, fed=("scale",)),
    "full_fed_df_validate_low": _wish(True, 2.5, FULL3, fed=("df",), validate_args=True),
    "full_float64": _wish(True, 3.5, FULL3.astype(np.float64), x=WX.astype(np.float64)),
    "full_x_not_pd": _wish(True, 4., FULL3, x=np.float32([[1., 2., 0.], [2., 1., 0.], [0., 0., 1.]]), methods=("log_prob",)),
}


XF = np.float32([[0.5, -1., 2., 0.25, -0.75], [1.5, 0.3, -0.2, 1., 2.], [-0.4, 0.8, 0.1, -1.2, 0.6]])


def _flow(make_bijector, x=XF, fed_x=False, x_shape=None, dist=True, event_ndims=1, direct=False):
    """A bijector's forward, inverse and log-det-Jacobians of x, and (dist) a
    TransformedDistribution of MultivariateNormalDiag(zeros(5)) through it.

    The forward log-det-Jacobian is fetched through an Identity unless `direct`: its
    Neg(Sum(ones * Neg(Sum(log_scale)))) fetched itself is -sum(log_scale) in TF 1.14
    (Grappler's RemoveInvolution bypasses the inner Neg and keeps the fetched outer one)."""
    def build(tf):
        tfd = tf.contrib.distributions
        feeds = {}
        b = make_bijector(tf, tfd)
        out = {"name": b.name, "fmin": b.forward_min_event_ndims, "imin": b.inverse_min_event_ndims}
        xx = x
        if fed_x:
            xx = tf.placeholder(tf.float32, x_shape)
            feeds[xx] = x
        for m in ("forward", "inverse", "forward_log_det_jacobian", "inverse_log_det_jacobian"):
            try:
                if m == "forward_log_det_jacobian" and not direct:
                    out[m] = tf.identity(b.forward_log_det_jacobian(xx, event_ndims=event_ndims))
                elif m.endswith("jacobian"):
                    out[m] = getattr(b, m)(xx, event_ndims=event_ndims)
                else:
                    out[m] = getattr(b, m)(xx)
            except Exception as e:  # noqa: BLE001 - TF's error is the case's value
                out[m + "/error"] = [type(e).__name__, str(e).split("\n")[0]]
        if dist:
            try:
                d = tfd.TransformedDistribution(
                    distribution=tfd.MultivariateNormalDiag(loc=np.zeros(x.shape[-1], np.float32)),
                    bijector=b)
                out["td_sample"] = d.sample(2, seed=3)
                out["td_log_prob"] = d.log_prob(xx)
            except Exception as e:  # noqa: BLE001 - TF's error is the case's value
                out["td/error"] = [type(e).__name__, str(e).split("\n")[0]]
        return out, feeds
    return build


def _rnvp(num_masked, hidden=(4, 4), shift_only=False, name=None, **kw):
    def make(tf, tfd):
        tb = tfd.bijectors
        return tb.RealNVP(num_masked=num_masked, shift_and_log_scale_fn=tb.real_nvp_default_template(hidden_layers=list(hidden), shift_only=shift_only, **kw), name=name)
    return make


def _rnvp_fn(tf, tfd):
    def fn(x0, output_units):
        w = tf.constant(np.arange(2 * output_units * 2, dtype=np.float32).reshape(2, 2 * output_units) * 0.1 - 0.3)
        h = tf.matmul(x0, w)
        return h[:, :output_units], tf.tanh(h[:, output_units:])
    return tfd.bijectors.RealNVP(num_masked=2, shift_and_log_scale_fn=fn)


def _rnvp_tanh(tf, tfd):
    tb = tfd.bijectors
    return tb.RealNVP(num_masked=3, shift_and_log_scale_fn=tb.real_nvp_default_template(hidden_layers=[3], activation=tf.tanh, name="tpl"))


def _rnvp_init(tf, tfd):
    tb = tfd.bijectors
    return tb.RealNVP(num_masked=1, shift_and_log_scale_fn=tb.real_nvp_default_template(hidden_layers=[6], kernel_initializer=tf.random_normal_initializer(stddev=0.3, seed=9), bias_initializer=tf.constant_initializer(0.1)))


def _rnvp_chain(tf, tfd):
    tb = tfd.bijectors
    return tb.Chain([tb.RealNVP(num_masked=2, shift_and_log_scale_fn=tb.real_nvp_default_template([4])), tb.Permute(permutation=[4, 3, 2, 1, 0]), tb.RealNVP(num_masked=3, shift_and_log_scale_fn=tb.real_nvp_default_template([4]))])


RNVP = {
    "default": _flow(_rnvp(2)),
    "masked_1": _flow(_rnvp(1, hidden=(3,))),
    "masked_4": _flow(_rnvp(4, hidden=())),
    "shift_only": _flow(_rnvp(2, shift_only=True)),
    "named": _flow(_rnvp(3, name="nvp")),
    "tanh_named_template": _flow(_rnvp_tanh),
    "initializers": _flow(_rnvp_init),
    "custom_fn": _flow(_rnvp_fn),
    "chain": _flow(_rnvp_chain),
    "event_ndims_2": _flow(_rnvp(2), event_ndims=2, dist=False),
    "event_ndims_0": _flow(_rnvp(2), event_ndims=0, dist=False),
    "fldj_direct_fetch": _flow(_rnvp(2), direct=True, dist=False),
    "masked_all": _flow(_rnvp(5)),
    "masked_zero": _flow(_rnvp(0)),
    "fed_x_partial": _flow(_rnvp(2), fed_x=True, x_shape=[None, 5]),
    "fed_x_unknown_depth": _flow(_rnvp(2), fed_x=True, x_shape=[None, None], dist=False),
}


def _maf(hidden=(10,), shift_only=False, unroll=False, name=None, tname=None, **kw):
    def make(tf, tfd):
        tb = tfd.bijectors
        return tb.MaskedAutoregressiveFlow(shift_and_log_scale_fn=tb.masked_autoregressive_default_template(hidden_layers=list(hidden), shift_only=shift_only, name=tname, **kw), unroll_loop=unroll, name=name)
    return make


def _maf_fn(tf, tfd):
    def fn(y):
        # strictly autoregressive: unit i reads units < i (a cumulative sum shifted by one)
        c = tf.cumsum(y, axis=-1, exclusive=True)
        return 0.5 * c, tf.tanh(0.3 * c)
    return tfd.bijectors.MaskedAutoregressiveFlow(shift_and_log_scale_fn=fn)


def _maf_tanh_init(tf, tfd):
    tb = tfd.bijectors
    return tb.MaskedAutoregressiveFlow(shift_and_log_scale_fn=tb.masked_autoregressive_default_template(hidden_layers=[10, 10], activation=tf.tanh, kernel_initializer=tf.random_normal_initializer(stddev=0.5, seed=4), log_scale_min_clip=-0.5, log_scale_max_clip=0.5))


def _maf_clip_grad(tf, tfd):
    tb = tfd.bijectors
    return tb.MaskedAutoregressiveFlow(shift_and_log_scale_fn=tb.masked_autoregressive_default_template(hidden_layers=[5], log_scale_min_clip=-0.1, log_scale_max_clip=0.1, log_scale_clip_gradient=True), unroll_loop=True)


def _maf_dense(tf):
    tfd = tf.contrib.distributions
    x = tf.constant(XF)
    tb = tfd.bijectors
    h = tb.masked_dense(x, 10, num_blocks=5, exclusive=True, kernel_initializer=tf.ones_initializer(), name="md")
    h2 = tb.masked_dense(h, 5, num_blocks=5, activation=tf.nn.relu)
    return {"h": h, "h2": h2, "vars": str([v.name for v in tf.global_variables()])}, {}


def _maf_grad(tf):
    tfd = tf.contrib.distributions
    tb = tfd.bijectors
    d = tfd.TransformedDistribution(distribution=tfd.MultivariateNormalDiag(loc=np.zeros(5, np.float32)), bijector=tb.MaskedAutoregressiveFlow(shift_and_log_scale_fn=tb.masked_autoregressive_default_template(hidden_layers=[10])))
    loss = -tf.reduce_mean(d.log_prob(tf.constant(XF)))
    grads = tf.gradients(loss, tf.trainable_variables())
    return dict({"loss": loss}, **{"grad_%d" % i: gr for i, gr in enumerate(grads)}), {}


MAF = {
    "default": _flow(_maf()),
    "hidden_narrower_than_event": _flow(_maf(hidden=(4,))),
    "two_layers": _flow(_maf(hidden=(10, 10))),
    "unroll": _flow(_maf(hidden=(10,), unroll=True)),
    "shift_only": _flow(_maf(shift_only=True)),
    "named": _flow(_maf(name="maf", tname="made")),
    "custom_fn": _flow(_maf_fn),
    "tanh_init": _flow(_maf_tanh_init),
    "clip_gradient_unroll": _flow(_maf_clip_grad),
    "fed_x_partial": _flow(_maf(), fed_x=True, x_shape=[None, 5]),
    "fed_x_unknown_depth": _flow(_maf(), fed_x=True, x_shape=[None, None], dist=False),
    "unroll_unknown_depth": _flow(_maf(unroll=True), fed_x=True, x_shape=[None, None], dist=False),
    "event_ndims_2": _flow(_maf(), event_ndims=2, dist=False),
    "masked_dense": _maf_dense,
    "log_prob_gradients": _maf_grad,
}


XA = np.float32([[0.3, -0.2, 1.1, 0.4], [-1., 0.5, 0.25, 2.]])


def _ar_fn(tf, tfd, batch=(), fed_event=False):
    def fn(samples=None):
        if samples is None:
            samples = tf.zeros(list(batch) + [4], name="samples0")
        if fed_event:
            samples = tf.placeholder_with_default(samples, None)
        c = tf.cumsum(samples, axis=-1, exclusive=True)
        return tfd.Independent(tfd.Normal(loc=0.5 * c - 0.25, scale=tf.exp(0.2 * c)), reinterpreted_batch_ndims=1)
    return fn


def _ar(x=XA, sample0=True, batch=(), fed_event=False, methods=("log_prob", "prob", "sample", "sample1", "mean", "entropy"), **kw):
    def build(tf):
        tfd = tf.contrib.distributions
        fn = _ar_fn(tf, tfd, batch, fed_event)
        s0 = tf.zeros(list(batch) + [4]) if sample0 else None
        d = tfd.Autoregressive(distribution_fn=fn, sample0=s0, **kw)
        out = {"batch_shape": d.batch_shape_tensor(), "event_shape": d.event_shape_tensor(),
               "static_batch": str(d.batch_shape), "static_event": str(d.event_shape),
               "name": d.name, "reparam": str(d.reparameterization_type), "num_steps": d.num_steps}
        _methods(d, x, methods, out)
        return out, {}
    return build


def _ar_normal_scalar(tf):
    tfd = tf.contrib.distributions
    d = tfd.Autoregressive(distribution_fn=lambda s=None: tfd.Normal(loc=np.float32(0.) if s is None else 0.5 * s, scale=np.float32(1.)))
    return {"num_steps": d.num_steps, "sample": d.sample(3, seed=5), "log_prob": d.log_prob(np.float32([0.5, 1.]))}, {}


AR = {
    "sample0": _ar(),
    "no_sample0": _ar(sample0=False),
    "num_steps_2": _ar(num_steps=2),
    "num_steps_0": _ar(num_steps=0),
    "batch": _ar(x=XA, batch=(2,)),
    "named": _ar(name="ar", methods=("sample", "log_prob")),
    "unknown_event": _ar(fed_event=True),
    "unknown_event_steps": _ar(fed_event=True, num_steps=4, methods=("sample", "log_prob")),
    "scalar_normal": _ar_normal_scalar,
}


def _cond_affine(tf):
    """A ConditionalBijector y = x * scale + shift, shift and scale given per call."""
    tfb = tf.contrib.distributions.bijectors

    class CondAffine(tfb.ConditionalBijector):
        def __init__(self, name="cond_affine"):
            super(CondAffine, self).__init__(forward_min_event_ndims=0, name=name)

        def _forward(self, x, shift=0., scale=1.):
            return x * scale + shift

        def _inverse(self, y, shift=0., scale=1.):
            return (y - shift) / scale

        def _inverse_log_det_jacobian(self, y, shift=0., scale=1.):
            return -tf.log(tf.abs(scale)) * tf.ones_like(y)
    return CondAffine


def _fldj_class_of_error(tf, b, x):
    """A ConditionalBijector without _forward_log_det_jacobian: TF calls the base one with
    the kwargs, a TypeError (not NotImplementedError, so no fallback to the inverse's);
    its message names the method as the Python version does, so the class only."""
    try:
        b.forward_log_det_jacobian(x, event_ndims=1, shift=1.)
    except TypeError as e:
        return type(e).__name__
    return "no error"


BK = {"shift": np.float32([0.5, -1., 2.]), "scale": np.float32(1.5)}


def _bk(tf, arrays=False):
    """The conditioning kwargs: a tensor shift and a Python scale (the cache keys on them:
    NumPy arrays are unhashable there, in TF as here)."""
    if arrays:
        return dict(BK)
    return {"shift": tf.constant(BK["shift"], name="shift"), "scale": 1.5}
XC = np.float32([[0.2, -0.5, 1.5], [1., 3., -2.]])


def _cb(tf):
    b = _cond_affine(tf)()
    x = tf.constant(XC)
    BK = _bk(tf)
    f1 = b.forward(x, shift=BK["shift"], scale=BK["scale"])
    f2 = b.forward(x, shift=BK["shift"], scale=BK["scale"])
    f3 = b.forward(x, shift=1.)
    out = {"forward": f1, "cached": f1 is f2, "other_kwargs_cached": f1 is f3, "forward_1": f3,
           "forward_default": b.forward(x), "inverse": b.inverse(x, **BK),
           "ildj": b.inverse_log_det_jacobian(x, event_ndims=1, **BK),
           "fldj_error": _fldj_class_of_error(tf, b, x),
           "fldj_no_kwargs": tf.identity(b.forward_log_det_jacobian(x, event_ndims=2))}
    out["inverse_of_forward_cached"] = b.inverse(f1, **BK) is x
    return out, {}


def _ctd(base="normal", bk=True, arrays=False, methods=("sample", "sample1", "log_prob", "prob", "cdf", "log_cdf", "survival_function", "log_survival_function", "quantile"), x=XC, **kw):
    def build(tf):
        tfd = tf.contrib.distributions
        CondAffine = _cond_affine(tf)
        if base == "normal":
            dist = tfd.Normal(loc=np.float32(0.25), scale=np.float32(2.))
        else:   # a conditional one: distribution_kwargs reach its bijector
            dist = tfd.ConditionalTransformedDistribution(distribution=tfd.Normal(loc=np.float32(0.), scale=np.float32(1.)), bijector=CondAffine(name="inner"), name="inner_ctd")
        d = tfd.ConditionalTransformedDistribution(distribution=dist, bijector=CondAffine(), **kw)
        kwargs = {}
        if bk:
            kwargs["bijector_kwargs"] = _bk(tf, arrays)
        if base != "normal":
            kwargs["distribution_kwargs"] = {"bijector_kwargs": {"shift": -0.5, "scale": 0.75}}
        out = {"batch_shape": d.batch_shape_tensor(), "event_shape": d.event_shape_tensor(),
               "static_batch": str(d.batch_shape), "static_event": str(d.event_shape), "name": d.name}
        for m in methods:
            try:
                if m == "sample":
                    out[m] = d.sample(2, seed=5, **kwargs)
                elif m == "sample1":
                    out[m] = d.sample(seed=11, **kwargs)
                elif m == "quantile":   # (TF's ConditionalDistribution.quantile takes no kwargs)
                    out[m] = d.quantile(np.float32([0.1, 0.5, 0.9]))
                else:
                    out[m] = getattr(d, m)(x, **kwargs)
            except Exception as e:  # noqa: BLE001 - TF's error is the case's value
                out[m + "/error"] = [type(e).__name__, str(e).split("\n")[0]]
        return out, {}
    return build


COND = {
    "bijector": _cb,
    "ctd_normal": _ctd(),
    "ctd_no_kwargs": _ctd(bk=False),
    "ctd_numpy_kwargs": _ctd(arrays=True, methods=("sample", "log_prob", "quantile")),
    "ctd_event_override": _ctd(event_shape=[3], x=XC),
    "ctd_batch_override": _ctd(batch_shape=[2, 3]),
    "ctd_nested": _ctd(base="ctd"),
    "ctd_named": _ctd(name="ctd", methods=("sample", "log_prob")),
}


def cases(tf):
    out = {}
    for key, build in sorted(COND.items()):
        for k, v in _outcome(tf, build).items():
            out["conditional/%s/%s" % (key, k)] = v
    for key, build in sorted(AR.items()):
        for k, v in _outcome(tf, build).items():
            out["autoregressive/%s/%s" % (key, k)] = v
    for key, build in sorted(MAF.items()):
        for k, v in _outcome(tf, build).items():
            out["maf/%s/%s" % (key, k)] = v
    for key, build in sorted(RNVP.items()):
        for k, v in _outcome(tf, build).items():
            out["real_nvp/%s/%s" % (key, k)] = v
    for key, build in sorted(WISH.items()):
        for k, v in _outcome(tf, build).items():
            out["wishart/%s/%s" % (key, k)] = v
    for key, build in sorted(SAS.items()):
        for k, v in _outcome(tf, build).items():
            out["vector_sinh_arcsinh/%s/%s" % (key, k)] = v
    return out
