# ruff: noqa: E501 - case code is data; long lines keep each case readable
"""tf.contrib.distributions under TF 1.14: seeded samples (TF's numbers, two runs), densities,
statistics, KL divergences, errors, and the ops each call creates with the seed2 of a
graph-seeded random op made after it. tests/test_contrib_distributions.py runs the same
cases with flowgrad."""
import numpy as np

RUNS = 2


def _cached(b):
    y = b.forward([0., 1.])
    return [y, b.inverse(y), b.forward([0., 1.]), b.inverse_log_det_jacobian(y, event_ndims=1), b.forward_log_det_jacobian([0., 1.], event_ndims=1)]


def _lognormal(D, B):
    return D.TransformedDistribution(distribution=D.Normal(0.5, 2.), bijector=B.Exp(), name="LogNormal")


def _msf(D):
    return D.MixtureSameFamily(mixture_distribution=D.Categorical(probs=[0.3, 0.7]), components_distribution=D.Normal(loc=[-1., 1.], scale=[0.5, 1.]))


def _msf_mvn(D):
    return D.MixtureSameFamily(D.Categorical(logits=[0.1, -0.2, 0.3]), D.MultivariateNormalDiag(loc=[[-1., 1.], [1., -1.], [0., 0.]], scale_identity_multiplier=[0.5, 1., 2.]))


def _mix(D):
    return D.Mixture(cat=D.Categorical(probs=[0.3, 0.5, 0.2]), components=[D.Normal(-1., 0.5), D.Normal(1., 2.), D.Logistic(3., 1.)])


def _seed_stream(D):
    stream = D.SeedStream(42, salt="mixture")
    derived = D.SeedStream(stream, salt="other")
    return [str(stream()), str(stream()), str(derived()), str(D.SeedStream(None, "x")()), stream.salt, derived.original_seed]


def _dyn(tf, value, shape):
    return tf.placeholder_with_default(np.asarray(value, np.float32), shape)


def _mvn_dynamic(D, tf):
    loc = _dyn(tf, [[1., 2.], [3., 4.], [0., 1.]], [None, 2])
    scale = tf.nn.softplus(_dyn(tf, [[0.5, 2.], [1., 1.], [0.1, 3.]], [None, 2]))
    post = D.MultivariateNormalDiag(loc, scale)
    prior = D.MultivariateNormalDiag(tf.zeros(2), tf.ones(2))
    return [post.sample(seed=4), post.sample(2, seed=5), post.log_prob([[1., 1.], [0., 3.], [2., 2.]]), post.mean(), post.entropy(), post.batch_shape_tensor(), post.event_shape_tensor(), D.kl_divergence(post, prior), post.sample(), str(post.batch_shape), str(post.sample(seed=1).shape)]


def _mvn_tril_dynamic(D, tf):
    loc = _dyn(tf, [[1., 2.], [3., 4.]], [None, 2])
    tril = _dyn(tf, [[[1., 0.], [0.5, 2.]], [[2., 0.], [0., 1.]]], [None, 2, 2])
    d = D.MultivariateNormalTriL(loc, tril)
    return [d.sample(3, seed=2), d.log_prob([[0., 1.], [1., 1.]]), d.covariance(), d.batch_shape_tensor(), d.sample(), str(d.batch_shape)]


