"""The probe programs of tests/pprobe76_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe76_scripts.py): whole seeded TF1 programs on audio and
speech: tf.contrib.signal's frame (pad_end, pad_value, axis=-2), overlap_and_add, stft with
a non-periodic hamming window, fft_length above frame_length and pad_end, inverse_stft with
inverse_stft_window_fn and a gain trained through them (stft_roundtrip.py); a log-mel /
MFCC front end with tf.signal's mel matrix (float32 and float64), mfccs, dct / idct, rfft /
irfft and the mel matrix's ValueErrors (mel_mfcc_dct.py); the speech_commands pipeline:
encode_wav / write_file / read_file / decode_wav round trips (desired_channels,
desired_samples), audio_spectrogram and mfcc by contrib.framework.audio_ops and tf.raw_ops,
a stereo spectrogram's and non-WAV bytes' InvalidArgumentErrors (wav_speech_commands.py);
ctc_loss with sparse labels from dense (preprocess_collapse_repeated,
ctc_merge_repeated=False, ignore_longer_outputs_than_inputs), a GRU trained a few steps,
greedy and beam decoders, Keras' ctc_batch_cost / ctc_decode, edit_distance and the loss's
InvalidArgumentError (ctc_decoders.py); SpecAugment: sparse_image_warp time warping,
frequency / time masks from seeded random ops in a while_loop and in a tf.data map,
stateless masks, ctc_loss_v2 trained a few steps (specaugment.py).

stft_roundtrip.py, mel_mfcc_dct.py, wav_speech_commands.py and ctc_decoders.py matched TF
on the base commit: they stay as regression guards. specaugment.py found two faults, with a
focused test below:

- ctc_loss_v2 (TF's ctc_loss_dense) trained: the gradient w.r.t. the logits differed from
  TF's in the last bits. TF's forward-backward `_scan` is a functional While of Defun'd
  functions, whose body Grappler rewrites as a graph of its own with arguments of no
  shape, so its AddOpsRewrite leaves the forward step's `logsumexp(...) + obs` alone;
  flowgrad builds the scan as a while_loop whose body's shapes Grappler would know, and
  its add_ops_rewrite regrouped that sum (an AddN of the log, the max and the
  observation, summed in name order). The loop is now marked as a function's
  (control_flow.as_function_while): its body's inputs are unknown to the rewrites.
- ctc_loss_v2's `unique` (the labels' ctc_unique_labels, TF's path for large
  vocabularies) raised NotImplementedError: now TF's _state_to_olabel_unique /
  _sum_states (ops/ctc_dense.py), the same loss and gradient bits as TF.

specaugment.py's stdout is TF's in full; the focused test checks both fixes' bits (with
the arithmetic optimizer on and off)."""

import os

import numpy as np
import pytest

import flowgrad as tf
from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe76_scripts")
GOLD = load("seeded", "pprobe76_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an AMD EPYC (GOLD["host"]): TF's float32 products
    # (MatMul) follow the host's Eigen kernels (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded():
    assert GOLD["host"] == "amd"


def test_every_script_has_a_golden():
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]


@pytest.mark.parametrize("key", ["plain", "unique"])
@pytest.mark.parametrize("arithmetic", [True, False])
def test_ctc_loss_v2_gradient_is_tf_bits(arithmetic, key):
    # TF 1.14 (the golden's case): the forward-backward scan's body is a function's, whose
    # sums Grappler's AddOpsRewrite leaves in the order written (as with it off); `unique`
    # (ctc_unique_labels) sums the label states per unique label (_state_to_olabel_unique)
    want = GOLD["ctc_loss_v2_grad"][key]
    with tf.Graph().as_default():
        logits = tf.constant(np.random.RandomState(33).randn(20, 3, 5).astype(np.float32))
        labels = tf.constant([[1, 1, 2, 0], [3, 4, 0, 0], [2, 2, 2, 1]], tf.int32)
        uniq = tf.nn.ctc_unique_labels(labels) if key == "unique" else None
        loss = tf.nn.ctc_loss_v2(labels, logits, tf.constant([3, 2, 4]), tf.fill([3], 20),
                                 unique=uniq)
        grad = tf.gradients(tf.reduce_mean(loss), logits)[0]
        off = tf.RewriterConfig(arithmetic_optimization=tf.RewriterConfig.OFF)
        config = None if arithmetic else tf.ConfigProto(
            graph_options=tf.GraphOptions(rewrite_options=off))
        with tf.Session(config=config) as s:
            lv, gv = s.run([loss, grad])
    assert lv.view(np.uint32).tolist() == want["loss"]
    assert gv.view(np.uint32).ravel().tolist() == want["grad"]
