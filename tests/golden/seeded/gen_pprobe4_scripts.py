"""What the probe programs in tests/pprobe4_scripts print under TF 1.14: whole seeded TF1
programs in the style of public tutorials (a BiLSTM-CRF tagger, a GCN on a SparseTensor,
streaming tf.metrics, EMA + Saver restore into a new graph, training inside tf.while_loop,
Keras fit with validation_split and callbacks, tf.contrib.opt optimizers, tf.losses with
reductions and label smoothing, queue-runner batches, a capsule net with routing,
normalization layers with spectral norm, gradient accumulation, triplet and center loss,
a mixture density network, wide & deep estimators, style transfer, contrib RNN cells,
k-means and EM); op counts and values at full precision (or hashes of their bytes)."""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/pprobe4_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
