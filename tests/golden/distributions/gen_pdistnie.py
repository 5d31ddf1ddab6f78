# ruff: noqa: E501 - case code is data; long lines keep each case readable
"""tf.contrib.distributions.Mixture with batch shapes (and sample counts) known only at run
time: TF samples the categorical, partitions, samples each component with gen_new_seed's
seeds and stitches, reading the shapes with Shape/Size/Prod. Seeded values, log_prob, op names.
Read by tests/test_pdistnie.py; importable under Python 3.7 (the oracle)."""
import numpy as np

LOC = np.array([[-1.5], [0.25], [2.0], [0.5], [-0.75]], np.float32)
LOGITS = np.array([[0.3, -0.2, 0.1], [1.0, 0.0, -1.0], [-0.5, 0.5, 0.0], [0.0, 0.0, 0.0], [2.0, -1.0, 0.5]], np.float32)


def _normals(tf, loc, logits):
    tfd = tf.contrib.distributions
    cat = tfd.Categorical(logits=logits)
    comps = [tfd.Normal(loc=loc[:, 0] + float(k), scale=0.5 + k * 0.25) for k in range(3)]
    return tfd.Mixture(cat=cat, components=comps)


def _graph_case(tf, build):
    """Runs build(tf) -> (fetches, feeds) in a fresh graph; returns values and the op names
    the sampling call made."""
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(7)
        fetches, feeds, first = build(tf)
        ops = [op.name for op in g.get_operations()][first:]
        init = tf.global_variables_initializer()
        with tf.Session(graph=g) as sess:
            sess.run(init)
            out = sess.run(fetches, feeds)
    out["ops"] = ops
    return out


def _dyn_batch(tf):
    loc = tf.placeholder(tf.float32, [None, 1])
    logits = tf.placeholder(tf.float32, [None, 3])
    mix = _normals(tf, loc, logits)
    first = len(tf.get_default_graph().get_operations())
    s = mix.sample(4, seed=11)
    return {"sample": s, "log_prob": mix.log_prob(s), "shape": tf.shape(s)}, {loc: LOC, logits: LOGITS}, first


def _dyn_n(tf):
    n = tf.placeholder(tf.int32, [])
    mix = _normals(tf, LOC, LOGITS)
    first = len(tf.get_default_graph().get_operations())
    s = mix.sample(n, seed=3)
    return {"sample": s, "mean": mix.mean()}, {n: 6}, first


def _dyn_both(tf):
    n = tf.placeholder(tf.int32, [])
    loc = tf.placeholder(tf.float32, [None, 1])
    logits = tf.placeholder(tf.float32, [None, 3])
    mix = _normals(tf, loc, logits)
    first = len(tf.get_default_graph().get_operations())
    s = mix.sample([n, 2], seed=5)
    return {"sample": s, "log_prob": mix.log_prob(s)}, {n: 3, loc: LOC[:4], logits: LOGITS[:4]}, first


def _unseeded(tf):
    loc = tf.placeholder(tf.float32, [None, 1])
    logits = tf.placeholder(tf.float32, [None, 3])
    mix = _normals(tf, loc, logits)
    first = len(tf.get_default_graph().get_operations())
    s = mix.sample(2)
    return {"sample": s}, {loc: LOC, logits: LOGITS}, first


def _mvn_event(tf):
    tfd = tf.contrib.distributions
    loc = tf.placeholder(tf.float32, [None, 2])
    cat = tfd.Categorical(logits=tf.zeros_like(loc))
    comps = [tfd.MultivariateNormalDiag(loc=loc, scale_diag=[1.0, 0.5]),
             tfd.MultivariateNormalDiag(loc=loc * 2.0, scale_diag=[0.25, 2.0])]
    mix = tfd.Mixture(cat=cat, components=comps)
    first = len(tf.get_default_graph().get_operations())
    s = mix.sample(3, seed=21)
    return {"sample": s, "log_prob": mix.log_prob(s)}, {loc: LOC[:3].repeat(2, 1) * [1.0, -1.0]}, first