def _cases(D, tf):
    B = None if D is None else D.bijectors
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
        "bijector_exp": lambda: [B.Exp().forward([0., 1.]), B.Exp().inverse([1., 2.]), B.Exp().forward_log_det_jacobian([0.5, 1.], event_ndims=0), B.Exp().inverse_log_det_jacobian([[1., 2.]], event_ndims=1), B.Exp().name],
        "bijector_cache": lambda: _cached(B.Exp()),
        "bijector_affine_scalar": lambda: [B.AffineScalar(shift=1., scale=2.).forward([0., 1.]), B.AffineScalar(shift=1., scale=2.).inverse([3.]), B.AffineScalar(scale=-2.).forward_log_det_jacobian([1., 2.], event_ndims=1), B.AffineScalar(shift=1.).inverse_log_det_jacobian([1.], event_ndims=0), B.AffineScalar(shift=1., scale=2.).name],
        "bijector_softplus_sigmoid": lambda: [B.Softplus().forward([-1., 2.]), B.Softplus().inverse([0.5, 30.]), B.Softplus(hinge_softness=0.5).forward([1.]), B.Softplus().inverse_log_det_jacobian([0.5], event_ndims=0), B.Softplus().forward_log_det_jacobian([0.5], event_ndims=1), B.Sigmoid().forward([0., 2.]), B.Sigmoid().inverse([0.3]), B.Sigmoid().inverse_log_det_jacobian([0.3], event_ndims=0), B.Sigmoid().forward_log_det_jacobian([0.3], event_ndims=0)],
        "bijector_chain_invert": lambda: [B.Chain([B.Exp(), B.AffineScalar(shift=1., scale=2.)]).forward([0.5]), B.Chain([B.Exp(), B.AffineScalar(shift=1., scale=2.)]).inverse([3.]), B.Chain([B.Exp(), B.AffineScalar(shift=1., scale=2.)]).inverse_log_det_jacobian([3.], event_ndims=1), B.Chain([B.Softplus(), B.Exp()]).forward_log_det_jacobian([0.5, 1.], event_ndims=1), B.Invert(B.Exp()).forward([2.]), B.Invert(B.Exp()).forward_log_det_jacobian([2.], event_ndims=0), B.Invert(B.Exp()).name, B.Chain([B.Exp(), B.Sigmoid()]).name, B.Identity().forward([1.]), B.Identity().inverse_log_det_jacobian([1.], event_ndims=0)],
        "bijector_affine": lambda: [B.Affine(shift=[1., 2.], scale_diag=[2., 3.]).forward([[1., 1.], [0., 2.]]), B.Affine(shift=[1., 2.], scale_diag=[2., 3.]).inverse([1., 1.]), B.Affine(shift=[1., 2.], scale_diag=[2., 3.]).forward_log_det_jacobian([1., 1.], event_ndims=1), B.Affine(scale_tril=[[1., 0.], [0.5, 2.]]).forward([1., 1.]), B.Affine(scale_tril=[[1., 0.], [0.5, 2.]]).inverse_log_det_jacobian([1., 1.], event_ndims=1), B.Affine(shift=[0., 1.], scale_identity_multiplier=2.).forward([1., 1.]), B.Affine(shift=[0., 1.], scale_identity_multiplier=2.).inverse_log_det_jacobian([[1., 1.]], event_ndims=1), B.Affine(scale_diag=[1., 2.], scale_perturb_factor=[[1.], [0.5]]).forward([1., 1.]), B.Affine(scale_diag=[1., 2.], scale_perturb_factor=[[1.], [0.5]]).inverse([1., 1.]), B.Affine(shift=[1., 2.]).forward([0., 0.])],
        "transformed_affine_mvn": lambda: [D.TransformedDistribution(D.Normal(0., 1.), B.Affine(shift=[1., 2.], scale_diag=[2., 3.]), event_shape=[2]).sample(2, seed=3), D.TransformedDistribution(D.Normal(0., 1.), B.Affine(shift=[1., 2.], scale_diag=[2., 3.]), event_shape=[2]).log_prob([1., 1.])],
        "error_affine_perturb": lambda: B.Affine(scale_perturb_diag=[1.]),
        "error_bijector_event_ndims": lambda: B.Exp().inverse_log_det_jacobian([1.], event_ndims=-1),
        "transformed_lognormal": lambda: [_lognormal(D, B).sample(3, seed=4), _lognormal(D, B).log_prob([0.5, 2.]), _lognormal(D, B).prob([1.5]), _lognormal(D, B).cdf([0.5]), _lognormal(D, B).name, _lognormal(D, B).batch_shape_tensor(), _lognormal(D, B).event_shape_tensor()],
        "transformed_affine": lambda: [D.TransformedDistribution(D.Normal(0., 1.), B.AffineScalar(shift=1., scale=2.)).sample([2, 2], seed=2), D.TransformedDistribution(D.Normal(0., 1.), B.AffineScalar(shift=1., scale=2.)).log_prob(0.3), D.TransformedDistribution(D.Normal(0., 1.), B.AffineScalar(shift=1., scale=2.)).entropy(), D.TransformedDistribution(D.Normal(0., 1.), B.AffineScalar(shift=1., scale=2.)).quantile(0.2)],
        "transformed_event_override": lambda: [D.TransformedDistribution(D.Normal(0., 1.), B.Exp(), event_shape=[3]).sample(2, seed=5), D.TransformedDistribution(D.Normal(0., 1.), B.Exp(), event_shape=[3]).log_prob([1., 2., 3.]), D.TransformedDistribution(D.Normal(0., 1.), B.Identity(), event_shape=[3]).entropy(), D.TransformedDistribution(D.Normal(0., 1.), B.Exp(), event_shape=[3]).event_shape_tensor()],
        "transformed_batch_override": lambda: [D.TransformedDistribution(D.Normal(0., 1.), B.Sigmoid(), batch_shape=[2]).sample(3, seed=6), D.TransformedDistribution(D.Normal(0., 1.), B.Sigmoid(), batch_shape=[2]).log_prob([0.2, 0.7]), D.TransformedDistribution(D.Normal(0., 1.), B.Sigmoid(), batch_shape=[2]).batch_shape_tensor()],
        "transformed_graph_seed": lambda: D.TransformedDistribution(D.Normal([0., 1.], 1.), B.Softplus()).sample(2),
        "error_transformed_override_nonscalar": lambda: D.TransformedDistribution(D.Normal([0., 1.], 1.), B.Exp(), batch_shape=[2]),
        "mvn_diag": lambda: [D.MultivariateNormalDiag([1., 2.], [0.5, 2.]).sample(3, seed=1), D.MultivariateNormalDiag([1., 2.], [0.5, 2.]).log_prob([[1., 1.], [0., 3.]]), D.MultivariateNormalDiag([1., 2.], [0.5, 2.]).prob([1., 1.]), D.MultivariateNormalDiag([1., 2.], [0.5, 2.]).entropy(), D.MultivariateNormalDiag([1., 2.], [0.5, 2.]).mean(), D.MultivariateNormalDiag([1., 2.], [0.5, 2.]).covariance(), D.MultivariateNormalDiag([1., 2.], [0.5, 2.]).stddev(), D.MultivariateNormalDiag([1., 2.], [0.5, 2.]).variance(), D.MultivariateNormalDiag([1., 2.], [0.5, 2.]).event_shape_tensor()],
        "mvn_diag_identity": lambda: [D.MultivariateNormalDiag([[1., 2.], [0., 0.]]).sample(2, seed=3), D.MultivariateNormalDiag([1., 2.], scale_identity_multiplier=2.).log_prob([0., 0.]), D.MultivariateNormalDiag([1., 2., 3.], scale_identity_multiplier=2.).covariance(), D.MultivariateNormalDiag([[1., 2.], [0., 0.]]).batch_shape_tensor()],
        "mvn_diag_graph_seed": lambda: D.MultivariateNormalDiag([1., 2.], [0.5, 2.]).sample([2, 2]),
        "mvn_tril": lambda: [D.MultivariateNormalTriL([1., 2.], [[1., 0.], [0.5, 2.]]).sample(3, seed=2), D.MultivariateNormalTriL([1., 2.], [[1., 0.], [0.5, 2.]]).log_prob([0., 1.]), D.MultivariateNormalTriL([1., 2.], [[1., 0.], [0.5, 2.]]).covariance(), D.MultivariateNormalTriL([1., 2.], [[1., 0.], [0.5, 2.]]).stddev(), D.MultivariateNormalTriL([1., 2.], [[1., 0.], [0.5, 2.]]).entropy()],
        "mvn_full_covariance": lambda: [D.MultivariateNormalFullCovariance([1., 2.], [[2., 0.5], [0.5, 1.]]).sample(2, seed=7), D.MultivariateNormalFullCovariance([1., 2.], [[2., 0.5], [0.5, 1.]]).log_prob([[0., 1.], [1., 1.]]), D.MultivariateNormalFullCovariance([1., 2.], [[2., 0.5], [0.5, 1.]]).covariance(), D.MultivariateNormalFullCovariance([1., 2.], [[2., 0.5], [0.5, 1.]]).variance()],
        "mvn_diag_plus_low_rank": lambda: [D.MultivariateNormalDiagPlusLowRank([1., 2., 3.], [1., 2., 3.], scale_perturb_factor=[[1.], [0.5], [0.2]]).sample(2, seed=4), D.MultivariateNormalDiagPlusLowRank([1., 2., 3.], [1., 2., 3.], scale_perturb_factor=[[1.], [0.5], [0.2]]).log_prob([0., 0., 0.]), D.MultivariateNormalDiagPlusLowRank([1., 2., 3.], [1., 2., 3.], scale_perturb_factor=[[1.], [0.5], [0.2]], scale_perturb_diag=[2.]).covariance(), D.MultivariateNormalDiagPlusLowRank([1., 2., 3.], [1., 2., 3.], scale_perturb_factor=[[1.], [0.5], [0.2]]).variance(), D.MultivariateNormalDiagPlusLowRank([1., 2.], scale_identity_multiplier=2.).log_prob([0., 0.])],
        "mvn_kl": lambda: [D.kl_divergence(D.MultivariateNormalDiag([1., 2.], [0.5, 2.]), D.MultivariateNormalDiag([0., 1.], [1., 1.])), D.kl_divergence(D.MultivariateNormalTriL([1., 2.], [[1., 0.], [0.5, 2.]]), D.MultivariateNormalFullCovariance([0., 0.], [[2., 0.5], [0.5, 1.]]))],
        "mvn_batch": lambda: [D.MultivariateNormalDiag([[1., 2.], [3., 4.]], [0.5, 2.]).sample(2, seed=8), D.MultivariateNormalDiag([[1., 2.], [3., 4.]], [0.5, 2.]).log_prob([1., 1.]), D.MultivariateNormalTriL([0., 0.], [[[1., 0.], [0.5, 2.]], [[2., 0.], [0., 1.]]]).log_prob([[1., 1.]])],
        "mvn_diag_dynamic_batch": lambda: _mvn_dynamic(D, tf),
        "mvn_tril_dynamic_batch": lambda: _mvn_tril_dynamic(D, tf),
        "error_mvn_event_size": lambda: D.MultivariateNormalDiag([1., 2., 3.], [0.5, 2.]),
        "error_mvn_tril_nothing": lambda: D.MultivariateNormalTriL(),
        "error_mvn_diag_no_loc": lambda: D.MultivariateNormalDiag(scale_identity_multiplier=2.),
        "onehot_categorical": lambda: [D.OneHotCategorical(logits=[[0.1, 0.5, 0.2], [1.0, -1.0, 0.0]]).sample(4, seed=8), D.OneHotCategorical(probs=[0.2, 0.5, 0.3]).sample([2, 2], seed=1), D.OneHotCategorical(logits=[[0.1, 0.5, 0.2], [0.3, 0.1, 0.0]]).log_prob([[0, 1, 0], [0, 0, 1]]), D.OneHotCategorical(logits=[0.1, 0.5, 0.2]).prob([1, 0, 0]), D.OneHotCategorical(logits=[0.1, 0.5, 0.2]).entropy(), D.OneHotCategorical(logits=[[0.1, 0.5, 0.2]]).mode(), D.OneHotCategorical(probs=[0.2, 0.5, 0.3]).covariance(), D.OneHotCategorical(probs=[0.2, 0.5, 0.3]).variance(), D.OneHotCategorical(probs=[0.2, 0.5, 0.3], dtype=tf.float32).sample(2, seed=3), D.OneHotCategorical(logits=[[0.1, 0.5, 0.2]]).event_shape_tensor()],
        "onehot_kl": lambda: D.kl_divergence(D.OneHotCategorical(logits=[0.1, 0.5, 0.2]), D.OneHotCategorical(logits=[0.3, 0.1, -0.2])),
        "mixture_same_family": lambda: [_msf(D).sample(4, seed=3), _msf(D).log_prob([0.5, -1.]), _msf(D).mean(), _msf(D).variance(), _msf(D).cdf(0.2), _msf(D).batch_shape_tensor(), _msf(D).event_shape_tensor()],
        "mixture_same_family_mvn": lambda: [_msf_mvn(D).sample(2, seed=5), _msf_mvn(D).log_prob([[0.5, -1.], [1., 1.]]), _msf_mvn(D).mean(), _msf_mvn(D).covariance(), _msf_mvn(D).variance()],
        "mixture_same_family_batch": lambda: [D.MixtureSameFamily(D.Categorical(probs=[[0.3, 0.7], [0.5, 0.5]]), D.Normal([[-1., 1.], [0., 2.]], [[0.5, 1.], [1., 1.]])).sample(3, seed=1), D.MixtureSameFamily(D.Categorical(probs=[[0.3, 0.7], [0.5, 0.5]]), D.Normal([[-1., 1.], [0., 2.]], [[0.5, 1.], [1., 1.]])).log_prob([0.1, 0.2]), D.MixtureSameFamily(D.Categorical(probs=[[0.3, 0.7], [0.5, 0.5]]), D.Normal([[-1., 1.], [0., 2.]], [[0.5, 1.], [1., 1.]])).mean()],
        "error_mixture_components": lambda: D.MixtureSameFamily(D.Categorical(probs=[0.3, 0.2, 0.5]), D.Normal([-1., 1.], [0.5, 1.])),
        "error_mixture_float": lambda: D.MixtureSameFamily(D.Normal(0., 1.), D.Normal([-1., 1.], [0.5, 1.])),
        "relaxed_onehot": lambda: [D.RelaxedOneHotCategorical(0.5, logits=[[0.1, 0.5, 0.2], [1.0, -1.0, 0.0]]).sample(3, seed=8), D.RelaxedOneHotCategorical(0.5, logits=[0.1, 0.5, 0.2]).log_prob([0.2, 0.5, 0.3]), D.RelaxedOneHotCategorical(2., probs=[0.2, 0.5, 0.3]).prob([0.1, 0.6, 0.3]), D.RelaxedOneHotCategorical([0.5, 1.], logits=[[0.1, 0.5], [1., 0.]]).sample(2, seed=2), D.RelaxedOneHotCategorical(0.5, logits=[0.1, 0.5, 0.2]).name],
        "exp_relaxed_onehot": lambda: [D.ExpRelaxedOneHotCategorical(0.5, logits=[0.1, 0.5, 0.2]).sample(2, seed=4), D.ExpRelaxedOneHotCategorical(0.5, logits=[0.1, 0.5, 0.2]).log_prob(np.log([0.2, 0.5, 0.3]).astype(np.float32)), D.ExpRelaxedOneHotCategorical(0.5, logits=[0.1, 0.5, 0.2]).event_shape_tensor()],
        "relaxed_onehot_graph_seed": lambda: D.RelaxedOneHotCategorical(1.5, logits=[0.1, 0.5, 0.2]).sample(2),
        "mixture": lambda: [_mix(D).sample(5, seed=3), _mix(D).log_prob([0.5, -1.]), _mix(D).mean(), _mix(D).stddev(), _mix(D).cdf(0.2), _mix(D).entropy_lower_bound(), _mix(D).batch_shape_tensor()],
        "mixture_static_graph": lambda: [D.Mixture(D.Categorical(probs=[0.3, 0.7]), [D.Normal(-1., 0.5), D.Normal(1., 2.)], use_static_graph=True).sample(4, seed=2), D.Mixture(D.Categorical(probs=[0.3, 0.7]), [D.Normal(-1., 0.5), D.Normal(1., 2.)], use_static_graph=True).sample(3)],
        "mixture_batch": lambda: [D.Mixture(D.Categorical(logits=[[0.1, 0.2], [0.5, -1.]]), [D.Normal([0., 1.], 1.), D.Laplace([2., 3.], 0.5)]).sample(3, seed=7), D.Mixture(D.Categorical(logits=[[0.1, 0.2], [0.5, -1.]]), [D.Normal([0., 1.], 1.), D.Laplace([2., 3.], 0.5)]).log_prob([0.3, 2.])],
        "mixture_graph_seed": lambda: _mix(D).sample(4),
        "error_mixture_count": lambda: D.Mixture(D.Categorical(probs=[0.3, 0.7]), [D.Normal(0., 1.)]),
        "error_mixture_cat": lambda: D.Mixture(D.Normal(0., 1.), [D.Normal(0., 1.)]),
        "softplus_variants": lambda: [D.NormalWithSoftplusScale([0., 1.], [-1., 2.]).sample(2, seed=1), D.NormalWithSoftplusScale(0., -1.).log_prob(0.5), D.LaplaceWithSoftplusScale(0., -1.).stddev(), D.ExponentialWithSoftplusRate([-1., 1.]).sample(2, seed=2), D.GammaWithSoftplusConcentrationRate(1., -1.).mean(), D.BetaWithSoftplusConcentration(1., 2.).mean(), D.StudentTWithAbsDfSoftplusScale(-3.5, 0., 1.).variance(), D.MultivariateNormalDiagWithSoftplusScale([0., 1.], [-1., 2.]).sample(2, seed=3), D.MultivariateNormalDiagWithSoftplusScale([0., 1.], [-1., 2.]).log_prob([0., 0.])],
        "cauchy": lambda: [D.Cauchy([0., 1.], [1., 2.]).sample(3, seed=2), D.Cauchy(0.5, 2.).log_prob([0.3, -1.]), D.Cauchy(0.5, 2.).cdf(0.3), D.Cauchy(0.5, 2.).log_cdf(0.3), D.Cauchy([0.5, 1.], 2.).entropy(), D.Cauchy(0.5, 2.).quantile(0.9), D.Cauchy(0.5, 2.).mode(), D.Cauchy([0.5, 1.], 2.).mean(), D.Cauchy(0.5, 2.).stddev()],
        "half_normal": lambda: [D.HalfNormal([1., 2.]).sample(3, seed=5), D.HalfNormal(2.).log_prob([0.3, -1.]), D.HalfNormal(2.).cdf(0.3), D.HalfNormal(2.).entropy(), D.HalfNormal(2.).mean(), D.HalfNormal(2.).variance(), D.HalfNormal(2.).quantile([0.2, 0.9]), D.HalfNormal([2., 1.]).mode()],
        "chi2": lambda: [D.Chi2([1., 4.]).sample(3, seed=5), D.Chi2(3.).log_prob(1.5), D.Chi2(3.).mean(), D.Chi2(3.).variance(), D.Chi2(3.).entropy(), D.Chi2WithAbsDf(-3.5).mean(), D.Chi2WithAbsDf([-3.5, 2.2]).sample(2, seed=1)],
        "error_cauchy_mean": lambda: D.Cauchy(0., 1., allow_nan_stats=False).mean(),
        "error_cauchy_dtype": lambda: D.Cauchy(np.float64(0.), np.float32(1.)),
        "independent": lambda: [D.Independent(D.Normal([[0., 1.], [2., 3.]], 1.)).sample(2, seed=4), D.Independent(D.Normal([[0., 1.], [2., 3.]], 1.)).log_prob([0.5, 1.]), D.Independent(D.Normal([[0., 1.], [2., 3.]], 1.)).entropy(), D.Independent(D.Normal([[0., 1.], [2., 3.]], 1.)).batch_shape_tensor(), D.Independent(D.Normal([[0., 1.], [2., 3.]], 1.)).event_shape_tensor(), D.Independent(D.Normal([[0., 1.], [2., 3.]], 1.), reinterpreted_batch_ndims=2).log_prob([[0.5, 1.], [0., 0.]]), D.Independent(D.Bernoulli(probs=[0.3, 0.6])).mean(), D.Independent(D.Normal([0., 1.], 1.)).name],
        "independent_kl": lambda: D.kl_divergence(D.Independent(D.Normal([[0., 1.], [2., 3.]], 1.)), D.Independent(D.Normal([[1., 1.], [2., 0.]], 2.))),
        "error_independent_ndims": lambda: D.Independent(D.Normal([0., 1.], 1.), reinterpreted_batch_ndims=2),
        "inverse_gamma": lambda: [D.InverseGamma([1., 3.], [1., 2.]).sample(3, seed=5), D.InverseGamma(3., 2.).log_prob([0.5, 2.]), D.InverseGamma(3., 2.).cdf(0.5), D.InverseGamma(3., 2.).entropy(), D.InverseGamma([0.5, 3.], 2.).mean(), D.InverseGamma([1.5, 3.], 2.).variance(), D.InverseGamma(3., 2.).mode(), D.InverseGammaWithSoftplusConcentrationRate(1., -1.).mode()],
        "negative_binomial": lambda: [D.NegativeBinomial(5., probs=[0.2, 0.6]).sample(3, seed=5), D.NegativeBinomial(5., logits=0.3).log_prob([0., 3.]), D.NegativeBinomial(5., probs=0.4).cdf(2.), D.NegativeBinomial(5., probs=0.4).mean(), D.NegativeBinomial(5., probs=0.4).variance(), D.NegativeBinomial([0.5, 5.], probs=0.4).mode()],
        "relaxed_bernoulli": lambda: [D.RelaxedBernoulli(0.5, logits=[0.2, -1.]).sample(3, seed=2), D.RelaxedBernoulli(0.5, probs=0.3).log_prob([0.2, 0.9]), D.RelaxedBernoulli(0.5, logits=0.2).prob(0.6), D.RelaxedBernoulli(0.5, logits=0.2).cdf(0.6), D.RelaxedBernoulli(2., logits=[0.2, -1.]).sample(2)],
        "binomial": lambda: [D.Binomial(5., probs=[0.2, 0.6]).log_prob([0., 3.]), D.Binomial(5., logits=0.3).prob(2.), D.Binomial(5., probs=0.4).cdf([2., 5.]), D.Binomial([5., 3.], probs=0.4).mean(), D.Binomial(5., probs=0.4).variance(), D.Binomial(5., probs=[0.2, 0.6]).mode(), D.Binomial(5., probs=0.4).cdf(1.)],
        "error_binomial_sample": lambda: D.Binomial(5., probs=0.4).sample(2, seed=1),
        "vector_laplace_diag": lambda: [D.VectorLaplaceDiag([1., 2.], [0.5, 2.]).sample(3, seed=1), D.VectorLaplaceDiag([1., 2.], [0.5, 2.]).log_prob([[1., 1.], [0., 3.]]), D.VectorLaplaceDiag([1., 2.], [0.5, 2.]).mean(), D.VectorLaplaceDiag([1., 2.], [0.5, 2.]).covariance(), D.VectorLaplaceDiag([1., 2.], [0.5, 2.]).stddev(), D.VectorLaplaceDiag([1., 2.], scale_identity_multiplier=2.).variance(), D.VectorLaplaceDiag([1., 2.], [0.5, 2.]).entropy()],
        "util_functions": lambda: [D.matrix_diag_transform([[1., 2.], [3., 4.]], transform=tf.exp), D.matrix_diag_transform([[1., 2.], [3., 4.]]), D.tridiag([1., 2.], [3., 4., 5.], [6., 7.]), D.tridiag(diag=[[3., 4.], [5., 6.]]), D.softplus_inverse([0.5, 1e-9, 30.]), D.softplus_inverse(np.array([0.5, 100.]))],
        "error_tridiag_none": lambda: D.tridiag(),
        "vector_exponential_diag": lambda: [D.VectorExponentialDiag([1., 2.], [0.5, 2.]).sample(3, seed=1), D.VectorExponentialDiag([1., 2.], [0.5, 2.]).log_prob([[1.5, 3.], [2., 2.5]]), D.VectorExponentialDiag([1., 2.], [0.5, 2.]).mean(), D.VectorExponentialDiag([1., 2.], [0.5, 2.]).mode(), D.VectorExponentialDiag([1., 2.], [0.5, 2.]).covariance(), D.VectorExponentialDiag([1., 2.], [0.5, 2.]).stddev(), D.VectorExponentialDiag([1., 2.], scale_identity_multiplier=2.).variance()],
        "util_triangular_logsumexp": lambda: [D.fill_triangular([1., 2., 3., 4., 5., 6.]), D.fill_triangular([[1., 2., 3.], [4., 5., 6.]], upper=True), D.fill_triangular_inverse([[1., 0., 0.], [2., 3., 0.], [4., 5., 6.]]), D.fill_triangular_inverse([[1., 2.], [0., 3.]], upper=True), D.reduce_weighted_logsumexp([0., 1., 2.], [1., -1., 0.5]), D.reduce_weighted_logsumexp([[0., 1.], [2., 3.]], [[1., -1.], [2., 0.5]], axis=-1, return_sign=True), D.reduce_weighted_logsumexp([0., 1., 2.]), D.reduce_weighted_logsumexp([[0., 1.], [2., 3.]], [[1., 1.], [2., 0.5]], axis=0, keep_dims=True)],
        "error_fill_triangular": lambda: D.fill_triangular([1., 2., 3., 4.]),
        "seed_stream": lambda: _seed_stream(D),
        "kumaraswamy": lambda: [D.Kumaraswamy([2., 0.5], [3., 2.]).sample(3, seed=4), D.Kumaraswamy(2., 3.).log_prob([0.3, 0.6]), D.Kumaraswamy(2., 3.).cdf(0.4), D.Kumaraswamy(2., 3.).entropy(), D.Kumaraswamy(2., 3.).mean(), D.Kumaraswamy(2., 3.).variance(), D.Kumaraswamy([2., 0.5], 3.).mode(), B.Kumaraswamy(2., 3.).forward([0.2]), B.Kumaraswamy(2., 3.).inverse_log_det_jacobian([0.2], event_ndims=0)],
        "normal_conjugates": lambda: [D.normal_conjugates_known_scale_posterior(D.Normal(0., 2.), 1., tf.constant(3.), 4).mean(), D.normal_conjugates_known_scale_posterior(D.Normal([0., 1.], 2.), 1., tf.constant([3., 1.]), 4).stddev(), D.normal_conjugates_known_scale_predictive(D.Normal(0., 2.), 1., tf.constant(3.), 4).stddev()],
        "error_conjugates_dtype": lambda: D.normal_conjugates_known_scale_posterior(D.Normal(0., 2.), 1., tf.constant(3, tf.int32), 4),
        "error_poisson_both": lambda: D.Poisson(rate=1., log_rate=0.),
        "error_poisson_int": lambda: D.Poisson(rate=[1, 2]),
        "error_geometric_both": lambda: D.Geometric(logits=0.1, probs=0.5),
        "error_logistic_dtype": lambda: D.Logistic(np.float64(0.), np.float32(1.)),
    }


RANDOM = {"mvn_diag_dynamic_batch", "mvn_tril_dynamic_batch", "kumaraswamy", "vector_exponential_diag", "vector_laplace_diag", "relaxed_bernoulli", "inverse_gamma", "negative_binomial", "independent", "cauchy", "half_normal", "chi2", "transformed_affine_mvn", "softplus_variants", "mixture", "mixture_static_graph", "mixture_batch", "mixture_graph_seed", "relaxed_onehot", "exp_relaxed_onehot", "relaxed_onehot_graph_seed", "mixture_same_family", "mixture_same_family_mvn", "mixture_same_family_batch", "onehot_categorical", "mvn_diag_plus_low_rank", "mvn_diag", "mvn_diag_identity", "mvn_diag_graph_seed", "mvn_tril", "mvn_full_covariance", "mvn_batch", "transformed_lognormal", "transformed_affine", "transformed_event_override", "transformed_batch_override", "transformed_graph_seed", "aliases", "logistic_sample", "logistic_sample_graph_seed", "logistic_float64", "geometric_sample", "geometric_logits_sample", "poisson_sample", "poisson_log_rate_sample", "deterministic", "vector_deterministic"}


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
