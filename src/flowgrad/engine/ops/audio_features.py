"""AudioSpectrogram and Mfcc (TF 1.14's spectrogram_op.cc / spectrogram.cc and mfcc_op.cc /
mfcc.cc / mfcc_mel_filterbank.cc / mfcc_dct.cc): the speech_commands tutorial's features,
`contrib.framework.python.ops.audio_ops.audio_spectrogram` and `.mfcc`.

TF computes in double and stores float32. The periodic Hann window, the mel filterbank
and the DCT table are built with Python's math (the C library's cos and log1p, as TF's);
the per-frame sums run in TF's order. The FFT is NumPy's (TF's is Ooura's fftsg rdft):
squared magnitudes agree to double rounding, so a float32 result can differ by one ulp
where a value sits on a rounding boundary, and bins that are rounding noise in both
(an exactly periodic input) differ. Neither op has a gradient in TF 1.14.
"""
from __future__ import annotations

import functools
import math

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.graph import name_scope
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape
from ._base import apply, typed_input
from ._base import make_int as _make_int


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


def _shape_text(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


def _fft_length(window_size):
    """TF's NextPowerOfTwo (1 << Log2Ceiling): 1 for 1, 2 for 2, 128 for 100."""
    return 1 << max(int(window_size) - 1, 0).bit_length()


# -- AudioSpectrogram --------------------------------------------------------------------------
@functools.lru_cache(maxsize=32)
def _hann(window_size):
    """spectrogram.cc's GetPeriodicHann, in double with the C library's cos."""
    pi = math.atan(1) * 4
    return np.array([0.5 - 0.5 * math.cos((2 * pi * i) / window_size)
                     for i in range(window_size)])


def _windows_per_channel(samples, channels, window, stride):
    """Start offsets (into the channels laid end to end) of the windows TF 1.14 gives each
    channel. TF 1.14 keeps one Spectrogram for all channels and never resets its sample
    queue, so channel c continues the stream of channel c-1: a window belongs to the
    channel whose samples complete it, and may begin in the channel before."""
    total = samples * channels
    count = 0 if total < window else 1 + (total - window) // stride
    ends = np.arange(count, dtype=np.int64) * stride + window
    owner = (ends - 1) // samples if samples else np.zeros(0, np.int64)
    return [ends[owner == c] - window for c in range(channels)]


def _spectrogram_kernel(input, window_size, stride, magnitude_squared=False, **_):  # noqa: A002 - TF's name
    x = np.asarray(input, np.float32)
    if x.ndim != 2:
        raise _invalid(f"input must be 2-dimensional{_shape_text(x.shape)}")
    if window_size < 2 or stride < 1:
        raise _invalid(f"Spectrogram initialization failed for window size {window_size} "
                       f"and stride {stride}")
    samples, channels = x.shape
    fft_length = _fft_length(window_size)
    width = 1 + fft_length // 2
    height = 0 if samples < window_size else 1 + (samples - window_size) // stride
    out = np.zeros((channels, height, width), np.float32)
    stream = x.T.reshape(-1).astype(np.float64)     # channel 0's samples, then channel 1's
    window = _hann(window_size)
    for c, starts in enumerate(_windows_per_channel(samples, channels, window_size, stride)):
        if len(starts) != height:
            raise _invalid(f"Spectrogram size calculation failed: Expected height {height} "
                           f"but got {len(starts)}")
        if not height:
            continue
        frames = stream[starts[:, None] + np.arange(window_size)] * window
        spec = np.fft.rfft(frames, n=fft_length, axis=1)
        power = (spec.real * spec.real + spec.imag * spec.imag).astype(np.float32)
        out[c] = power if magnitude_squared else np.sqrt(power)
    return out


def _spectrogram_infer(inputs, attrs):
    shape = inputs[0].shape
    if shape.ndims is not None and shape.ndims != 2:
        raise ValueError(f"Shape must be rank 2 but is rank {shape.ndims}")
    window, stride = attrs["window_size"], attrs["stride"]
    samples, channels = (shape.as_list() if shape.ndims is not None else (None, None))
    height = None
    if samples is not None and stride > 0:
        height = 0 if samples < window else 1 + (samples - window) // stride
    return [(_dt.float32, TensorShape([channels, height, 1 + _fft_length(window) // 2]))]


register_op("AudioSpectrogram", infer=_spectrogram_infer, kernel=_spectrogram_kernel,
            grad=no_gradient_registered)


# -- Mfcc ---------------------------------------------------------------------------------------
def _freq_to_mel(freq):
    return 1127.0 * math.log1p(freq / 700.0)


class _MelFilterbank:
    """mfcc_mel_filterbank.cc's Initialize: per FFT bin, the channel whose triangle's right
    side it lies on (-1: only the first triangle's left side; -2: unused) and its weight."""

    def __init__(self, input_length, sample_rate, channels, lower, upper):
        self.ok = (channels >= 1 and sample_rate > 0 and input_length >= 2 and lower >= 0
                   and upper > lower)
        if not self.ok:
            return
        mel_low, mel_hi = _freq_to_mel(lower), _freq_to_mel(upper)
        spacing = (mel_hi - mel_low) / float(channels + 1)
        centers = [mel_low + spacing * (i + 1) for i in range(channels + 1)]
        hz_per_bin = 0.5 * sample_rate / float(input_length - 1)
        self.start = int(1.5 + lower / hz_per_bin)
        self.end = int(upper / hz_per_bin)
        self.band = [-2] * input_length
        self.weights = [0.0] * input_length
        channel = 0
        for i in range(self.start, min(self.end, input_length - 1) + 1):
            melf = _freq_to_mel(i * hz_per_bin)
            while channel < channels and centers[channel] < melf:
                channel += 1
            band = self.band[i] = channel - 1
            if band >= 0:
                self.weights[i] = (centers[band + 1] - melf) / (centers[band + 1] - centers[band])
            else:
                self.weights[i] = (centers[0] - melf) / (centers[0] - mel_low)
        self.input_length, self.channels = input_length, channels

    def compute(self, spec):
        """[frames, input_length] squared magnitudes (double) -> [frames, channels] sums of
        magnitudes under the triangles, bin by bin in TF's order."""
        out = np.zeros((spec.shape[0], self.channels))
        if self.input_length <= self.end:
            return None                      # TF logs "Input too short" and leaves it empty
        for i in range(self.start, self.end + 1):
            val = np.sqrt(spec[:, i])
            weighted = val * self.weights[i]
            band = self.band[i]
            if band >= 0:
                out[:, band] += weighted
            if band + 1 < self.channels:
                out[:, band + 1] += val - weighted
        return out


@functools.lru_cache(maxsize=32)
def _filterbank(input_length, sample_rate, channels, lower, upper):
    """The filterbank of these settings, built once (a tutorial runs one per clip)."""
    return _MelFilterbank(input_length, sample_rate, channels, lower, upper)


@functools.lru_cache(maxsize=32)
def _dct_table(input_length, count):
    """mfcc_dct.cc's cosines: sqrt(2 / n) * cos(i * (pi / n) * (j + 0.5))."""
    fnorm = math.sqrt(2.0 / input_length)
    arg = (math.atan(1) * 4) / input_length
    return np.array([[fnorm * math.cos(i * arg * (j + 0.5)) for j in range(input_length)]
                     for i in range(count)])


def _mfcc_kernel(spectrogram, sample_rate, upper_frequency_limit, lower_frequency_limit,
                 filterbank_channel_count, dct_coefficient_count, **_):
    spec = np.asarray(spectrogram, np.float32)
    if spec.ndim != 3:
        raise _invalid(f"spectrogram must be 3-dimensional{_shape_text(spec.shape)}")
    rate = np.asarray(sample_rate)
    if rate.ndim != 0:
        raise _invalid(f"Input sample_rate should be a scalar tensor, got "
                       f"{_shape_text(rate.shape)} instead.")
    rate = int(rate)
    audio_channels, frames, bins = spec.shape
    # the attrs are float32 in TF's kernel, widened to double
    lower = float(np.float32(lower_frequency_limit))
    upper = float(np.float32(upper_frequency_limit))
    bank = _filterbank(bins, float(rate), filterbank_channel_count, lower, upper)
    count = dct_coefficient_count
    if not (bank.ok and count >= 1 and count <= filterbank_channel_count):
        raise _invalid(f"Mfcc initialization failed for channel count {bins} and sample "
                       f"rate {rate}")
    flat = spec.reshape(-1, bins).astype(np.float64)
    mel = bank.compute(flat)
    out = np.zeros((flat.shape[0], count))
    if mel is not None:
        logs = np.fromiter(map(math.log, np.maximum(mel, 1e-12).ravel()), np.float64,
                           mel.size).reshape(mel.shape)
        table = _dct_table(filterbank_channel_count, count)
        for j in range(filterbank_channel_count):          # sum += cos[i][j] * in[j]
            out += table[:, j] * logs[:, j:j + 1]
    return out.astype(np.float32).reshape(audio_channels, frames, count)


def _mfcc_infer(inputs, attrs):
    for t, rank in zip(inputs, (3, 0)):
        n = t.shape.ndims
        if n is not None and n != rank:
            raise ValueError(f"Shape must be rank {rank} but is rank {n}")
    shape = inputs[0].shape
    dims = shape.as_list()[:2] if shape.ndims is not None else [None, None]
    return [(_dt.float32, TensorShape(dims + [attrs["dct_coefficient_count"]]))]


register_op("Mfcc", infer=_mfcc_infer, kernel=_mfcc_kernel, grad=no_gradient_registered)


# -- wrappers (TF 1.14's gen_audio_ops) ---------------------------------------------------------
def _make_float(v, arg):
    """TF's _execute.make_float."""
    try:
        if isinstance(v, (str, bytes)):
            raise TypeError
        return float(v)
    except (TypeError, ValueError):
        raise TypeError(f"Expected float for argument '{arg}' not {v!r}.") from None


def _make_bool(v, arg):
    """TF's _execute.make_bool."""
    if not isinstance(v, (bool, np.bool_)):
        raise TypeError(f"Expected bool for argument '{arg}' not {v!r}.")
    return bool(v)


def audio_spectrogram(input, window_size, stride, magnitude_squared=False, name=None):  # noqa: A002
    """float32 audio [samples, channels] -> [channels, frames, 1 + fft_length / 2] FFT
    magnitudes (squared with magnitude_squared) of periodic-Hann windows of window_size
    samples every stride samples; fft_length is window_size rounded up to a power of 2."""
    attrs = {"window_size": _make_int(window_size, "window_size"),
             "stride": _make_int(stride, "stride"),
             "magnitude_squared": _make_bool(False if magnitude_squared is None
                                             else magnitude_squared, "magnitude_squared")}
    with name_scope(name or "AudioSpectrogram") as scope:
        x = typed_input(input, _dt.float32, "AudioSpectrogram", "input")
        return apply("AudioSpectrogram", [x], attrs, scope)


def mfcc(spectrogram, sample_rate, upper_frequency_limit=4000, lower_frequency_limit=20,
         filterbank_channel_count=40, dct_coefficient_count=13, name=None):
    """Mel-frequency cepstral coefficients [channels, frames, dct_coefficient_count] of a
    squared-magnitude audio_spectrogram: a mel filterbank of magnitudes, log (floored at
    1e-12), DCT-II."""
    attrs = {"upper_frequency_limit": _make_float(
                 4000 if upper_frequency_limit is None else upper_frequency_limit,
                 "upper_frequency_limit"),
             "lower_frequency_limit": _make_float(
                 20 if lower_frequency_limit is None else lower_frequency_limit,
                 "lower_frequency_limit"),
             "filterbank_channel_count": _make_int(
                 40 if filterbank_channel_count is None else filterbank_channel_count,
                 "filterbank_channel_count"),
             "dct_coefficient_count": _make_int(
                 13 if dct_coefficient_count is None else dct_coefficient_count,
                 "dct_coefficient_count")}
    with name_scope(name or "Mfcc") as scope:
        s = typed_input(spectrogram, _dt.float32, "Mfcc", "spectrogram")
        r = typed_input(sample_rate, _dt.int32, "Mfcc", "sample_rate")
        return apply("Mfcc", [s, r], attrs, scope)