def _mdn(tf):
    """A mixture density network's head: logits, means and scales from one dense layer over
    a [None, 4] input, sampled per row."""
    tfd = tf.contrib.distributions
    x = tf.placeholder(tf.float32, [None, 4])
    h = tf.layers.dense(x, 9, kernel_initializer=tf.constant_initializer(np.linspace(-0.5, 0.5, 36).reshape(4, 9)))
    logits, mu, ls = tf.split(h, 3, axis=1)
    comps = [tfd.Normal(loc=mu[:, k], scale=tf.exp(ls[:, k])) for k in range(3)]
    mix = tfd.Mixture(cat=tfd.Categorical(logits=logits), components=comps)
    first = len(tf.get_default_graph().get_operations())
    s = mix.sample(seed=1)
    feeds = {x: np.random.RandomState(2).randn(6, 4).astype(np.float32)}
    return {"sample": s, "log_prob": mix.log_prob(s), "stddev": mix.stddev()}, feeds, first


def _kumaraswamy(tf):
    tfd = tf.contrib.distributions
    a = tf.placeholder(tf.float32, [None])
    b = tf.placeholder(tf.float32, [None, 1])
    first = len(tf.get_default_graph().get_operations())
    k = tfd.Kumaraswamy(concentration1=a, concentration0=b)
    s = k.sample(2, seed=4)
    out = {"sample": s, "log_prob": k.log_prob(s), "mean": k.mean(), "entropy": k.entropy(),
           "batch_shape": k.batch_shape_tensor(), "cdf": k.cdf(s)}
    return out, {a: [0.5, 2.0, 3.0], b: [[1.5], [4.0]]}, first


def _vector_laplace(tf):
    tfd = tf.contrib.distributions
    loc = tf.placeholder(tf.float32, [None, 3])
    first = len(tf.get_default_graph().get_operations())
    d = tfd.VectorLaplaceDiag(loc=loc, scale_diag=[1.0, 2.0, 0.5])
    s = d.sample(2, seed=8)
    return {"sample": s, "mean": d.mean(), "log_prob": d.log_prob(s), "stddev": d.stddev()}, {loc: LOC[:2].repeat(3, 1)}, first


def _vector_exponential(tf):
    tfd = tf.contrib.distributions
    loc = tf.placeholder(tf.float32, [None, 2])
    first = len(tf.get_default_graph().get_operations())
    d = tfd.VectorExponentialDiag(loc=loc, scale_diag=[1.0, 2.0])
    s = d.sample(seed=9)
    return {"sample": s, "mean": d.mean(), "mode": d.mode(), "log_prob": d.log_prob(s)}, {loc: LOC[:3].repeat(2, 1)}, first


def _msf_dyn(tf):
    tfd = tf.contrib.distributions
    logits = tf.placeholder(tf.float32, [None, 3])
    loc = tf.placeholder(tf.float32, [None, 3])
    first = len(tf.get_default_graph().get_operations())
    d = tfd.MixtureSameFamily(mixture_distribution=tfd.Categorical(logits=logits),
                              components_distribution=tfd.Normal(loc=loc, scale=0.75))
    s = d.sample(2, seed=12)
    return {"sample": s, "log_prob": d.log_prob(s), "mean": d.mean(), "stddev": d.stddev(), "cdf": d.cdf(s)}, {logits: LOGITS, loc: LOGITS * 2.0}, first


def _independent_dyn(tf):
    tfd = tf.contrib.distributions
    loc = tf.placeholder(tf.float32, [None, 3])
    first = len(tf.get_default_graph().get_operations())
    d = tfd.Independent(tfd.Normal(loc=loc, scale=1.5), reinterpreted_batch_ndims=1)
    s = d.sample(2, seed=13)
    return {"sample": s, "log_prob": d.log_prob(s), "entropy": d.entropy(), "mean": d.mean()}, {loc: LOGITS}, first


