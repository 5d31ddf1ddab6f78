"""What the probe programs in tests/pprobe46_scripts print under TF 1.14: whole seeded TF1
autoregressive generative models as public repos write them: tensorflow-wavenet (mu-law
encode/decode, time_to_batch dilated causal convs, gated units, 256-class softmax, fast
generation with per-layer FIFOQueues), a WaveNet generated with per-layer state Variables
(tf.assign of a shifted tf.concat), PixelCNN++'s discretized logistic mixture likelihood
and its sampler, a gated PixelCNN with vertical/horizontal stacks and class conditioning,
and a char-level causal atrous-conv LM generating inside a tf.while_loop. Values at full
precision or hashes of the bytes, op counts. Made on an Intel Xeon (TF's float32 bits
depend on the host CPU: engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe46_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
