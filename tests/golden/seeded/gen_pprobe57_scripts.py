"""What the probe programs in tests/pprobe57_scripts print under TF 1.14: whole seeded TF1
programs of less common CNN layers: SegNet's max_pool_with_argmax with scatter_nd
unpooling and its gradient, hand-written weight normalization with a data-dependent init
and a sub-pixel head, a fractional-max-pooling net with local response normalization and
a C3D-style video model (dilated 3D convolution via tf.nn.convolution, conv3d_transpose
to odd sizes, 3D pools), a few training steps each. Values as hashes of the bytes and at
full precision, op counts. Made on an Intel Xeon (TF's float32 bits depend on the host
CPU: engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe57_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
