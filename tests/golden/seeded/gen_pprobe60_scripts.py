"""What the probe programs in tests/pprobe60_scripts print under TF 1.14: whole seeded TF1
programs of less common model families: capsule routing in a tf.while_loop (squash, margin
loss, a TensorArray of couplings, the shape-invariant error), contrib.losses.metric_learning
(pairwise distances of a duplicated row, triplet_semihard / lifted_struct / npairs /
npairs_multilabel / contrastive losses trained a few steps, their label errors),
neural-style Gram matrices with tf.einsum (the ops einsum makes, its errors), a fixed-step
RK4 integrator in a tf.while_loop differentiated through (and contrib.integrate.odeint_fixed),
the gradient of a back_prop=False loop, a mixture density network on
contrib.distributions MixtureSameFamily / Mixture (log_prob, cdf, seeded samples, errors)
and Grappler's Log(Softmax(x)) -> LogSoftmax(x) rewrite.
Values at full precision. Made on this machine's CPU (TF's float32 bits depend on the host
CPU: engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe60_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
