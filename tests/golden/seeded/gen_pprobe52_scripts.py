"""What the probe programs in tests/pprobe52_scripts print under TF 1.14: whole seeded TF1
programs of object-detection box utilities: tf.image.non_max_suppression at its edges (ties,
flipped / zero-area / identical boxes, NaN and -inf scores, float16, thresholds fed as
tensors, padded, overlaps, an iou_threshold out of range); object_detection's box_list_ops
and box coders (IoU / IoA, clip, prune, change of frame, Faster R-CNN / square / keypoint
coders, a seeded flip under tf.cond); crop_and_resize over uint8 / int32 / float16 /
float64 images with its gradients and a tiny ROI head trained by Momentum; a tiny SSD with
grid anchors, an argmax matcher, top_k hard-negative mining, Adam and
combined_non_max_suppression; random crop / pad / jitter augmentations with
sample_distorted_bounding_box and draw_bounding_boxes with and without colors. Values at
full precision and hashes of the bytes. Made on an Intel Xeon (TF's float32 bits depend on
the host CPU: engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe52_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