def _validated(tf):
    tfd = tf.contrib.distributions
    loc = tf.placeholder(tf.float32, [None])
    logits = tf.placeholder(tf.float32, [None, 2])
    first = len(tf.get_default_graph().get_operations())
    mix = tfd.Mixture(cat=tfd.Categorical(logits=logits), validate_args=True,
                      components=[tfd.Normal(loc=loc, scale=1.0), tfd.Normal(loc=-loc, scale=0.5)])
    s = mix.sample(3, seed=2)
    out = {"sample": s, "log_prob": mix.log_prob(s), "cdf": mix.cdf(s), "mean": mix.mean(),
           "stddev": mix.stddev(), "entropy_lower_bound": mix.entropy_lower_bound()}
    return out, {loc: LOC[:, 0], logits: LOGITS[:, :2]}, first


def validated_mismatch(tf):
    """validate_args=True: a component batch of another size fails TF's assertion at run time
    (one component only: which of several failing assertions TF reports varies)."""
    tfd = tf.contrib.distributions
    loc = tf.placeholder(tf.float32, [None])
    loc1 = tf.placeholder(tf.float32, [None])
    logits = tf.placeholder(tf.float32, [None, 2])
    mix = tfd.Mixture(cat=tfd.Categorical(logits=logits), validate_args=True,
                      components=[tfd.Normal(loc=loc, scale=1.0), tfd.Normal(loc=-loc1, scale=0.5)])
    m = mix.mean()
    with tf.Session() as sess:
        try:
            return sess.run(m, {loc: LOC[:, 0], loc1: LOC[:4, 0], logits: LOGITS[:, :2]})
        except tf.errors.OpError as e:
            return e.__class__(None, None, e.message.split("\n")[0])


def msf_validated(tf):
    """TF 1.14's MixtureSameFamily(validate_args=True) calls control_flow_ops.assert_has_rank,
    which TF 1.14 lacks: an AttributeError, after the components' event shape ops."""
    tfd = tf.contrib.distributions
    loc = tf.placeholder(tf.float32, [None, 3])
    try:
        tfd.MixtureSameFamily(mixture_distribution=tfd.Categorical(logits=loc), validate_args=True,
                              components_distribution=tfd.Normal(loc=loc, scale=0.75))
        return "built"
    except AttributeError as e:
        return [type(e).__name__, str(e), [op.name for op in tf.get_default_graph().get_operations()]]


BUILDS = {"validated": _validated,"kumaraswamy_dyn": _kumaraswamy, "vector_laplace_dyn": _vector_laplace,
          "vector_exponential_dyn": _vector_exponential, "msf_dyn": _msf_dyn,
          "independent_dyn": _independent_dyn,
"dyn_batch": _dyn_batch, "dyn_n": _dyn_n, "dyn_both": _dyn_both,
          "unseeded_graph_seed": _unseeded, "mvn_event": _mvn_event, "mdn": _mdn}


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


PROBS = np.array([[0.2, 0.3, 0.5], [0.6, 0.1, 0.3]], np.float32)


def _onehot_logits(tf):
    tfd = tf.contrib.distributions
    lg = tf.placeholder(tf.float32, [None, 3])
    d = tfd.OneHotCategorical(logits=lg, validate_args=True)
    s = d.sample(2, seed=4)
    return {"sample": s, "log_prob": d.log_prob(s), "entropy": d.entropy(),
            "log_prob_logs": d.log_prob(tf.log(tf.constant(PROBS)))}, {lg: np.log(PROBS)}


def _onehot_probs(tf):
    tfd = tf.contrib.distributions
    p = tf.placeholder(tf.float32, [None, 3])
    d = tfd.OneHotCategorical(probs=p, validate_args=True, dtype=tf.float32)
    s = d.sample(seed=5)
    # the log_prob of a sample fails two of TF's checks (which one it reports varies)
    return {"sample": s, "entropy": d.entropy(), "log_prob_logs": d.log_prob(tf.log(p))}, {p: PROBS}


def _onehot_bad_probs(tf):
    tfd = tf.contrib.distributions
    p = tf.placeholder(tf.float32, [None, 3])
    d = tfd.OneHotCategorical(probs=p, validate_args=True, dtype=tf.float32)
    return {"entropy": d.entropy(), "sample": d.sample(seed=5)}, {p: PROBS * 1.5}


