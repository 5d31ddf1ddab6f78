"""What the probe programs in tests/pprobe61_scripts print under TF 1.14: whole seeded TF1
programs of Bayesian and variational deep learning with tf.contrib.distributions: a
Bayes-by-backprop MLP (reparameterised Normal weights with softplus scales, KL to a N(0, 1)
prior by kl_divergence and by Monte Carlo, Adam), a VAE (MultivariateNormalDiag posterior,
Independent Bernoulli likelihood, ELBO, a Normal likelihood variant, Independent's error), a
normalizing flow (TransformedDistribution through Chain([Affine, Exp, Affine]), Invert,
log_det_jacobian values and the event_ndims error), MC dropout at test time (tf.nn.dropout /
tf.layers.dropout with seeds, T forward passes, dropout's argument errors) and the entropy /
log_prob / cdf / samples of Gamma, Beta, Dirichlet, Categorical, OneHotCategorical and
RelaxedOneHotCategorical (a Gumbel-softmax straight-through estimator, validate_args errors),
implicit reparameterisation gradients of Gamma / Beta / Dirichlet samples (a Monte Carlo ELBO
for a Gamma posterior), contrib.bayesflow.monte_carlo.expectation, RelaxedBernoulli and Mixture,
MultivariateNormalTriL from fill_triangular, WishartCholesky, the CholeskyOuterProduct and
ScaleTriL bijectors.
Values at full precision; input data from products and NumPy's seeded generators only (no
np.sin / np.exp of float64, whose rounding differs across NumPy versions). Made on an AMD EPYC
(TF's float32 bits depend on the host CPU: engine/ops/host_cpu.py); the case "host" records
its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe61_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
