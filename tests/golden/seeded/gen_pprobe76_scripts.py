"""What the probe programs in tests/pprobe76_scripts print under TF 1.14: whole seeded TF1
programs on audio and speech: tf.contrib.signal's frame / overlap_and_add / stft /
inverse_stft (hamming window via functools.partial, pad_end, inverse_stft_window_fn) and a
gain trained through them; tf.signal's log-mel / MFCC front end (linear_to_mel_weight_matrix,
mfccs_from_log_mel_spectrograms, dct / idct, rfft / irfft) and its ValueErrors; the
speech_commands pipeline (encode_wav / write_file / decode_wav round trips,
contrib.framework.audio_ops.audio_spectrogram and mfcc, tf.raw_ops, the decoders'
InvalidArgumentErrors); ctc_loss with sparse labels from dense, ctc_greedy_decoder,
ctc_beam_search_decoder and Keras' CTC helpers; SpecAugment (sparse_image_warp, masks from
seeded random ops in a while_loop and a tf.data map, stateless masks) with ctc_loss_v2.
Values at full precision. Made on an AMD EPYC (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

import numpy as np

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe76_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    out["ctc_loss_v2_grad"] = ctc_loss_v2_grad(tf)
    return out


def ctc_loss_v2_grad(tf):
    """ctc_loss_v2's loss and gradient w.r.t. time-major logits (labels with repeats),
    without and with `unique` (ctc_unique_labels): float32 bits."""
    out = {}
    for key in ("plain", "unique"):
        tf.reset_default_graph()
        logits = tf.constant(np.random.RandomState(33).randn(20, 3, 5).astype(np.float32))
        labels = tf.constant([[1, 1, 2, 0], [3, 4, 0, 0], [2, 2, 2, 1]], tf.int32)
        uniq = tf.nn.ctc_unique_labels(labels) if key == "unique" else None
        loss = tf.nn.ctc_loss_v2(labels, logits, tf.constant([3, 2, 4]), tf.fill([3], 20),
                                 unique=uniq)
        grad = tf.gradients(tf.reduce_mean(loss), logits)[0]
        with tf.Session() as s:
            lv, gv = s.run([loss, grad])
        out[key] = {"loss": lv.view(np.uint32).tolist(),
                    "grad": gv.view(np.uint32).ravel().tolist()}
    return out