def _exp_relaxed(tf):
    tfd = tf.contrib.distributions
    lg = tf.placeholder(tf.float32, [None, 3])
    d = tfd.ExpRelaxedOneHotCategorical(0.5, logits=lg, validate_args=True)
    s = d.sample(2, seed=6)
    return {"sample": s, "log_prob": d.log_prob(s), "temperature": d.temperature,
            "log_prob_bad": d.log_prob(tf.constant(np.log(PROBS) + 0.1))}, {lg: np.log(PROBS)}


def _exp_relaxed_bad_temperature(tf):
    tfd = tf.contrib.distributions
    t = tf.placeholder(tf.float32, [])
    d = tfd.ExpRelaxedOneHotCategorical(t, probs=PROBS, validate_args=True)
    return {"sample": d.sample(seed=6)}, {t: -0.5}


def _relaxed(tf):
    tfd = tf.contrib.distributions
    lg = tf.placeholder(tf.float32, [None, 3])
    d = tfd.RelaxedOneHotCategorical(0.75, logits=lg, validate_args=True)
    s = d.sample(seed=7)
    return {"sample": s, "log_prob": d.log_prob(s)}, {lg: np.log(PROBS)}


VALIDATED = {"onehot_logits": _onehot_logits, "onehot_probs": _onehot_probs,
             "onehot_bad_probs": _onehot_bad_probs, "exp_relaxed": _exp_relaxed,
             "exp_relaxed_bad_temperature": _exp_relaxed_bad_temperature, "relaxed": _relaxed}


def _unknown_rank_sample_shape(value):
    """Distribution.sample with a sample_shape placeholder of unknown rank: TF picks [1] or
    the shape at run time (pick_vector); a scalar and a vector fed."""
    def build(tf):
        tfd = tf.contrib.distributions
        ss = tf.placeholder(tf.int32)
        out = {}
        for d in (tfd.Normal(0., 1.), tfd.Categorical(logits=[0.1, 0.2]), tfd.Bernoulli(probs=[0.3, 0.6]),
                  tfd.Mixture(cat=tfd.Categorical(logits=[0.3, -0.1]), components=[tfd.Normal(-1., 0.5), tfd.Normal(1., 2.0)])):
            out[type(d).__name__] = d.sample(ss, seed=4)
        return out, {ss: value}
    return build


def _fill_triangular(upper):
    """fill_triangular and its inverse of sizes known only at run time (TF's Shape/Sqrt/Cast
    path), and an MVNTriL over the filled matrix."""
    def build(tf):
        tfd = tf.contrib.distributions
        x = tf.placeholder(tf.float32, [None, None])
        mat = tf.placeholder(tf.float32, [None, None, None])
        tril = tfd.fill_triangular(x, upper=upper)
        out = {"fill": tril, "inverse": tfd.fill_triangular_inverse(mat, upper=upper)}
        if not upper:
            d = tfd.MultivariateNormalTriL(loc=tf.zeros([2, 3]), scale_tril=tril + tf.eye(3))
            out["mvn_log_prob"] = d.log_prob(tf.ones([2, 3]))
        feeds = {x: np.arange(12, dtype=np.float32).reshape(2, 6) / 10,
                 mat: np.arange(18, dtype=np.float32).reshape(2, 3, 3)}
        return out, feeds
    return build


def cases(tf):
    out = {}
    for key, build in sorted(BUILDS.items()):
        for k, v in _graph_case(tf, build).items():
            out["mixture/%s/%s" % (key, k)] = v
    g = tf.Graph()
    with g.as_default():
        out["mixture/validated_mismatch"] = validated_mismatch(tf)
    g = tf.Graph()
    with g.as_default():
        out["msf/validate_args"] = msf_validated(tf)
    for key, build in sorted(VALIDATED.items()):
        for k, v in _outcome(tf, build).items():
            out["validate_args/%s/%s" % (key, k)] = v
    for key, value in (("scalar", 3), ("vector", [2, 2])):
        for k, v in _outcome(tf, _unknown_rank_sample_shape(value)).items():
            out["sample_shape_unknown_rank/%s/%s" % (key, k)] = v
    for upper in (False, True):
        for k, v in _outcome(tf, _fill_triangular(upper)).items():
            out["fill_triangular/%s/%s" % ("upper" if upper else "lower", k)] = v
    return out
