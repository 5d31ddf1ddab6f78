"""What the probe programs in tests/pprobe62_scripts print under TF 1.14: whole seeded TF1
programs of image data augmentation as TF1 repositories write it: seeded tf.image random ops
(random_crop, random_flip_left_right / up_down, random_brightness / contrast / hue / saturation,
sample_distorted_bounding_box + slice) in tf.data map functions (with and without
num_parallel_calls) and in a queue pipeline (slice_input_producer, shuffle_batch with seeds,
tf.train.batch under a Coordinator); resize_images with each method and align_corners,
pad_to_bounding_box, crop_to_bounding_box, central_crop, rot90, transpose_image, adjust_gamma,
total_variation and their errors; cutout / mixup (tf.distributions.Beta, random_shuffle)
written in TF ops; each feeding a small CNN trained a few steps; grayscale_to_rgb / rgb_to_hsv /
adjust_hue / adjust_contrast on images of unknown shape (asserts, kernel errors). Values at
full precision.
Made on an AMD EPYC (TF's float32 bits depend on the host CPU: engine/ops/host_cpu.py); the
case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe62_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
