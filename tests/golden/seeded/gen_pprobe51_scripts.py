"""What the probe programs in tests/pprobe51_scripts print under TF 1.14: whole seeded TF1
programs of mixed-precision training idioms on CPU: float16 models with float32 master
weights through a casting custom_getter trained by tf.contrib.mixed_precision's
LossScaleOptimizer with a FixedLossScaleManager and an ExponentialUpdateLossScaleManager
(inf inputs and a float16 overflow skip steps and halve the scale);
tf.train.experimental.MixedPrecisionLossScaleOptimizer with fixed and DynamicLossScale
scales and enable_mixed_precision_graph_rewrite (no rewrite on a CPU-only host); float16
batch norm (fused, unfused, contrib), moments and softmax cross-entropy with their
gradients; saturate_cast, convert_image_dtype, Cast round trips and float16 saturation;
bfloat16 saturate_cast and arithmetic. Values at full precision. Made on an Intel Xeon
(TF's float32 bits depend on the host CPU: engine/ops/host_cpu.py); the case "host"
records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe51_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
