"""What the probe programs in tests/pprobe74_scripts print under TF 1.14: whole seeded TF1
programs of neural machine translation as tensorflow/nmt writes it with tf.contrib.seq2seq:
a time-major bidirectional encoder with sequence_length, AttentionWrapper with scaled
LuongAttention / normalized BahdanauAttention / monotonic attention and alignment_history,
clone(cell_state=...) from the encoder, TrainingHelper and the scheduled-sampling helpers,
BasicDecoder with an output_layer, dynamic_decode (maximum_iterations, impute_finished,
output_time_major), GreedyEmbeddingHelper / InferenceHelper / CustomHelper inference,
BeamSearchDecoder with tile_batch, length and coverage penalties, gather_tree,
sequence_loss with target weights from sequence_mask, and the errors TF raises. Values at
full precision. Made on an AMD EPYC (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe74_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
