"""tensorflow.contrib.framework.python.ops.audio_ops (TF 1.14): the WAV codecs and the
speech_commands tutorial's features, AudioSpectrogram and Mfcc.

>>> import numpy as np, flowgrad as tf
>>> from flowgrad.contrib.framework import audio_ops
>>> tone = np.sin(np.arange(64) * np.pi / 4).astype(np.float32)[:, None]
>>> spec = audio_ops.audio_spectrogram(tone, window_size=16, stride=16)
>>> spec.shape.as_list(), int(tf.Session().run(spec)[0, 0].argmax())
([1, 4, 9], 2)
"""
# ruff: noqa: F401
from ...engine.ops.audio import decode_wav, encode_wav
from ...engine.ops.audio_features import audio_spectrogram, mfcc
