"""A log-mel / MFCC front end as TF1 ASR input pipelines write it: tf.signal.stft with a
periodic hann window, power spectrum, linear_to_mel_weight_matrix with non-default edges
(float32 and float64), tensordot and set_shape, log with an offset,
mfccs_from_log_mel_spectrograms, tf.signal.dct (types 2 and 3, norm ortho) and idct,
rfft / irfft with an fft_length, a per-utterance mean/variance normalization, and the
ValueErrors of a bad mel range; shapes, names and values at full precision."""
import numpy as np
import tensorflow as tf

np.random.seed(11)
tf.set_random_seed(12)
rs = np.random.RandomState(13)
SR, N = 16000, 1600
t = np.arange(N) / float(SR)
pcm = np.stack([0.6 * np.sin(2 * np.pi * 440 * t) + 0.05 * rs.randn(N),
                0.3 * np.sin(2 * np.pi * 1250 * t) + 0.05 * rs.randn(N)]).astype(np.float32)

sig = tf.placeholder(tf.float32, [None, None], name="pcm")
stfts = tf.signal.stft(sig, frame_length=400, frame_step=160, fft_length=512,
                       window_fn=tf.signal.hann_window)
power = tf.math.real(stfts * tf.math.conj(stfts))
nb = stfts.shape[-1].value
mel_w = tf.signal.linear_to_mel_weight_matrix(40, nb, SR, 20.0, 7600.0)
mel64 = tf.signal.linear_to_mel_weight_matrix(8, 33, 8000, 100.0, 3000.0, dtype=tf.float64)
print(stfts.shape, power.dtype, mel_w.shape, mel_w.op.name, mel64.dtype)
mel = tf.tensordot(power, mel_w, 1)
mel.set_shape(power.shape[:-1].concatenate(mel_w.shape[-1:]))
log_mel = tf.log(mel + 1e-6)
mfcc = tf.signal.mfccs_from_log_mel_spectrograms(log_mel)[..., :13]
mean, var = tf.nn.moments(mfcc, axes=[1], keep_dims=True)
norm = (mfcc - mean) / tf.sqrt(var + 1e-8)
print(mel.shape, mfcc.shape, mfcc.op.name, norm.shape)
d2 = tf.signal.dct(log_mel, type=2, norm="ortho")
back = tf.signal.idct(d2, type=2, norm="ortho")
d3 = tf.signal.dct(log_mel, type=3)
r = tf.signal.rfft(sig, fft_length=[256])
ir = tf.signal.irfft(r, fft_length=[256])
print(d2.shape, d3.shape, r.shape, ir.shape, r.op.type, ir.op.name)
for bad in [dict(lower_edge_hertz=500.0, upper_edge_hertz=100.0),
            dict(upper_edge_hertz=9000.0), dict(num_mel_bins=0),
            dict(lower_edge_hertz=-1.0)]:
    try:
        tf.signal.linear_to_mel_weight_matrix(**dict(dict(num_spectrogram_bins=33,
                                                          sample_rate=16000), **bad))
    except ValueError as e:
        print("ValueError", e)
try:
    tf.signal.dct(log_mel, type=1)
except ValueError as e:
    print("ValueError", e)
with tf.Session() as s:
    fd = {sig: pcm}
    mw, m64 = s.run([mel_w, mel64])
    print(repr(mw[10:13, 1]), repr(mw.sum()), repr(m64[5:8, 2]))
    lm, mf, nv = s.run([log_mel, mfcc, norm], fd)
    print(lm.shape, repr(lm[0, 3, :4]), repr(mf[1, 2, :5]), repr(nv[0, :3, 1]))
    a, b, c = s.run([d2, back, d3], fd)
    print(repr(a[0, 0, :3]), repr(np.abs(b - lm).max()), repr(c[1, 4, :3]))
    rv, iv = s.run([r, ir], fd)
    print(rv.shape, repr(rv[0, 14]), repr(iv[1, :4]))
