"""What the probe programs in tests/pprobe78_scripts print under TF 1.14: whole seeded TF1
GAN programs as repositories write them with tf.contrib.gan (tfgan): gan_model and
gan_loss with wasserstein losses and gradient_penalty_weight, gan_train_ops with
GANTrainSteps and get_sequential_train_hooks in a MonitoredSession; infogan_model with
mutual_information_penalty and the modified losses; a conditional gan_model
(features.condition_tensor_from_onehot), least_squares and minimax losses, acgan_model with
the aux_cond weights and get_sequential_train_steps; and a DCGAN written by hand
(conv2d_transpose with a dynamic output_shape, batch_normalization under UPDATE_OPS, scoped
var_lists, Adam(beta1=0.5)) with the error of a mismatched output_shape. Values at full
precision. Made on an AMD EPYC (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe78_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
