"""What the probe programs in tests/pprobe34_scripts print under TF 1.14: whole seeded TF1
programs of dtype edge semantics: signed hash bucketing by every integer division and
modulo (FloorDiv / TruncateDiv / FloorMod / TruncateMod / Div / Mod on negatives and
int32 limits, float floordiv and floormod of negatives and zeros, division by zero and
an integer pow with a negative exponent) feeding an Adagrad-trained embedding;
uint8 / int8 / int16 / uint16 wrap-around, abs and negative of INT_MIN, casts of
negative / NaN / inf / large floats, saturate_cast, bitcast and the tf.bitwise ops and
shifts; a float16 / bfloat16 forward pass with a loss scale, their casts of ties and
tf.round / rint half-to-even; cumsum / cumprod exclusive and reverse with
reduce_logsumexp over infinities in a REINFORCE loss; bincount, unique_with_counts and
histogram_fixed_width weighting a softmax loss; quantize / dequantize in the three modes
and quantize_and_dequantize in a trained regressor. Values at full precision or hashes
of their bytes. Made on an Intel Xeon (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe34_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
