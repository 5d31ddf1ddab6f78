"""What the probe programs in tests/pprobe63_scripts print under TF 1.14: whole seeded TF1
programs of training utilities as TF1 repositories use them: tf.contrib.layers.optimize_loss
(clip_gradients, learning_rate_decay_fn, summaries, batch-norm update ops, gradient
multipliers, seeded gradient noise, the optimizer as a name, class or instance, its errors);
every tf.train learning-rate schedule over a fed global step; ExponentialMovingAverage with
num_updates and zero_debias in a training loop and its variables_to_restore Saver; gradient
accumulation over batches in tf.Variable accumulators and two losses trained by tf.group;
tf.contrib.opt LazyAdam, AdamW / MomentumW / extend_with_decoupled_weight_decay,
MovingAverageOptimizer's swapping saver, LARS, Nadam, AddSign, PowerSign, AdaMax; the
schedules' dtypes and type errors and optimize_loss's argument errors. Values at
full precision; no temporary paths printed. Made on an AMD EPYC (TF's float32 bits depend on
the host CPU: engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe63_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
