"""An audio front end in the graph: tf.contrib.signal frame / stft with a hann window,
magnitude spectrogram, linear_to_mel_weight_matrix, log-mel features and
mfccs_from_log_mel_spectrograms, inverse_stft of the complex spectrum, and a small keyword
classifier on the MFCCs trained with Adam."""

import hashlib
import math
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(111)
SR, N = 1000, 400
wav = np.array(
    [
        [
            math.sin(2 * math.pi * f * i / SR) * 0.5 + 0.1 * math.cos(0.37 * i * (k + 1))
            for i in range(N)
        ]
        for k, f in enumerate([50.0, 120.0, 210.0])
    ],
    np.float32,
)
lab = np.array([0, 1, 2], np.int64)
x = tf.constant(wav)
frames = tf.contrib.signal.frame(x, 64, 32)
stft = tf.contrib.signal.stft(x, frame_length=64, frame_step=32, fft_length=64)
mag = tf.abs(stft)
mel_w = tf.contrib.signal.linear_to_mel_weight_matrix(8, 33, SR, 20.0, 400.0)
mel = tf.tensordot(mag, mel_w, 1)
logmel = tf.log(mel + 1e-6)
mfcc = tf.contrib.signal.mfccs_from_log_mel_spectrograms(logmel)[..., :6]
inv = tf.contrib.signal.inverse_stft(
    stft, 64, 32, 64, window_fn=tf.contrib.signal.inverse_stft_window_fn(32)
)
feat = tf.layers.flatten(mfcc)
logits = tf.layers.dense(tf.layers.dense(feat, 8, tf.nn.relu), 3)
loss = tf.losses.sparse_softmax_cross_entropy(lab, logits)
train = tf.train.AdamOptimizer(0.02).minimize(loss)
print("shapes", frames.shape, stft.shape, mel.shape, mfcc.shape, inv.shape)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    fr, st, mw = s.run([frames, stft, mel_w])
    print("frames", H(fr), "stft", H(st), repr(complex(st[0, 1, 3])))
    print("melw", H(mw), repr(float(mw[5, 2])))
    lm, mf = s.run([logmel, mfcc])
    print("logmel", H(lm), repr(float(lm[1, 2, 3])), "mfcc", H(mf), repr(float(mf[2, 0, 1])))
    iv = s.run(inv)
    print("inv", H(iv), repr(float(iv[0, 100])))
    for i in range(6):
        lv, _ = s.run([loss, train])
        print("step", i, repr(float(lv)))
