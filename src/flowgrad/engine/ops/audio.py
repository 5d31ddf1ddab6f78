"""DecodeWav and EncodeWav (TF 1.14's decode_wav_op.cc, encode_wav_op.cc and
core/lib/wav/wav_io.cc): 16-bit PCM RIFF/WAVE files to float32 [samples, channels] audio in
[-1, 1) and back, byte for byte. The parser is bounded: every read is checked against the
buffer first, so untrusted bytes fail with TF's InvalidArgumentError messages instead of
being read past. Neither op has a gradient in TF 1.14.
"""
from __future__ import annotations

import collections
import struct

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.graph import name_scope
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from ._base import apply, make_int as _make_int, typed_input

_INT32_MAX = 2 ** 31 - 1
_U32 = 2 ** 32


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


def _text(b):
    return b.decode("utf-8", "replace")


class _Reader:
    """TF's wav_io reading helpers over an immutable buffer: IncrementOffset's checks
    before every read (the offset is a C int: reads past 2^31 fail as too short)."""

    def __init__(self, data):
        self.data = data
        self.offset = 0

    def _advance(self, n):
        new = self.offset + n
        if new > len(self.data) or new > _INT32_MAX:
            raise _invalid("Data too short when trying to read string")
        old, self.offset = self.offset, new
        return self.data[old:new]

    def expect(self, text):
        found = self._advance(len(text))
        if found != text:
            raise _invalid(f"Header mismatch: Expected {_text(text)} but found {_text(found)}")

    def string(self, n):
        return self._advance(n)

    def value(self, fmt):
        return struct.unpack("<" + fmt, self._advance(struct.calcsize(fmt)))[0]


def _decode(wav):
    """(int16 samples flat, frame count, channel count, sample rate) of a WAV file."""
    r = _Reader(wav)
    r.expect(b"RIFF")
    r.value("I")                                   # the RIFF size: not checked by TF
    r.expect(b"WAVE")
    r.expect(b"fmt ")
    fmt_size = r.value("I")
    if fmt_size not in (16, 18):
        raise _invalid(f"Bad file size for WAV: Expected 16 or 18, but got{fmt_size}")
    audio_format = r.value("H")
    if audio_format != 1:
        raise _invalid(f"Bad audio format for WAV: Expected 1 (PCM), but got{audio_format}")
    channels = r.value("H")
    if channels < 1:
        raise _invalid(f"Bad number of channels for WAV: Expected at least 1, but got "
                       f"{channels}")
    rate = r.value("I")
    per_second = r.value("I")
    block = r.value("H")
    bits = r.value("H")
    if bits != 16:
        raise _invalid(f"Can only read 16-bit WAV files, but received {bits}")
    expected_block = (bits * channels + 7) // 8
    if block != expected_block:
        raise _invalid(f"Bad bytes per sample in WAV header: Expected {expected_block} but "
                       f"got {block}")
    expected_per_second = (block * rate) % _U32    # uint32 arithmetic in TF
    if per_second != expected_per_second:
        raise _invalid(f"Bad bytes per second in WAV header: Expected {expected_per_second} "
                       f"but got {per_second} (sample_rate={rate}, bytes_per_sample={block})")
    if fmt_size == 18:
        r.offset += 2                              # unused extension size: skipped unread
    samples, frames = None, 0
    while r.offset < len(wav):
        chunk_id = r.string(4)
        size = r.value("I")
        if size > _INT32_MAX:
            raise _invalid(f"WAV data chunk '{_text(chunk_id)}' is too large: {size} bytes, "
                           f"but the limit is {_INT32_MAX}")
        if chunk_id == b"data":
            if samples is not None:
                raise _invalid("More than one data chunk found in WAV")
            frames = size // block
            raw = r.string(2 * frames * channels)  # checked before anything is decoded
            samples = np.frombuffer(raw, dtype="<i2")
        else:
            r.offset += size
    if samples is None:
        raise _invalid("No data chunk found in WAV")
    return samples, frames, channels, rate


def _decode_kernel(contents, desired_channels=-1, desired_samples=-1, **_):
    contents = np.asarray(contents, dtype=object)
    if contents.ndim != 0:
        raise _invalid(f"contents must be scalar, got shape "
                       f"[{','.join(str(d) for d in contents.shape)}]")
    data = contents.item()
    data = data.encode() if isinstance(data, str) else bytes(data)
    samples, frames, channels, rate = _decode(data)
    out_frames = frames if desired_samples == -1 else desired_samples
    out_channels = channels if desired_channels == -1 else desired_channels
    decoded = (samples.astype(np.float32) * np.float32(1.0 / 32768)).reshape(frames, channels)
    out = np.zeros((out_frames, out_channels), np.float32)
    n = min(out_frames, frames)
    if out_channels and n:
        # channels beyond the file's repeat its last channel
        src = np.minimum(np.arange(out_channels), channels - 1)
        out[:n] = decoded[:n][:, src]
    return out, np.asarray(np.uint32(rate).view(np.int32))   # uint32 stored as int32


