"""What the probe programs in tests/pprobe22_scripts print under TF 1.14: whole seeded TF1
programs of meta-learning and higher-order gradients: MAML on sinusoid regression (inner SGD
steps by tf.gradients on a weights dict; the second-order meta-gradient and the first-order
variant through tf.stop_gradient), Reptile with tf.assign snapshots and batched deltas, a
learned LSTM optimizer unrolled 5 steps, a hypernetwork generating two layers' kernels
(tf.contrib.opt.AdamWOptimizer / NadamOptimizer), an energy model's inner tf.while_loop of
input-gradient steps with gradient penalties (tf.gradients of tf.gradients through the loop;
Adagrad and tf.contrib.opt.AdaMaxOptimizer) and prototypical networks with pairwise
Euclidean distances. Op counts and values at full precision (or hashes of their bytes).
Made on an Intel Xeon (TF's float32 bits depend on the host CPU: engine/ops/host_cpu.py);
the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe22_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
