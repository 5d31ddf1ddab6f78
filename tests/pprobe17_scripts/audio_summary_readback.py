"""Audio summaries written and read back: tf.summary.audio (max_outputs 2) and
tf.contrib.deprecated.audio_summary of a generated chirp batch, a scalar, merged and written
by a tf.summary.FileWriter to a temporary directory; the event file read back with
tf.train.summary_iterator (tags, sample rate, channels, frames, content type, the WAV bytes'
hash), the WAV decoded again by tf.audio.decode_wav and re-encoded by tf.audio.encode_wav."""

import glob
import hashlib
import os
import shutil
import tempfile
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1751)
rs = np.random.RandomState(1752)
SR, N = 8000, 200
t = np.arange(N) / SR
chirp = np.stack([np.sin(2 * np.pi * (200 + 900 * k) * t * (1 + 3 * t)) for k in range(3)])
noise = tf.random_uniform([3, N, 1], -0.1, 0.1, seed=5)
audio = tf.constant(chirp[..., None].astype(np.float32)) * 0.7 + noise
stereo = tf.concat([audio, -audio], -1)
s1 = tf.summary.audio("chirps", audio, SR, max_outputs=2)
s2 = tf.contrib.deprecated.audio_summary("stereo", stereo[:1], float(SR))
s3 = tf.summary.scalar("energy", tf.reduce_mean(tf.square(audio)))
merged = tf.summary.merge_all()
print(len(tf.get_default_graph().get_operations()))
d = tempfile.mkdtemp()
try:
    with tf.Session() as s:
        w = tf.summary.FileWriter(d)
        for step in range(2):
            w.add_summary(s.run(merged), step)
        w.close()
        wavs = []
        for path in sorted(glob.glob(os.path.join(d, "events.*"))):
            for ev in tf.train.summary_iterator(path):
                for v in ev.summary.value:
                    if v.HasField("audio"):
                        a = v.audio
                        print(ev.step, v.tag, a.sample_rate, a.num_channels, a.length_frames,
                              a.content_type, hashlib.md5(a.encoded_audio_string).hexdigest()[:12])
                        wavs.append(a.encoded_audio_string)
                    else:
                        print(ev.step, v.tag, repr(v.simple_value))
        dec = tf.audio.decode_wav(tf.constant(wavs[-1]))
        pcm, rate = s.run([dec.audio, dec.sample_rate])
        print(H(pcm), rate)
        enc = s.run(tf.audio.encode_wav(pcm, rate))
        print(enc == wavs[-1], len(enc))
        dec2 = tf.audio.decode_wav(tf.constant(wavs[0]), desired_channels=2, desired_samples=150)
        print(H(s.run(dec2.audio)))
finally:
    shutil.rmtree(d)
