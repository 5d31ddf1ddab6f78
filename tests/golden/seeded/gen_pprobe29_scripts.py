"""What the probe programs in tests/pprobe29_scripts print under TF 1.14: whole seeded TF1
programs of the less-used tf.nn and tf.contrib.layers ops in small trained models:
learned tf.nn.dilation2d / erosion2d structuring elements with tf.nn.local_response_
normalization and tf.nn.lrn; tf.nn.atrous_conv2d / atrous_conv2d_transpose,
tf.nn.with_space_to_batch, tf.nn.pool and tf.nn.convolution with dilation_rate;
tf.nn.sufficient_statistics / normalize_moments / weighted_moments with
tf.contrib.layers group_norm, instance_norm and layer_norm (begin_norm_axis /
begin_params_axis); tf.contrib.layers conv2d_in_plane, spatial_softmax, maxout,
unit_norm, repeat, stack, legacy_fully_connected and legacy_relu; tf.nn.crelu,
relu_layer, log_poisson_loss and nce_loss with remove_accidental_hits; space_to_depth /
depth_to_space / space_to_batch(_nd) / batch_to_space(_nd) models. Values at full
precision or hashes of their bytes. Made on an Intel Xeon (TF's float32 bits depend on the
host CPU: engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe29_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
