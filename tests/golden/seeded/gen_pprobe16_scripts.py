"""What the probe programs in tests/pprobe16_scripts print under TF 1.14: whole seeded TF1
programs written as the textbooks print them: Hands-On Machine Learning (1st ed.) chapters
9-16 (linear regression by the normal equation and by gradient descent written by hand,
tf.gradients and Momentum, a Saver under another name, the graph read back from a
FileWriter; name scopes, tf.layers.dense with batch normalization and the UPDATE_OPS
control dependencies, dropout on a training placeholder, gradient clipping by
compute_gradients / apply_gradients and clip_by_global_norm, restoring a pretrained net's
lower layers with a Saver on a var_list dict and freezing them, max-norm regularization by
clip_by_norm assign ops in a collection, tied-weight / sparse / denoising autoencoders,
time series with OutputProjectionWrapper, stacked and dropout-wrapped RNN cells, the
REINFORCE policy gradient with fed gradient placeholders on a tiny deterministic
environment) and Stanford CS20 (placeholder-fed initializable iterators, one
reinitializable iterator switched between train and test, summaries written to a temporary
folder and read back). Op counts and values at full precision (or hashes of their bytes).
Made on an Intel Xeon (TF's float32 bits depend on the host CPU: engine/ops/host_cpu.py);
the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe16_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
