"""What the probe programs in tests/pprobe12_scripts print under TF 1.14: whole seeded TF1
programs in the style of TF 1.x papers' reference implementations, on synthetic data: a VAE
on tf.distributions with KL annealing and an importance-weighted bound; a WGAN-GP with
scoped var_lists and two optimizers; spectral normalization by power iteration with
tf.assign in control_dependencies; a Transformer block by tf.einsum with sequence_mask
masks and contrib layer_norm; a graph network with unsorted_segment_* / gather /
scatter_nd; a PPO update with tf.distributions.Categorical; gradient accumulation applied in
tf.cond; hand-written mixed precision with a float32-master custom_getter and a dynamic
loss scale; a Gumbel-softmax VAE; a VQ-VAE bottleneck with EMA codebook updates; RealNVP
bijectors; Soft Actor-Critic with a squashed Gaussian policy and Polyak target updates. Op
counts and values at full precision (or hashes of their bytes). Made on an Intel Xeon (TF's
float32 bits depend on the host CPU: engine/ops/host_cpu.py); the case "host" records its
vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe12_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
