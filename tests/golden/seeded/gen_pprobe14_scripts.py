"""What the probe programs in tests/pprobe14_scripts print under TF 1.14 (made on an Intel
Xeon: tests/test_pprobe14_scripts.py runs flowgrad with FLOWGRAD_CPU=intel): whole seeded
computer-vision training scripts on synthetic data: a CIFAR-style augmentation chain with
op seeds (batched flips, random_crop, brightness/saturation/hue/contrast,
convert_image_dtype, per_image_standardization, central_crop); an ImageNet-style
sample_distorted_bounding_box crop with every resize method and align_corners,
preserve_aspect_ratio and resize_image_with_pad; SSD post-processing (IoU by hand,
non_max_suppression_overlaps, combined_non_max_suppression, the padded NMS,
crop_and_resize, draw_bounding_boxes); a YOLOv2-style grid loss and decoding; a
pre-activation ResNet with batch_normalization's UPDATE_OPS; MobileNet depthwise and
separable convolutions; a U-Net with conv2d_transpose, a Dice loss and mean_iou; Gram-matrix
texture synthesis; the dtype corners and errors of tf.image; a float16 mobile pipeline
and float16 contrast (placed on XLA_CPU by TF 1.14). Op counts and values at full
precision (or hashes of their bytes)."""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/pprobe14_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
