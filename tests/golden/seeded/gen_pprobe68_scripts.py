"""What the probe programs in tests/pprobe68_scripts print under TF 1.14: whole seeded TF1
programs of gradient plumbing as TF1 research code uses it: tf.custom_gradient (a captured
resource variable with grad_fn(variables=), grad_ys, nested), tf.RegisterGradient with
gradient_override_map (straight-through sign and round, guided-backprop ReLU, a DANN
gradient reversal layer), tf.py_func / tf.numpy_function with a registered gradient and the
LookupError without one, tf.stop_gradient tricks, tf.gradients' grad_ys / stop_gradients /
unconnected_gradients / aggregation_method / gate_gradients / colocate_gradients_with_ops,
tf.hessians, compute_gradients with grad_loss over partitioned and resource variables,
tf.test.compute_gradient(_error), and the errors: a gradient registered twice, a gradient
function returning the wrong count (with the gradient ops the failed call leaves), grad_ys
of the wrong shape or dtype, a None gradient in apply_gradients. Values at full precision.
Made on an AMD EPYC (TF's float32 bits depend on the host CPU: engine/ops/host_cpu.py); the
case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe68_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
