"""What the probe programs in tests/pprobe_scripts print under TF 1.14: tf.image random
ops, resize/crop_and_resize gradients, glimpses, candidate samplers in sampled softmax and
NCE, tf.data shuffles and random map functions across epochs and re-initializations,
stateless random ops, gamma/poisson broadcasting, contrib and keras initializers, dropout
noise shapes and keras noise layers, safe_embedding_lookup_sparse; op counts and values
at full precision (or hashes of their bytes)."""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/pprobe_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
