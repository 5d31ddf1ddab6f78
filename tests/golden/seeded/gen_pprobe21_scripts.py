"""What the probe programs in tests/pprobe21_scripts print under TF 1.14: whole seeded TF1
programs of detection and segmentation heads: Faster R-CNN region-proposal targets
(anchors by tf.meshgrid, IoU labels by tf.where, each truth's best anchor forced by top_k /
scatter_nd, a balanced minibatch by seeded tf.random_shuffle, smooth L1 by tf.where), a
second stage with ROI-align by crop_and_resize and box_ind, class-specific regression by
gather_nd and per-class non_max_suppression through tf.map_fn, an FCN with a bilinear
conv2d_transpose, resize_bilinear(align_corners=True), an ignore label through
tf.boolean_mask and streaming mean_iou / accuracy, RetinaNet's focal loss with an ignore
band and non_max_suppression_overlaps, a DeepLab ASPP head (atrous convolutions, image
pooling, batch norm update ops, weighted sparse softmax and mean_iou), YOLOv3 targets by
scatter_nd with a tf.while_loop ignore mask, and a Mask R-CNN mask branch (crop_and_resize
bilinear / nearest with extrapolation, conv2d_transpose, gather_nd of each ROI's class).
Op counts and values at full precision (or hashes of their bytes). Made on an Intel Xeon
(TF's float32 bits depend on the host CPU: engine/ops/host_cpu.py); the case "host"
records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe21_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
