"""What the probe programs in tests/pprobe26_scripts print under TF 1.14: whole seeded TF1
programs of random numbers inside control flow and Monte Carlo simulation:
Metropolis-Hastings sampling of a 2-D Gaussian in a tf.while_loop (random_normal
proposals, random_uniform acceptance, a TensorArray chain, a second Session); Ising-model
checkerboard Gibbs sweeps (tf.roll neighbours, a tf.cond random start, two temperatures
through placeholders); Monte Carlo option pricing (GBM paths by tf.scan, antithetic draws,
Merton jumps from random_poisson / random_gamma in a while_loop, a pathwise gradient
through random_gamma in a fed while_loop, map_fn and scan of samples); bootstrap and
permutation tests with tf.random.categorical / random_shuffle per iteration and
tf.multinomial; stateless_random_* seeded from a Variable step and the loop counter with
tf.set_random_seed after ops exist; random walks by tf.scan over a tf.cond of normal /
gamma / poisson steps, a multinomial reflecting walk and nested first-passage loops. The
loops run one iteration at a time (parallel_iterations=1: TF's order of per-iteration
draws is otherwise a thread race). Values at full precision or hashes of their bytes.
Made on an Intel Xeon (TF's float32 bits depend on the host CPU: engine/ops/host_cpu.py);
the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe26_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
