"""What the probe programs in tests/pprobe71_scripts print under TF 1.14: whole seeded TF1
programs of normalization and regularization as TF1 repositories write them:
tf.contrib.layers.layer_norm (begin_norm_axis, begin_params_axis), instance_norm and
group_norm in a small conv net; tf.layers.batch_normalization with a training placeholder and
UPDATE_OPS, fused True / False, renorm (renorm_clipping, renorm_momentum) and
virtual_batch_size; tf.nn.moments (keep_dims, shift), weighted_moments,
sufficient_statistics, normalize_moments, batch_normalization, fused_batch_norm
(is_training=False, NHWC / NCHW) and local_response_normalization; l1 / l2 / l1_l2
regularizers through tf.layers and get_variable, get_regularization_loss,
apply_regularization, sum_regularizer and a max-norm kernel_constraint; dropout with
noise_shape, tf.layers.dropout, alpha_dropout and SpatialDropout2D with seeds; and the
errors TF raises for each. Values at full precision. Made on an AMD EPYC (TF's float32 bits
depend on the host CPU: engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe71_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
