"""What the probe programs in tests/pprobe81_scripts print under TF 1.14: whole seeded TF1
programs with discrete latents as research code writes them: a VQ-VAE bottleneck (argmin of
distances, embedding_lookup, the straight-through x + stop_gradient(q - x), codebook and
commitment losses, unique_with_counts usage, perplexity, the codebook's IndexedSlices
gradient); EMA codebook updates with moving_averages.assign_moving_average(zero_debias=True)
and Laplace-smoothed counts; Gumbel-softmax by hand (-log(-log(u))), the hard
one_hot(argmax) straight-through, contrib RelaxedOneHotCategorical / OneHotCategorical
samples and log_prob, validate_args assertions, Multinomial, a KL of OneHotCategoricals;
REINFORCE with a moving baseline (tf.multinomial, Categorical and
Bernoulli log_prob, stop_gradient advantages, Multinomial's errors, argmin ties,
unique_with_counts, one_hot of out-of-range ids, embedding_lookup(max_norm));
RelaxedBernoulli with a
straight-through round, tf.random.categorical, a score-function gradient and
gradient_override_map / custom_gradient straight-through estimators. Values at full
precision. Made on an AMD EPYC (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe81_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
