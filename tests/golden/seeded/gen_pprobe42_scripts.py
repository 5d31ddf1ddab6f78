"""What the probe programs in tests/pprobe42_scripts print under TF 1.14: whole seeded TF1
programs of probabilistic models on tf.contrib.distributions / tf.distributions: a masked
autoregressive flow and its Invert (IAF) under an Affine Chain, a 2-D mixture density network
of MixtureSameFamily(MultivariateNormalTriL) and a Mixture of MultivariateNormalDiag,
kl_divergence between families, a full-covariance VAE with an Independent(Bernoulli) decoder
and tf.contrib.bayesflow.monte_carlo.expectation, and the Square / Softsign / Gumbel /
Ordered bijectors in TransformedDistributions. Values at full precision or hashes of the
bytes, op counts. Made on an Intel Xeon (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe42_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
