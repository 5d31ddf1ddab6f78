# ruff: noqa: E501 - case code is data; long lines keep each case readable
"""tf.contrib.distributions under TF 1.14: seeded samples (TF's numbers, two runs), densities,
statistics, KL divergences, errors, and the ops each call creates with the seed2 of a
graph-seeded random op made after it. tests/test_contrib_distributions.py runs the same
cases with flowgrad."""
import numpy as np

RUNS = 2


def _cases(D, tf):
    return {
        "aliases": lambda: [D.Normal is tf.distributions.Normal, D.kl_divergence is tf.distributions.kl_divergence, D.FULLY_REPARAMETERIZED is tf.distributions.FULLY_REPARAMETERIZED, D.Normal(0., 1.).sample(2, seed=3)],
        "logistic_sample": lambda: D.Logistic([0., 1.], [1., 2.]).sample([3], seed=2),
        "logistic_sample_graph_seed": lambda: D.Logistic(0., 1.).sample(4),
        "logistic_stats": lambda: [D.Logistic(0.5, 2.).log_prob([0.3, -1.]), D.Logistic(0.5, 2.).prob(0.1), D.Logistic(0.5, 2.).cdf(0.3), D.Logistic(0.5, 2.).log_cdf(0.3), D.Logistic(0.5, 2.).survival_function(0.3), D.Logistic(0.5, 2.).log_survival_function(0.3), D.Logistic([0.5, 1.], 2.).entropy(), D.Logistic(0.5, 2.).mean(), D.Logistic(0.5, 2.).stddev(), D.Logistic(0.5, 2.).variance(), D.Logistic(0.5, 2.).mode()],
        "logistic_float64": lambda: D.Logistic(np.float64(0.5), np.float64(2.)).sample([2, 2], seed=9),
        "geometric_sample": lambda: D.Geometric(probs=[0.2, 0.7]).sample(5, seed=7),
        "geometric_logits_sample": lambda: D.Geometric(logits=[0.2, -0.7]).sample([2, 2], seed=1),
        "geometric_stats": lambda: [D.Geometric(probs=[0.2, 0.7]).log_prob([0., 3.]), D.Geometric(probs=0.3).prob(2.), D.Geometric(probs=0.3).cdf([-1., 0., 2.5]), D.Geometric(probs=[0.3, 0.6]).entropy(), D.Geometric(probs=0.3).mean(), D.Geometric(probs=0.3).variance(), D.Geometric(probs=[0.3, 0.4]).mode(), D.Geometric(logits=0.4).stddev()],
        "poisson_sample": lambda: D.Poisson(rate=[1., 4.5]).sample(4, seed=5),
        "poisson_log_rate_sample": lambda: D.Poisson(log_rate=[0., 1.]).sample(3, seed=2),
        "poisson_stats": lambda: [D.Poisson(rate=[1., 4.5]).log_prob([0., 3.]), D.Poisson(rate=2.).prob(1.), D.Poisson(rate=2.).cdf(1.), D.Poisson(rate=2.).log_cdf(3.), D.Poisson(rate=2.).mean(), D.Poisson(rate=2.).variance(), D.Poisson(rate=[2.5, 3.]).mode(), D.Poisson(log_rate=0.5).stddev()],
        "deterministic": lambda: [D.Deterministic([1., 2.]).sample(3, seed=1), D.Deterministic([1., 2.]).prob([1., 2.5]), D.Deterministic(1., atol=0.5).prob(1.3), D.Deterministic(1., rtol=0.5).cdf(0.6), D.Deterministic([1., 2.]).mean(), D.Deterministic([1., 2.]).variance(), D.Deterministic([1., 2.]).entropy(), D.Deterministic([1., 2.]).mode(), D.Deterministic(1.).log_prob(1.)],
        "vector_deterministic": lambda: [D.VectorDeterministic([1., 2.]).sample(2, seed=1), D.VectorDeterministic([[1., 2.], [3., 4.]]).prob([1., 2.]), D.VectorDeterministic([1., 2.]).event_shape_tensor(), D.VectorDeterministic([[1., 2.], [3., 4.]]).batch_shape_tensor(), D.VectorDeterministic([1., 2.], atol=0.1).prob([1.05, 2.])],
        "shapes": lambda: [D.Logistic([[0.], [1.]], [1., 2., 3.]).batch_shape_tensor(), D.Geometric(probs=[0.2, 0.3]).event_shape_tensor(), D.Poisson(rate=[[1.]]).batch_shape_tensor(), D.Logistic([0., 1.], 1.).is_scalar_batch()],
        "error_poisson_both": lambda: D.Poisson(rate=1., log_rate=0.),
        "error_poisson_int": lambda: D.Poisson(rate=[1, 2]),
        "error_geometric_both": lambda: D.Geometric(logits=0.1, probs=0.5),
        "error_logistic_dtype": lambda: D.Logistic(np.float64(0.), np.float32(1.)),
    }


RANDOM = {"aliases", "logistic_sample", "logistic_sample_graph_seed", "logistic_float64", "geometric_sample", "geometric_logits_sample", "poisson_sample", "poisson_log_rate_sample", "deterministic", "vector_deterministic"}


def _arrays(value):
    if isinstance(value, (list, tuple)):
        return [_arrays(v) for v in value]
    if isinstance(value, bool):
        return value
    return np.asarray(value)


def _split(value, fetches):
    if isinstance(value, (list, tuple)):
        return [_split(v, fetches) for v in value]
    if hasattr(value, "graph") and hasattr(value, "name"):
        fetches.append(value)
        return ["fetch", len(fetches) - 1]
    return value


def _join(value, results):
    if isinstance(value, list) and len(value) == 2 and value[0] == "fetch":
        return np.asarray(results[value[1]])
    if isinstance(value, list):
        return [_join(v, results) for v in value]
    return value


def run_case(tf, name):
    """(value or error, op list, seed2 of a graph-seeded random op made after the call)."""
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(1)
        try:
            out = _cases(tf.contrib.distributions, tf)[name]()
        except Exception as e:  # an expected build-time error
            return e, None, None
        tf.random_uniform([2], name="after")
        seed2 = [o for o in g.get_operations() if o.type == "RandomUniform"][-1].get_attr("seed2")
        ops = [[o.name, o.type] for o in g.get_operations()]
        fetches = []
        spec = _split(out, fetches)
        try:
            with tf.Session() as sess:
                runs = RUNS if name in RANDOM else 1
                value = [_join(spec, sess.run(fetches)) for _ in range(runs)]
                value = value[0] if runs == 1 else value
        except Exception as e:  # an expected run-time error
            value = e
    return value, ops, seed2


def names():
    return sorted(_cases(None, None))


def cases(tf):
    out = {}
    for name in names():
        value, ops, seed2 = run_case(tf, name)
        out["value/" + name] = value
        out["ops/" + name] = ops
        out["seed2/" + name] = seed2
    return out
