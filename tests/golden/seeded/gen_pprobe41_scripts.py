"""What the probe programs in tests/pprobe41_scripts print under TF 1.14: whole seeded TF1
programs of image warping and geometric transforms: an optical-flow style loss through
contrib.image.dense_image_warp trained with Adam, a spatial transformer on
contrib.resampler.resampler (its data and warp gradients) and one with a hand-written
bilinear sampler (gather_nd of four corners) trained with Adam, connected_components,
interpolate_spline and sparse_image_warp with its image gradient, and crop_and_resize (its
image and boxes gradients), extract_glimpse, draw_bounding_boxes,
sample_distorted_bounding_box_v2 and contrib.image.transform. Values at full precision or
hashes of the bytes, op counts. Made on an Intel Xeon (TF's float32 bits depend on the host
CPU: engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe41_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
