"""What the probe programs in tests/pprobe18_scripts print under TF 1.14: whole seeded TF1
NLP programs: word2vec skip-gram with two context labels through nce_loss (a
fixed_unigram sampler) and sampled_softmax_loss (a log_uniform sampler, div-partitioned
weights) and Nesterov momentum; skip-gram pairs made in the graph by
tf.contrib.text.skip_gram_sample (random windows, frequency filter and subsampling); Kim's
two-channel text CNN with max-over-time pooling, Adadelta and a max-norm constraint; a
peephole/projection BiLSTM-CRF and the contrib.crf scores, decode and viterbi_decode; string
ops in the input path (lower, regex_replace, regex_full_match, string_split, substr in
bytes and UTF-8 characters, reduce_join, as_string, the hash buckets) and their errors;
vocabulary tables built by unique_with_counts (OOV buckets, strong hashing, int64 keys,
index_to_string, MutableHashTable, a tf.data pipeline); a byte-level GRU language model
with sequence_loss variants, clip_by_global_norm and sampling in a while loop; partitioned
embeddings (fixed_size, min_max and axis-size partitioners, mod / div, max_norm) trained by
Ftrl and ProximalAdagrad; a fastText-style classifier over hashed bigrams; character
features by the unicode ops; a BiLSTM (LayerNormBasicLSTMCell with recurrent dropout,
LSTMBlockCell) attention classifier with bow_encoder and a hashed embedding_column. Op counts and values at full precision (or hashes of their
bytes). Made on an Intel Xeon (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe18_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
