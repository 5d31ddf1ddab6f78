"""What the probe programs in tests/pprobe2_scripts print under TF 1.14: seeded tf.layers,
slim and contrib.layers CNNs with batch normalization trained a few steps then run in
inference, keras Sequential/functional fit, evaluate and predict, custom training with
exponential_decay and clip_by_global_norm, tf.data pipelines of random image ops, shuffles
under interleave/flat_map/padded_batch across repeat epochs, inception-style preprocessing,
GRU with sampled softmax; op counts and values at full precision (or hashes of their
bytes)."""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/pprobe2_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
