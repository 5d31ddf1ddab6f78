"""The speech_commands example's input pipeline as TF1 code writes it: a WAV the script
writes with tf.audio.encode_wav (mono and stereo, int16 quantization), read back by
tf.read_file / tf.audio.decode_wav with desired_channels and desired_samples (padding and
truncation), time shift by tf.pad / tf.slice, background noise mixing, clip_by_value,
contrib.framework.audio_ops.audio_spectrogram (magnitude_squared) and mfcc
(dct_coefficient_count, upper_frequency_limit), tf.raw_ops.AudioSpectrogram / Mfcc, a
decode_wav of bytes that are not a WAV (the InvalidArgumentError); shapes, bytes, values."""
import hashlib
import os
import tempfile

import numpy as np
import tensorflow as tf
from tensorflow.contrib.framework.python.ops import audio_ops as contrib_audio

np.random.seed(5)
tf.set_random_seed(6)
rs = np.random.RandomState(9)
SR = 8000
n = 1000
tt = np.arange(n) / float(SR)
mono = (0.5 * np.sin(2 * np.pi * 300 * tt) + 0.03 * rs.randn(n)).astype(np.float32)[:, None]
stereo = np.concatenate([mono, -0.5 * mono + 0.001], axis=1).astype(np.float32)
tmp = tempfile.mkdtemp()
path_m = os.path.join(tmp, "mono.wav")
path_s = os.path.join(tmp, "stereo.wav")

audio_in = tf.placeholder(tf.float32, [None, None])
rate_in = tf.placeholder(tf.int32, [])
enc = tf.audio.encode_wav(audio_in, rate_in)
fname = tf.placeholder(tf.string, [])
wav = tf.write_file(fname, enc)
print(enc.op.type, enc.op.name, wav.type)
with tf.Session() as s:
    for p, a in [(path_m, mono), (path_s, stereo)]:
        s.run(wav, {audio_in: a, rate_in: SR, fname: p})
raw = open(path_s, "rb").read()
print(len(raw), raw[:4], raw[8:16], hashlib.md5(raw).hexdigest()[:12])

tf.reset_default_graph()
tf.set_random_seed(6)
wav_path = tf.placeholder(tf.string, [])
data = tf.read_file(wav_path)
dec = contrib_audio.decode_wav(data, desired_channels=1, desired_samples=1200)
dec_s = tf.audio.decode_wav(data)
dec_short = tf.audio.decode_wav(data, desired_channels=2, desired_samples=600)
print(dec.audio.shape, dec.sample_rate.shape, dec_s.audio.shape, dec_short.audio.shape)
vol = tf.placeholder(tf.float32, [])
scaled = dec.audio * vol
shift_pad = tf.placeholder(tf.int32, [2, 2])
shift_off = tf.placeholder(tf.int32, [2])
padded = tf.pad(scaled, shift_pad, mode="CONSTANT")
sliced = tf.slice(padded, shift_off, [1200, -1])
noise = tf.random_uniform([1200, 1], -0.1, 0.1, seed=3)
mixed = tf.clip_by_value(sliced + 0.5 * noise, -1.0, 1.0)
spec = contrib_audio.audio_spectrogram(mixed, window_size=240, stride=120,
                                       magnitude_squared=True)
mf = contrib_audio.mfcc(spec, dec.sample_rate, dct_coefficient_count=10,
                        upper_frequency_limit=3800.0, lower_frequency_limit=40.0,
                        filterbank_channel_count=20)
spec2 = tf.raw_ops.AudioSpectrogram(input=dec.audio, window_size=200, stride=100)
spec_bad = tf.raw_ops.AudioSpectrogram(input=dec_s.audio, window_size=256, stride=128)
mf2 = tf.raw_ops.Mfcc(spectrogram=spec2, sample_rate=dec_s.sample_rate)
print(spec.shape, mf.shape, spec2.shape, mf2.shape, spec.op.name, mf.op.name, mf2.op.type)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    fd = {wav_path: path_s, vol: 0.8, shift_pad: [[30, 0], [0, 0]], shift_off: [0, 0]}
    a, r, a2, a3 = s.run([dec.audio, dec.sample_rate, dec_s.audio, dec_short.audio], fd)
    print(a.shape, r, a2.shape, a3.shape, repr(a[998:1003, 0]), repr(a2[5]), repr(a3[-1]))
    sp, m, sp2, m2 = s.run([spec, mf, spec2, mf2], fd)
    print(sp.shape, repr(sp[0, 3, 27:31]), repr(sp.sum()))
    print(m.shape, repr(m[0, 2, :5]), sp2.shape, m2.shape, repr(m2[0, 3, 10:13]))
    fd[wav_path] = path_m
    fd[shift_pad] = [[0, 40], [0, 0]]
    fd[shift_off] = [40, 0]
    m3 = s.run(mf, fd)
    print(repr(m3[0, -1, :4]))
    try:
        s.run(spec_bad, {wav_path: path_s})
    except tf.errors.InvalidArgumentError as e:
        print(type(e).__name__, e.message.splitlines()[0])
    try:
        s.run(dec.audio, {data: b"RIFF\x10\x00\x00\x00WAVEjunkjunk"})
    except tf.errors.InvalidArgumentError as e:
        print(type(e).__name__, e.message.splitlines()[0])
    try:
        s.run(dec_s.audio, {data: b"not a wav file at all"})
    except tf.errors.InvalidArgumentError as e:
        print(type(e).__name__, e.message.splitlines()[0])
