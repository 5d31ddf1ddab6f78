"""tf.audio: TF 1.14's 16-bit PCM WAV decoding and encoding (engine/ops/audio.py).

>>> import flowgrad as tf
>>> wav = tf.audio.encode_wav([[0.0], [0.5]], 8000)
>>> tf.Session().run(tf.audio.decode_wav(wav).audio).ravel().tolist()
[0.0, 0.5]
"""
# ruff: noqa: F401
from .engine.ops.audio import decode_wav, encode_wav
