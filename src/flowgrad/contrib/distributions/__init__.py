"""tf.contrib.distributions (TF 1.14): the tf.distributions classes under their contrib names
(the same objects, as in TF), and contrib's own distributions.

>>> d = tf.contrib.distributions.Logistic(loc=0., scale=1.)
>>> x = d.sample(3, seed=1)
"""
from ...distributions import (FULLY_REPARAMETERIZED, NOT_REPARAMETERIZED, Bernoulli, Beta,
                              Categorical, Dirichlet, DirichletMultinomial, Distribution,
                              Exponential, Gamma, Laplace, Multinomial, Normal, RegisterKL,
                              ReparameterizationType, StudentT, Uniform, kl_divergence)
from . import bijectors
from .autoregressive import Autoregressive
from .batch_reshape import BatchReshape
from .conditional import ConditionalDistribution, ConditionalTransformedDistribution
from .conjugate import (normal_conjugates_known_scale_posterior,
                        normal_conjugates_known_scale_predictive)
from .independent import Independent
from .kumaraswamy import Kumaraswamy
from .mixture import MixtureSameFamily
from .mixture_general import Mixture
from .moving_stats import (assign_log_moving_mean_exp, assign_moving_mean_variance,
                           moving_mean_variance)
from .more import (Binomial, Cauchy, Chi2, Chi2WithAbsDf, HalfNormal, InverseGamma,
                   InverseGammaWithSoftplusConcentrationRate, NegativeBinomial)
from .mvn import (MultivariateNormalDiag, MultivariateNormalDiagPlusLowRank,
                  MultivariateNormalFullCovariance, MultivariateNormalTriL)
from .onehot import ExpRelaxedOneHotCategorical, OneHotCategorical, RelaxedOneHotCategorical
from .quantized import QuantizedDistribution
from .quadrature import (quadrature_scheme_lognormal_gauss_hermite,
                         quadrature_scheme_lognormal_quantiles)
from .relaxed_bernoulli import RelaxedBernoulli
from .sample_stats import auto_correlation, percentile
from .sinh_arcsinh import SinhArcsinh
from .scalar import Deterministic, Geometric, Logistic, Poisson, VectorDeterministic
from .softplus_variants import (BetaWithSoftplusConcentration, ExponentialWithSoftplusRate,
                                GammaWithSoftplusConcentrationRate, LaplaceWithSoftplusScale,
                                MultivariateNormalDiagWithSoftplusScale,
                                NormalWithSoftplusScale, StudentTWithAbsDfSoftplusScale)
from .transformed import TransformedDistribution
from .util import (SeedStream, fill_triangular, fill_triangular_inverse, matrix_diag_transform,
                   reduce_weighted_logsumexp, softplus_inverse, tridiag)
from .vector_laplace import VectorExponentialDiag, VectorLaplaceDiag
from .vector_sinh_arcsinh import VectorSinhArcsinhDiag
from .wishart import WishartCholesky, WishartFull

__all__ = ["auto_correlation", "percentile",
           "FULLY_REPARAMETERIZED", "NOT_REPARAMETERIZED", "Bernoulli", "Beta", "Categorical",
           "Dirichlet", "DirichletMultinomial", "Distribution", "Exponential", "Gamma",
           "Laplace", "Multinomial", "Normal", "RegisterKL", "ReparameterizationType",
           "StudentT", "Uniform", "kl_divergence", "Deterministic", "Geometric", "Logistic",
           "Poisson", "VectorDeterministic", "bijectors", "TransformedDistribution",
           "MultivariateNormalDiag", "MultivariateNormalFullCovariance",
           "MultivariateNormalTriL", "MultivariateNormalDiagPlusLowRank", "OneHotCategorical",
           "MixtureSameFamily", "Mixture", "ExpRelaxedOneHotCategorical",
           "RelaxedOneHotCategorical", "BetaWithSoftplusConcentration",
           "ExponentialWithSoftplusRate", "GammaWithSoftplusConcentrationRate",
           "LaplaceWithSoftplusScale", "MultivariateNormalDiagWithSoftplusScale",
           "NormalWithSoftplusScale", "StudentTWithAbsDfSoftplusScale", "Cauchy", "Chi2",
           "Chi2WithAbsDf", "HalfNormal", "Independent", "InverseGamma",
           "InverseGammaWithSoftplusConcentrationRate", "NegativeBinomial",
           "RelaxedBernoulli", "Binomial", "VectorLaplaceDiag", "matrix_diag_transform",
           "softplus_inverse", "tridiag", "VectorExponentialDiag", "fill_triangular",
           "fill_triangular_inverse", "reduce_weighted_logsumexp", "SeedStream", "Kumaraswamy",
           "SinhArcsinh", "QuantizedDistribution", "normal_conjugates_known_scale_posterior",
           "normal_conjugates_known_scale_predictive", "BatchReshape",
           "VectorSinhArcsinhDiag", "WishartCholesky", "WishartFull", "Autoregressive",
           "ConditionalDistribution", "ConditionalTransformedDistribution",
           "assign_moving_mean_variance", "assign_log_moving_mean_exp", "moving_mean_variance",
           "quadrature_scheme_lognormal_gauss_hermite", "quadrature_scheme_lognormal_quantiles"]
