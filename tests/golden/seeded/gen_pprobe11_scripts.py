"""What the probe programs in tests/pprobe11_scripts print under TF 1.14: whole seeded TF1
programs in the style of the classic beginner collections (aymericdamien's
TensorFlow-Examples, Hvass-Labs, CS20si, nlintz's TensorFlow-Tutorials) on synthetic data:
nearest neighbour with arg_min and a top_k vote; tf.contrib.factorization.KMeans full-batch
training (squared Euclidean and cosine); a tf.layers CNN with tf.confusion_matrix; CS20si's
Huber loss (tf.cond and tf.where forms, tf.losses.huber_loss) and its word2vec with NCE,
summaries, a checkpoint and the embedding projector config; nlintz's modern net with
dropout and RMSProp; a tf.Print/tf.Assert debugging script (tf.Print's stderr captured);
the op types behind tf.cond/tf.Assert; op counts and values at full precision (or hashes of
their bytes). (tests/pprobe11_scripts/unsupported holds programs flowgrad refuses.)"""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/pprobe11_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