def _dim_attr(value, what):
    if value == -1:
        return None
    if value < 0:
        raise ValueError(f"{what} must be non-negative, got {value}")
    return value


def _decode_infer(inputs, attrs):
    n = inputs[0].shape.ndims
    if n is not None and n != 0:
        raise ValueError(f"Shape must be rank 0 but is rank {n}")
    channels = _dim_attr(attrs.get("desired_channels", -1), "channels")
    samples = _dim_attr(attrs.get("desired_samples", -1), "samples")
    return [(_dt.float32, TensorShape([samples, channels])), (_dt.int32, TensorShape([]))]


register_op("DecodeWav", infer=_decode_infer, kernel=_decode_kernel, grad=None)


def _to_int16(audio):
    """TF's FloatToInt16Sample: roundf(x * 2^15) in float32 (halves away from zero),
    clamped to int16; NaN becomes 0 (x86's float-to-int conversion of NaN, truncated)."""
    with np.errstate(invalid="ignore", over="ignore"):
        v = audio.astype(np.float32) * np.float32(32768.0)
        v = np.sign(v) * np.floor(np.abs(v) + np.float32(0.5))
        v = np.clip(v, -32768.0, 32767.0)
    return np.where(np.isnan(v), 0, v).astype("<i2")


def _encode_kernel(audio, sample_rate, **_):
    audio = np.asarray(audio, np.float32)
    if audio.ndim != 2:
        raise _invalid(f"audio must be 2-dimensional[{','.join(str(d) for d in audio.shape)}]")
    rate = np.asarray(sample_rate)
    if rate.ndim != 0:
        raise _invalid(f"Input sample_rate should be a scalar tensor, got "
                       f"[{','.join(str(d) for d in rate.shape)}] instead.")
    if audio.size > _INT32_MAX:
        raise _invalid("audio too large for WAV")
    frames, channels = audio.shape
    if audio.size == 0:
        raise _invalid("audio is null")          # TF: an empty tensor has no data pointer
    rate = int(rate) % 2 ** 64                    # int32 to size_t
    if rate == 0 or rate > _U32 - 1:
        raise _invalid(f"sample_rate must be in (0, 2^32), got: {rate}")
    if channels > 65535:
        raise _invalid(f"num_channels must be in (0, 2^16), got: {channels}")
    data_size = 2 * frames * channels
    if 44 + data_size > _U32 - 1:
        raise _invalid("Provided channels and frames cannot be encoded as a WAV.")
    out = np.empty((), dtype=object)
    out[()] = wav_bytes(audio, rate)
    return out


def wav_bytes(audio, rate):
    """TF's wav::EncodeAudioAsS16LEWav of float samples [frames, channels] (EncodeWav's and
    AudioSummaryV2's encoder): the 44-byte RIFF header and 16-bit PCM (_to_int16)."""
    frames, channels = audio.shape
    data_size = 2 * frames * channels
    header = (b"RIFF" + struct.pack("<I", 36 + data_size) + b"WAVE"
              + b"fmt " + struct.pack("<IHHIIHH", 16, 1, channels, rate,
                                      (rate * 2 * channels) % _U32, 2 * channels, 16)
              + b"data" + struct.pack("<I", data_size))
    return header + _to_int16(audio.reshape(-1)).tobytes()


def _encode_infer(inputs, attrs):
    for t, rank in zip(inputs, (2, 0)):
        n = t.shape.ndims
        if n is not None and n != rank:
            raise ValueError(f"Shape must be rank {rank} but is rank {n}")
    return [(_dt.string, TensorShape([]))]


register_op("EncodeWav", infer=_encode_infer, kernel=_encode_kernel, grad=None)


# -- wrappers (TF 1.14's gen_audio_ops) ---------------------------------------------------------
DecodeWav = collections.namedtuple("DecodeWav", ["audio", "sample_rate"])


def decode_wav(contents, desired_channels=-1, desired_samples=-1, name=None):
    """A 16-bit PCM WAV file (scalar string) as float32 audio [samples, channels] in
    [-1, 1) and its int32 sample rate; desired_channels/desired_samples (-1: the file's)
    repeat the last channel or pad with zeros / truncate."""
    attrs = {"desired_channels": -1 if desired_channels is None else
             _make_int(desired_channels, "desired_channels"),
             "desired_samples": -1 if desired_samples is None else
             _make_int(desired_samples, "desired_samples")}
    with name_scope(name or "DecodeWav") as scope:   # TF's op_def_library takes the name
        x = typed_input(contents, _dt.string, "DecodeWav", "contents")
        audio, rate = apply("DecodeWav", [x], attrs, scope)
        return DecodeWav(audio, rate)


def encode_wav(audio, sample_rate, name=None):
    """float32 audio [samples, channels] as a 16-bit PCM WAV file (a scalar string)."""
    with name_scope(name or "EncodeWav") as scope:   # TF's op_def_library takes the name
        a = typed_input(audio, _dt.float32, "EncodeWav", "audio")
        r = typed_input(sample_rate, _dt.int32, "EncodeWav", "sample_rate")
        return apply("EncodeWav", [a, r], {}, scope)
