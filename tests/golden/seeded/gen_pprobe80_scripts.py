"""What the probe programs in tests/pprobe80_scripts print under TF 1.14: whole seeded TF1
programs of memory-augmented networks as deepmind/dnc and the public NTM implementations
write them in plain TF: RNNCell subclasses with nested namedtuple states run by
tf.nn.dynamic_rnn, tf.scan and tf.while_loop; content addressing (l2_normalize, cosine
similarity, a oneplus strength under softmax), temporal link matrices, allocation by
tf.nn.top_k and an exclusive cumprod (and its log-space form), tf.batch_gather and gather_nd
with batch indices, interface vectors split by tf.split with sizes, clip_by_global_norm /
clip_by_value; the addressing ops' gradients and errors, tf.nest's structure errors and the
AutoGraph-rewritten error of a user cell's call. Values at full precision. Made on an AMD
EPYC (TF's float32 bits depend on the host CPU: engine/ops/host_cpu.py); the case "host"
records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe80_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
