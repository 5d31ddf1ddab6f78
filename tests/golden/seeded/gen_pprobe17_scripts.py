"""What the probe programs in tests/pprobe17_scripts print under TF 1.14: whole seeded TF1
programs of audio, speech and time series: Griffin-Lim phase reconstruction by
tf.contrib.signal stft / inverse_stft in a tf.while_loop, a keyword spotter with a learnt
pre-emphasis through stft / mel / MFCC / frame deltas and tf.contrib.layers.conv1d, a
depthwise-separable spotter with SpecAugment masks, CTC on a BiLSTM of LSTMBlockCell with
greedy / beam decoding and a label error rate by tf.edit_distance, a WaveNet-style stack of
causal dilated keras Conv1D with gated units and tf.nn.atrous_conv2d, a listen-attend-spell
speech-to-text model by tf.contrib.seq2seq, an LSTM forecaster of LSTMBlockCell /
LayerNormBasicLSTMCell with an autoregressive tf.while_loop rollout, a temporal-conv
quantile forecaster with frame / overlap_and_add, and audio summaries written to a temporary
directory and read back. Op counts and values at full precision (or hashes of their
bytes). Made on an Intel Xeon (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe17_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
