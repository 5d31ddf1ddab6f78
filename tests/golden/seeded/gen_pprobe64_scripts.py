"""What the probe programs in tests/pprobe64_scripts print under TF 1.14: whole seeded TF1
programs of word embeddings and sampled losses in the word2vec / ptb style: a word2vec
skip-gram trained with tf.nn.nce_loss (a seeded log_uniform sampler, remove_accidental_hits)
by SGD, normalized embeddings, cosine similarity and tf.nn.top_k neighbours;
tf.nn.sampled_softmax_loss with seeded log_uniform / learned_unigram / fixed_unigram /
uniform samplers and Adagrad; tf.nn.embedding_lookup over partitioned variables
(fixed_size_partitioner, mod / div strategies, max_norm, lists of tensors) with IndexedSlices
gradients; embedding_lookup_sparse's combiners, contrib.layers.embed_sequence and
safe_embedding_lookup_sparse; compute_accidental_hits and the samplers' construction and
run-time errors. Values at full precision. Made on this session's host (TF's float32 bits
depend on the host CPU: engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe64_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
