"""What the probe programs in tests/pprobe37_scripts print under TF 1.14: whole seeded TF1
programs of image colour spaces and image gradients in small models: a per-channel gain
fitted through rgb_to_yiq / yiq_to_rgb and rgb_to_yuv / yuv_to_rgb round trips (float32,
float64); resize_bicubic and resize_area up and down with align_corners both ways and
their gradients; a conv denoiser on ssim_multiscale (two power_factors) plus
total_variation with psnr / ssim / sobel_edges / image_gradients; a tf.data map of seeded
random_brightness / contrast / hue / saturation and per_image_standardization with its
gradient. Values at full precision or hashes of their bytes. Made on an Intel Xeon (TF's
float32 bits depend on the host CPU: engine/ops/host_cpu.py); the case "host" records its
vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe37_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
