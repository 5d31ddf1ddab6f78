"""tf.distributions (TF 1.14): Distribution, Normal, Uniform, Laplace, Gamma, Exponential,
Bernoulli, Categorical, Beta, StudentT, Dirichlet, Multinomial, DirichletMultinomial,
kl_divergence, RegisterKL, ReparameterizationType.

Seeded samples are TF's numbers: each distribution builds TF's ops, with TF's names and
counts, around TF's random ops (flowgrad's Philox streams); Multinomial's samples are the
one exception (see its module).

>>> d = tf.distributions.Normal(loc=0., scale=1.)
>>> x = d.sample([3], seed=1)
"""
from .beta_student import Beta, StudentT
from .continuous import Exponential, Gamma, Laplace, Normal, Uniform
from .dirichlet import Dirichlet
from .discrete import Bernoulli, Categorical
from .distribution import (FULLY_REPARAMETERIZED, NOT_REPARAMETERIZED, Distribution,
                           ReparameterizationType)
from .kullback_leibler import RegisterKL, kl_divergence
from .multinomial import DirichletMultinomial, Multinomial

__all__ = ["Distribution", "ReparameterizationType", "FULLY_REPARAMETERIZED",
           "NOT_REPARAMETERIZED", "Normal", "Uniform", "Laplace", "Gamma", "Exponential",
           "Bernoulli", "Categorical", "Beta", "StudentT", "Dirichlet",
           "Multinomial", "DirichletMultinomial", "kl_divergence", "RegisterKL"]
