"""What the probe programs in tests/pprobe19_scripts print under TF 1.14: whole seeded TF1
programs of training utilities: an ExponentialMovingAverage over partitioned weights
(fixed_size / min_max partitioners) with variables_to_restore and a Saver var_list dict of
PartitionedVariables, AddSign / PowerSign with contrib.opt's sign-decay functions under
cosine_decay_restarts / polynomial (cycle) / exponential (staircase) /
noisy_linear_cosine_decay learning rates, warm starts (init_from_checkpoint with a scope
map onto partitions, tf.train.warm_start with a regex and a renamed variable, slim's
assign_from_checkpoint_fn), decoupled weight decay (extend_with_decoupled_weight_decay over
Momentum / RMSProp / Adam with decay_var_list, AdamW, LazyAdam, Nadam on a partitioned
embedding), gradient accumulation of dense and IndexedSlices gradients into
non-trainable variables applied under tf.cond in a restarted MonitoredTrainingSession, the
MovingAverageOptimizer's swapping_saver, a Scaffold's init_fn warm start with a sharded
Saver dict across restarts, and contrib.opt's sparse paths (AddSign, PowerSign, LazyAdam,
AdaMax, AdamGS, LazyAdamGS, Nadam) on resource and partitioned embeddings. Op counts and values at full precision (or hashes of their
bytes). Made on an Intel Xeon (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe19_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
