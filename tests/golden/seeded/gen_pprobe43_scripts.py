"""What the probe programs in tests/pprobe43_scripts print under TF 1.14: whole seeded TF1
programs of memory-saving and gradient-plumbing tricks: tf.contrib.layers.recompute_grad on
residual blocks with resource variables (and with use_data_dep / tupleize_grads, its error
for a closure over a Tensor), checkpointed backprop by hand with tf.stop_gradient and
tf.gradients' grad_ys, tf.gradients' options (stop_gradients, grad_ys, unconnected_gradients,
aggregation_method, gate_gradients), micro-batch gradient accumulation in variables with
compute_gradients GATE_OP / GATE_GRAPH, clip_by_global_norm and Adam, and DoReFa-Net's
quantizers (gradient_override_map, a RegisterGradient'ed noisy gradient quantizer). Values
at full precision or hashes of their bytes. Made on an Intel Xeon (TF's float32 bits depend
on the host CPU: engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe43_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
