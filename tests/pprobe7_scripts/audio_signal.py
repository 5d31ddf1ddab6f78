"""A keyword-spotting style audio front end with tf.signal: frame, hann_window, stft,
abs/log power, linear_to_mel_weight_matrix, mfccs_from_log_mel_spectrograms, inverse_stft
of the same stft (round trip), overlap_and_add; a conv1d classifier over the MFCCs trained
with Adam; waveforms from a seeded RandomState."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(801)
rs = np.random.RandomState(802)
B, N, SR = 4, 800, 8000
wav = tf.placeholder(tf.float32, [B, N])
y = tf.placeholder(tf.int32, [B])
frames = tf.signal.frame(wav, 128, 64)
win = tf.signal.hann_window(128)
st = tf.signal.stft(wav, frame_length=128, frame_step=64, fft_length=128)
mag = tf.abs(st)
power = tf.square(mag)
mel_w = tf.signal.linear_to_mel_weight_matrix(20, st.shape[-1].value, SR, 50.0, 3800.0)
mel = tf.tensordot(power, mel_w, 1)
log_mel = tf.log(mel + 1e-6)
mfcc = tf.signal.mfccs_from_log_mel_spectrograms(log_mel)[..., :13]
rec = tf.signal.inverse_stft(st, 128, 64, 128, window_fn=tf.signal.inverse_stft_window_fn(64))
ola = tf.signal.overlap_and_add(frames * win, 64)
h = tf.layers.conv1d(mfcc, 16, 3, padding="same", activation=tf.nn.relu)
h = tf.layers.conv1d(h, 16, 3, dilation_rate=2, padding="same", activation=tf.nn.relu)
logits = tf.layers.dense(tf.reduce_max(h, 1), 3)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
train = tf.train.AdamOptimizer(0.01).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
t = np.arange(N) / SR
W = np.stack(
    [np.sin(2 * np.pi * (300 + 400 * k) * t) + 0.3 * rs.randn(N) for k in range(B)]
).astype(np.float32)
Y = np.array([0, 1, 2, 1], np.int32)
fd = {wav: W, y: Y}
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    f, w_, sp, lm, mf, r_, o_ = s.run([frames, win, st, log_mel, mfcc, rec, ola], fd)
    for a in (f, w_, sp, lm, mf, r_, o_):
        print(H(a))
    print(repr(mf[0, 0].tolist()))
    print(repr(float(np.abs(r_[:, 128:-128] - W[:, 128 : r_.shape[1] - 128]).max())))
    for i in range(5):
        lv, _ = s.run([loss, train], fd)
        print(i, repr(float(lv)))
