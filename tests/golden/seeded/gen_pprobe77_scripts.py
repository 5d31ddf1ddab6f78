"""What the probe programs in tests/pprobe77_scripts print under TF 1.14: whole seeded TF1
programs of semantic segmentation as TF1 repositories write it: a DeepLab-v3 ASPP of atrous
slim.conv2d (rate=) and slim.separable_conv2d under arg_scope with batch_norm, image
pooling upsampled by resize_bilinear(align_corners=True), tf.nn.atrous_conv2d and an
ignore label 255 dropped by boolean_mask (deeplab_aspp.py); a U-Net with conv2d_transpose
of a static and a dynamic output_shape, crop-and-concat by tf.slice and
resize_image_with_crop_or_pad, dice + weighted sigmoid cross entropy, the errors of a
mismatched output_shape (unet.py); FCN upsampling by a bilinear conv2d_transpose and
tf.layers.conv2d_transpose, class-weighted sparse softmax cross entropy, tf.metrics.mean_iou
(its confusion matrix), accuracy and mean_per_class_accuracy (fcn_metrics.py); focal, dice,
median-frequency weighted and label-smoothed losses, tf.confusion_matrix and the error of
an unmasked 255 label (seg_losses.py); DeepLab's input preprocessing (random scale,
pad_to_bounding_box with the ignore label, a joint random_crop, a tf.cond flip) in a
tf.data pipeline and the errors of random_crop / crop_or_pad (seg_preprocess.py). Values at full precision. Made on an AMD EPYC (TF's
float32 bits depend on the host CPU: engine/ops/host_cpu.py); the case "host" records its
vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe77_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
