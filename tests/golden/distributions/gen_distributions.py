# ruff: noqa: E501 - case code is data; long lines keep each case readable
"""tf.distributions under TF 1.14: seeded samples (TF's numbers, several runs), densities,
statistics, KL divergences, errors, and the ops each call creates with the seed2 of a
graph-seeded random op made after it. tests/test_distributions.py runs the same cases with
flowgrad."""
import numpy as np

RUNS = 2


def _cases(D, tf):
    return {
        "normal_sample": lambda: D.Normal([0., 1.], [1., 2.]).sample([3], seed=2),
        "normal_sample_graph_seed": lambda: D.Normal(0., 1.).sample(4),
        "normal_sample_float64": lambda: D.Normal(np.float64(0.5), np.float64(2.)).sample([2, 3], seed=9),
        "normal_log_prob": lambda: D.Normal([0., 1.], [1., 2.]).log_prob([0.5, 0.3]),
        "normal_stats": lambda: [D.Normal(0.5, 2.).cdf(0.3), D.Normal(0.5, 2.).entropy(), D.Normal([0.5, 1.], 2.).mean(), D.Normal(0.5, 2.).stddev(), D.Normal(0.5, 2.).variance(), D.Normal(0.5, 2.).prob(0.1), D.Normal(0.5, 2.).survival_function(0.1), D.Normal([0.5, 1.], 2.).mode()],
        "normal_named": lambda: D.Normal(0., 1., name="n").sample(2, seed=1, name="draw"),
        "uniform_sample": lambda: D.Uniform([0., 1.], [1., 3.]).sample(3, seed=3),
        "uniform_stats": lambda: [D.Uniform(0., 2.).prob([0.5, 3.]), D.Uniform(0., 2.).entropy(), D.Uniform(0., 2.).mean(), D.Uniform(0., 2.).stddev(), D.Uniform(0., 2.).variance(), D.Uniform(1., 4.).range()],
        "laplace_sample": lambda: D.Laplace([0., 1.], 2.).sample([2, 2], seed=4),
        "laplace_stats": lambda: [D.Laplace(0., 2.).log_prob(0.5), D.Laplace(0., 2.).cdf(-0.5), D.Laplace(0., 2.).entropy(), D.Laplace(0., 2.).stddev(), D.Laplace(0., 2.).prob(1.5), D.Laplace(0., 2.).mode()],
        "gamma_sample": lambda: D.Gamma([1., 2.], [1., 3.]).sample(3, seed=5),
        "gamma_stats": lambda: [D.Gamma(2., 3.).log_prob(0.5), D.Gamma(2., 3.).entropy(), D.Gamma(2., 3.).mean(), D.Gamma([2., 0.5], 3.).mode(), D.Gamma(2., 3.).stddev(), D.Gamma(2., 3.).variance()],
        "exponential_sample": lambda: D.Exponential([1., 2.]).sample(3, seed=6),
        "exponential_stats": lambda: [D.Exponential(2.).log_prob(0.5), D.Exponential(2.).mean(), D.Exponential(2.).entropy()],
        "bernoulli_sample": lambda: D.Bernoulli(probs=[0.2, 0.7]).sample(5, seed=7),
        "bernoulli_stats": lambda: [D.Bernoulli(logits=[0.2, -0.7]).log_prob([1, 0]), D.Bernoulli(probs=0.3).entropy(), D.Bernoulli(probs=0.3).mean(), D.Bernoulli(probs=0.3).mode(), D.Bernoulli(probs=0.3).variance(), D.Bernoulli(probs=[0.3, 0.6]).prob(1), D.Bernoulli(logits=0.4, dtype=tf.float32).sample(3, seed=2)],
        "categorical_sample": lambda: D.Categorical(logits=[[0.1, 0.5, 0.2], [1.0, -1.0, 0.0]]).sample(4, seed=8),
        "categorical_stats": lambda: [D.Categorical(logits=[[0.1, 0.5, 0.2], [0.3, 0.1, 0.0]]).log_prob([1, 2]), D.Categorical(logits=[0.1, 0.5, 0.2]).entropy(), D.Categorical(logits=[[0.1, 0.5, 0.2]]).mode(), D.Categorical(probs=[[0.2, 0.5, 0.3]]).cdf([2]), D.Categorical(probs=[0.2, 0.5, 0.3], dtype=tf.int64).sample(3, seed=1)],
        "kl": lambda: [D.kl_divergence(D.Normal(0., 1.), D.Normal(1., 2.)), D.kl_divergence(D.Bernoulli(probs=0.3), D.Bernoulli(probs=0.6)), D.kl_divergence(D.Categorical(logits=[0.1, 0.5]), D.Categorical(logits=[0.3, 0.1])), D.kl_divergence(D.Gamma(2., 3.), D.Gamma(1., 2.)), D.Normal(0., 1.).kl_divergence(D.Normal(0.5, 1.5))],
        "kl_exponential_via_gamma": lambda: D.kl_divergence(D.Exponential(2.), D.Exponential(0.5)),
        "beta_sample": lambda: D.Beta([1., 2.], [3., 0.5]).sample(3, seed=5),
        "beta_sample_graph_seed": lambda: D.Beta(2., 3.).sample(2),
        "beta_stats": lambda: [D.Beta(2., 3.).log_prob(0.3), D.Beta(2., 3.).entropy(), D.Beta(2., 3.).mean(), D.Beta([2., 0.5], 3.).mode(), D.Beta(2., 3.).variance(), D.kl_divergence(D.Beta(2., 3.), D.Beta(1., 1.5)), D.Beta(2., 3.).prob(0.7)],
        "student_t_sample": lambda: D.StudentT([3., 5.], 0.5, 2.).sample(3, seed=6),
        "student_t_stats": lambda: [D.StudentT(3., 0.5, 2.).log_prob(0.3), D.StudentT([3., 0.5], 0.5, 2.).mean(), D.StudentT([3., 1.5, 0.5], 0.5, 2.).variance(), D.StudentT(3., 0.5, 2.).mode(), D.StudentT(3., 0.5, 2.).stddev()],
        "student_t_entropy": lambda: D.StudentT([3., 4.], 0.5, 2.).entropy(),
        "dirichlet_sample": lambda: D.Dirichlet([[1., 2., 3.], [0.5, 0.5, 4.]]).sample(3, seed=5),
        "dirichlet_stats": lambda: [D.Dirichlet([1.5, 2., 3.]).log_prob([0.2, 0.3, 0.5]), D.Dirichlet([1.5, 2., 3.]).entropy(), D.Dirichlet([1.5, 2., 3.]).mean(), D.Dirichlet([[1.5, 2., 3.], [0.5, 2, 3]]).mode(), D.Dirichlet([1.5, 2., 3.]).variance(), D.Dirichlet([1.5, 2., 3.]).covariance(), D.kl_divergence(D.Dirichlet([1.5, 2., 3.]), D.Dirichlet([1., 1., 1.])), D.Dirichlet([1.5, 2., 3.]).event_shape_tensor()],
        "multinomial_sample": lambda: D.Multinomial(5., probs=[[0.2, 0.3, 0.5], [0.6, 0.3, 0.1]]).sample(3, seed=5),
        "multinomial_stats": lambda: [D.Multinomial(4., logits=[0.1, 0.3, -0.2]).log_prob([1., 2., 1.]), D.Multinomial(4., probs=[0.2, 0.3, 0.5]).mean(), D.Multinomial([4., 2.], probs=[0.2, 0.3, 0.5]).variance(), D.Multinomial(4., probs=[0.2, 0.3, 0.5]).covariance(), D.Multinomial(3., probs=[[0.2, 0.8]]).batch_shape_tensor()],
        "dirichlet_multinomial_sample": lambda: D.DirichletMultinomial(5., [[1., 2., 3.], [0.5, 0.5, 4.]]).sample(3, seed=5),
        "dirichlet_multinomial_stats": lambda: [D.DirichletMultinomial(4., [1.5, 2., 3.]).log_prob([1., 2., 1.]), D.DirichletMultinomial(4., [1.5, 2., 3.]).mean(), D.DirichletMultinomial([4., 2.], [[1.5, 2., 3.], [1., 1., 1.]]).variance(), D.DirichletMultinomial(4., [1.5, 2., 3.]).covariance()],
        "log_cdfs": lambda: [D.Normal(0.5, 2.).log_cdf([-30., -12., 0.3, 9., 15.]), D.Normal(0.5, 2.).log_survival_function([-30., 0.3, 30.]), D.Normal(np.float64(0.), np.float64(1.)).log_cdf(np.array([-40., -19., 0.5, 9.])), D.Laplace(0., 2.).log_cdf([-3., 0.5, 4.]), D.Laplace(0., 2.).log_survival_function([-3., 0.5])],
        "quantiles": lambda: [D.Normal(0.5, 2.).quantile([0., 1e-30, 0.01, 0.2, 0.5, 0.9, 0.99999, 1.]), D.Normal(np.float64(0.), np.float64(1.)).quantile(np.array([1e-300, 0.05, 0.7, 1. - 1e-12]))],
        "cdfs": lambda: [D.Gamma(2., 3.).cdf([0.1, 0.5, 2.]), D.Gamma([0.5, 4.], 1.5).log_cdf(0.7), D.Beta(2., 3.).cdf([0.1, 0.5, 0.9]), D.Beta([0.5, 2.], 1.5).log_cdf(0.3), D.StudentT(3., 0.5, 2.).cdf([-2., 0.5, 3.]), D.StudentT([3., 1.5], 0.5, -2.).cdf(-0.7), D.Gamma(np.float64(2.), np.float64(3.)).cdf(np.array([0.2, 1.5])), D.StudentT(np.float64(4.), np.float64(0.), np.float64(1.)).survival_function(np.array([-1., 2.]))],
        "cross_entropy": lambda: D.Normal(0., 1.).cross_entropy(D.Normal(1., 2.)),
        "shapes": lambda: [D.Normal([[0.], [1.]], [1., 2., 3.]).batch_shape_tensor(), D.Normal(0., 1.).event_shape_tensor(), D.Normal([0., 1.], 1.).is_scalar_batch(), D.Categorical(logits=[[0.1, 0.2]]).batch_shape_tensor(), D.Normal([[0.], [1.]], [1., 2., 3.]).sample(2, seed=1)],
        "validate_bernoulli": lambda: [D.Bernoulli(probs=[0.2, 0.7], validate_args=True).log_prob([1, 0]), D.Bernoulli(logits=[0.2, -0.7], validate_args=True).prob([1., 0.])],
        "validate_categorical": lambda: [D.Categorical(probs=[[0.2, 0.5, 0.3]], validate_args=True).log_prob([2]), D.Categorical(probs=[[0.2, 0.5, 0.3]], validate_args=True).cdf([1]), D.Categorical(logits=[0.1, 0.5, 0.2], validate_args=True).log_prob(1.)],
        "validate_multinomial": lambda: [D.Multinomial(4., probs=[0.2, 0.3, 0.5], validate_args=True).log_prob([1., 2., 1.]), D.Multinomial(3., logits=[0.1, 0.3, -0.2], validate_args=True).mean()],
        "validate_dirichlet_multinomial": lambda: D.DirichletMultinomial(4., [1.5, 2., 3.], validate_args=True).log_prob([1., 2., 1.]),
        "error_validate_bernoulli_event": lambda: D.Bernoulli(probs=0.3, validate_args=True).log_prob(2),
        "error_validate_probs_sum": lambda: D.Categorical(probs=[0.2, 0.5], validate_args=True).probs,
        "error_validate_probs_greater_one": lambda: D.Bernoulli(probs=[0.2, 1.5], validate_args=True).probs,
        "error_validate_multinomial_sum": lambda: D.Multinomial(4., probs=[0.2, 0.3, 0.5], validate_args=True).log_prob([1., 1., 1.]),
        "error_validate_fractional_count": lambda: D.Multinomial(2.5, probs=[0.5, 0.5], validate_args=True).mean(),
        "error_validate_one_event": lambda: D.Categorical(logits=[0.3], validate_args=True),
        "error_validate_categorical_fraction": lambda: D.Categorical(logits=[0.1, 0.5, 0.2], validate_args=True).log_prob(1.5),
        "error_validate_concentration": lambda: D.DirichletMultinomial(4., [1.5, -2., 3.], validate_args=True).mean(),
        "error_kl_unregistered": lambda: D.kl_divergence(D.Normal(0., 1.), D.Uniform(0., 1.)),
        "error_bernoulli_both": lambda: D.Bernoulli(logits=0.1, probs=0.5),
        "error_validate_scale": lambda: D.Normal(0., -1., validate_args=True).mean(),
        "error_dtype_mix": lambda: D.Normal(np.float64(0.), np.float32(1.)),
    }


RANDOM = {"normal_sample", "normal_sample_graph_seed", "normal_sample_float64", "normal_named", "uniform_sample", "laplace_sample", "gamma_sample",
          "exponential_sample", "bernoulli_sample", "categorical_sample", "beta_sample", "beta_sample_graph_seed", "student_t_sample", "dirichlet_sample", "dirichlet_multinomial_sample"}


def _arrays(value):
    if isinstance(value, (list, tuple)):
        return [_arrays(v) for v in value]
    return np.asarray(value)


def run_case(tf, name):
    """(value or error, op list, seed2 of a graph-seeded random op made after the call)."""
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(1)
        try:
            out = _cases(tf.distributions, tf)[name]()
        except Exception as e:  # an expected build-time error
            return e, None, None
        tf.random_uniform([2], name="after")
        seed2 = [o for o in g.get_operations() if o.type == "RandomUniform"][-1].get_attr("seed2")
        ops = [[o.name, o.type] for o in g.get_operations()]
        try:
            with tf.Session() as sess:
                runs = RUNS if name in RANDOM else 1
                value = [_arrays(sess.run(out)) for _ in range(runs)]
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
