"""TF 1.14's tf.signal compositions (tensorflow/python/ops/signal/*.py): frame,
overlap_and_add, hann_window, hamming_window, stft, inverse_stft, inverse_stft_window_fn,
linear_to_mel_weight_matrix, mfccs_from_log_mel_spectrograms, dct and idct.

Each builds the ops TF 1.14's Python builds, under its name scope; the gradients come
from those ops.
"""
from __future__ import annotations

__all__ = ["frame", "overlap_and_add", "hann_window", "hamming_window", "stft",
           "inverse_stft", "inverse_stft_window_fn", "linear_to_mel_weight_matrix",
           "mfccs_from_log_mel_spectrograms", "dct", "idct"]

import math
from math import gcd as _gcd

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.static_value import constant_value
from ..engine.framework.graph import Tensor, name_scope
from ..engine.ops._array_util import _autopack
from ..engine.ops.fft import make_complex, real_part
from . import array_ops, comparison_ops, math_ops
from .slicing import strided_slice
from .control_flow_ops import cond, while_loop
from .spectral_ops import irfft, rfft


def _static(t):
    """TF's tensor_util.constant_value (Size, Rank, Pack, ConcatV2, Fill... of constants)."""
    v = constant_value(t) if isinstance(t, Tensor) else t
    return None if v is None else np.asarray(v)


def _scalar(t, what):
    if t.shape.ndims is not None and t.shape.ndims != 0:
        raise ValueError(f"Shape {t.shape} must have rank 0")


# -- util_ops.gcd ------------------------------------------------------------------------------
def _gcd_tensor(a, b, name=None):
    with name_scope(name, "gcd", [a, b]):
        a = convert_to_tensor(a)
        b = convert_to_tensor(b)
        _scalar(a, "a")
        _scalar(b, "b")
        if not a.dtype.is_integer:
            raise ValueError(f"a must be an integer type. Got: {a.dtype}")
        if not b.dtype.is_integer:
            raise ValueError(f"b must be an integer type. Got: {b.dtype}")
        ca, cb = _static(a), _static(b)
        if ca is not None and cb is not None:
            return convert_to_tensor(_gcd(int(ca), int(cb)))
        a, b = while_loop(lambda _, b: math_ops.greater(b, array_ops.zeros_like(b)),
                          lambda a, b: [b, math_ops.mod(a, b)], [a, b], back_prop=False)
        return a


# -- shape_ops.frame ---------------------------------------------------------------------------
def _infer_frame_shape(signal, frame_length, frame_step, pad_end, axis):
    frame_length = _static(frame_length)
    frame_step = _static(frame_step)
    axis = _static(axis)
    if signal.shape.ndims is None:
        return None
    if axis is None:
        return [None] * (signal.shape.ndims + 1)
    frame_length = None if frame_length is None else int(frame_length)
    frame_step = None if frame_step is None else int(frame_step)
    axis = int(axis)
    dims = list(signal.shape.as_tuple())
    num_frames = None
    frame_axis = dims[axis]
    outer = dims[:axis]
    inner = dims[axis:][1:]
    if dims and frame_axis is not None:
        if frame_step is not None and pad_end:
            num_frames = max(0, -(-frame_axis // frame_step))
        elif frame_step is not None and frame_length is not None:
            num_frames = max(0, (frame_axis - frame_length + frame_step) // frame_step)
    return outer + [num_frames, frame_length] + inner


def _set_padded_shape(signal, axis, frame_length, frame_step):
    """The static shape of frame's padded signal, which TF's shape inference computes from
    the constant paddings."""
    dims = signal.shape.as_tuple()
    ax, fl, fs = _static(axis), _static(frame_length), _static(frame_step)
    if dims is None or ax is None or fl is None or fs is None:
        return
    ax = int(ax) % len(dims)
    n = signal.op.inputs[0].shape.as_tuple()[ax]
    if n is None:
        return
    num_frames = -(-n // int(fs))
    pad_samples = max(0, int(fl) + int(fs) * (num_frames - 1) - n)
    out = list(signal.op.inputs[0].shape.as_tuple())
    out[ax] = n + pad_samples
    signal.set_shape(out)


def frame(signal, frame_length, frame_step, pad_end=False, pad_value=0, axis=-1, name=None):
    """Frames of `frame_length` samples every `frame_step` samples along `axis`
    ([..., samples, ...] -> [..., frames, frame_length, ...]); `pad_end` pads the end with
    `pad_value` so that every sample is in a frame."""
    with name_scope(name, "frame", [signal, frame_length, frame_step, pad_value]):
        signal = convert_to_tensor(signal, name="signal")
        frame_length = convert_to_tensor(frame_length, name="frame_length")
        frame_step = convert_to_tensor(frame_step, name="frame_step")
        axis = axis_in = convert_to_tensor(axis, name="axis")
        signal.shape.with_rank_at_least(1)
        for t, n in ((frame_length, "frame_length"), (frame_step, "frame_step"),
                     (axis, "axis")):
            _scalar(t, n)
        result_shape = _infer_frame_shape(signal, frame_length, frame_step, pad_end, axis)
        signal_rank = array_ops.rank(signal)
        axis = array_ops.range(signal_rank)[axis]
        signal_shape = array_ops.shape(signal)
        outer_dimensions, length_samples, inner_dimensions = array_ops.split(
            signal_shape, _autopack([axis, 1, signal_rank - 1 - axis], None, "packed"))
        r, ax = signal.shape.ndims, _static(axis_in)
        if r is not None and ax is not None:
            # TF's shape inference evaluates the constant size_splits
            ax = int(ax) % r
            outer_dimensions.set_shape([ax])
            inner_dimensions.set_shape([r - 1 - ax])
        length_samples = array_ops.reshape(length_samples, [])
        num_outer_dimensions = array_ops.size(outer_dimensions)
        num_inner_dimensions = array_ops.size(inner_dimensions)
        if pad_end:
            pad_value = convert_to_tensor(pad_value, signal.dtype)
            _scalar(pad_value, "pad_value")
            num_frames = -(-length_samples // frame_step)
            pad_samples = math_ops.maximum(
                0, frame_length + frame_step * (num_frames - 1) - length_samples)
            paddings = array_ops.concat(
                [array_ops.zeros([num_outer_dimensions, 2], dtype=pad_samples.dtype),
                 [[0, pad_samples]],
                 array_ops.zeros([num_inner_dimensions, 2], dtype=pad_samples.dtype)], 0)
            signal = array_ops.pad(signal, paddings, constant_values=pad_value)
            _set_padded_shape(signal, axis_in, frame_length, frame_step)
            signal_shape = array_ops.shape(signal)
            length_samples = signal_shape[axis]
        else:
            num_frames = math_ops.maximum(0, 1 + (length_samples - frame_length) // frame_step)
        subframe_length = _gcd_tensor(frame_length, frame_step)
        subframes_per_frame = frame_length // subframe_length
        subframes_per_hop = frame_step // subframe_length
        num_subframes = length_samples // subframe_length
        slice_shape = array_ops.concat([outer_dimensions, [num_subframes * subframe_length],
                                        inner_dimensions], 0)
        subframe_shape = array_ops.concat([outer_dimensions, [num_subframes, subframe_length],
                                           inner_dimensions], 0)
        subframes = array_ops.reshape(strided_slice(
            signal, array_ops.zeros_like(signal_shape), slice_shape), subframe_shape)
        frame_selector = array_ops.reshape(array_ops.range(num_frames) * subframes_per_hop,
                                           [num_frames, 1])
        subframe_selector = array_ops.reshape(array_ops.range(subframes_per_frame),
                                              [1, subframes_per_frame])
        selector = frame_selector + subframe_selector
        frames = array_ops.reshape(
            array_ops.gather(subframes, selector, axis=axis),
            array_ops.concat([outer_dimensions, [num_frames, frame_length], inner_dimensions],
                             0))
        if result_shape:
            frames.set_shape(result_shape)
        return frames


# -- reconstruction_ops.overlap_and_add -------------------------------------------------------
def overlap_and_add(signal, frame_step, name=None):
    """The sum of frames ([..., frames, frame_length]) placed `frame_step` samples apart:
    [..., (frames - 1) * frame_step + frame_length]."""
    with name_scope(name, "overlap_and_add", [signal, frame_step]):
        signal = convert_to_tensor(signal, name="signal")
        signal.shape.with_rank_at_least(2)
        frame_step = convert_to_tensor(frame_step, name="frame_step")
        _scalar(frame_step, "frame_step")
        if not frame_step.dtype.is_integer:
            raise ValueError(f"frame_step must be an integer. Got {frame_step.dtype}")
        signal_shape = array_ops.shape(signal)
        outer_dimensions = signal_shape[:-2]
        outer_rank = array_ops.size(outer_dimensions)

        def full_shape(inner_shape):
            return array_ops.concat([outer_dimensions, inner_shape], 0)
        frame_length = signal_shape[-1]
        frames = signal_shape[-2]
        output_length = frame_length + frame_step * (frames - 1)
        fs = _static(frame_step)
        dims = signal.shape.as_tuple()
        if fs is not None and dims is not None and int(fs) == dims[-1]:
            return array_ops.reshape(signal, full_shape([output_length]), name="fast_path")
        segments = -(-frame_length // frame_step)
        paddings = [[0, segments], [0, segments * frame_step - frame_length]]
        outer_paddings = array_ops.zeros([outer_rank, 2], _dt.int32)
        paddings = array_ops.concat([outer_paddings, paddings], 0)
        signal = array_ops.pad(signal, paddings)
        signal = array_ops.reshape(signal, full_shape([frames + segments, segments,
                                                       frame_step]))
        perm = array_ops.concat([array_ops.range(outer_rank), outer_rank + [1, 0, 2]], 0)
        signal = array_ops.transpose(signal, perm)
        signal = array_ops.reshape(signal, full_shape([(frames + segments) * segments,
                                                       frame_step]))
        signal = signal[..., :(frames + segments - 1) * segments, :]
        signal = array_ops.reshape(signal, full_shape([segments, (frames + segments - 1),
                                                       frame_step]))
        signal = math_ops.reduce_sum(signal, -3)
        signal = array_ops.reshape(signal, full_shape([(frames + segments - 1) * frame_step]))
        return signal[..., :output_length]


# -- window_ops -------------------------------------------------------------------------------
def hann_window(window_length, periodic=True, dtype=_dt.float32, name=None):
    """The Hann window 0.5 - 0.5 cos(2 pi n / N) of `window_length` samples (N = length, or
    length - 1 without `periodic`)."""
    return _raised_cosine_window(name, "hann_window", window_length, periodic, dtype, 0.5,
                                 0.5)


def hamming_window(window_length, periodic=True, dtype=_dt.float32, name=None):
    """The Hamming window 0.54 - 0.46 cos(2 pi n / N) of `window_length` samples."""
    return _raised_cosine_window(name, "hamming_window", window_length, periodic, dtype,
                                 0.54, 0.46)


def _raised_cosine_window(name, default_name, window_length, periodic, dtype, a, b):
    dtype = _dt.as_dtype(dtype)
    if not dtype.is_floating:
        raise ValueError(f"dtype must be a floating point type. Found {dtype}")
    with name_scope(name, default_name, [window_length, periodic]):
        window_length = convert_to_tensor(window_length, dtype=_dt.int32,
                                          name="window_length")
        _scalar(window_length, "window_length")
        wl = _static(window_length)
        if wl is not None and int(wl) == 1:
            return array_ops.ones([1], dtype=dtype)
        periodic = math_ops.cast(convert_to_tensor(periodic, dtype=_dt.bool_, name="periodic"),
                                 _dt.int32)
        _scalar(periodic, "periodic")
        even = 1 - math_ops.mod(window_length, 2)
        n = math_ops.cast(window_length + periodic * even - 1, dtype=dtype)
        count = math_ops.cast(array_ops.range(window_length), dtype)
        cos_arg = constant(2 * np.pi, dtype=dtype) * count / n
        if wl is not None:
            return math_ops.cast(a - b * math_ops.cos(cos_arg), dtype=dtype)
        return cond(comparison_ops.equal(window_length, 1),
                    lambda: array_ops.ones([1], dtype=dtype),
                    lambda: math_ops.cast(a - b * math_ops.cos(cos_arg), dtype=dtype))


# -- spectral_ops -----------------------------------------------------------------------------
def _enclosing_power_of_two(value):
    v = _static(value)
    if v is not None:
        return constant(int(2 ** np.ceil(np.log(int(v)) / np.log(2.0))), value.dtype)
    return math_ops.cast(math_ops.pow(2.0, math_ops.ceil(
        math_ops.log(math_ops.cast(value, _dt.float32)) / math_ops.log(2.0))), value.dtype)


def stft(signals, frame_length, frame_step, fft_length=None, window_fn=hann_window,
         pad_end=False, name=None):
    """The short-time Fourier transform of float32 `signals` ([..., samples] ->
    [..., frames, fft_length // 2 + 1] complex64); fft_length defaults to the smallest
    power of two >= frame_length."""
    with name_scope(name, "stft", [signals, frame_length, frame_step]):
        signals = convert_to_tensor(signals, name="signals")
        signals.shape.with_rank_at_least(1)
        frame_length = convert_to_tensor(frame_length, name="frame_length")
        _scalar(frame_length, "frame_length")
        frame_step = convert_to_tensor(frame_step, name="frame_step")
        _scalar(frame_step, "frame_step")
        if fft_length is None:
            fft_length = _enclosing_power_of_two(frame_length)
        else:
            fft_length = convert_to_tensor(fft_length, name="fft_length")
        framed = frame(signals, frame_length, frame_step, pad_end=pad_end)
        if window_fn is not None:
            window = window_fn(frame_length, dtype=framed.dtype)
            framed *= window
        return rfft(framed, [fft_length])


def inverse_stft_window_fn(frame_step, forward_window_fn=hann_window, name=None):
    """A window function for inverse_stft that inverts `forward_window_fn`'s overlap
    (the forward window divided by the overlapping sum of its squares)."""
    with name_scope(name, "inverse_stft_window_fn", [forward_window_fn]):
        frame_step = convert_to_tensor(frame_step, name="frame_step")
        _scalar(frame_step, "frame_step")

    def inverse_stft_window_fn_inner(frame_length, dtype):
        with name_scope(name, "inverse_stft_window_fn", [forward_window_fn]):
            frame_length = convert_to_tensor(frame_length, name="frame_length")
            _scalar(frame_length, "frame_length")
            forward_window = forward_window_fn(frame_length, dtype=dtype)
            denom = math_ops.square(forward_window)
            overlaps = -(-frame_length // frame_step)
            denom = array_ops.pad(denom, [(0, overlaps * frame_step - frame_length)])
            denom = array_ops.reshape(denom, [overlaps, frame_step])
            denom = math_ops.reduce_sum(denom, 0, keepdims=True)
            denom = array_ops.tile(denom, [overlaps, 1])
            denom = array_ops.reshape(denom, [overlaps * frame_step])
            return forward_window / denom[:frame_length]
    return inverse_stft_window_fn_inner


def inverse_stft(stfts, frame_length, frame_step, fft_length=None, window_fn=hann_window,
                 name=None):
    """The signals whose stft is `stfts` ([..., frames, fft_length // 2 + 1] complex64 ->
    [..., samples] float32), by irfft, windowing and overlap_and_add."""
    with name_scope(name, "inverse_stft", [stfts]):
        stfts = convert_to_tensor(stfts, name="stfts")
        stfts.shape.with_rank_at_least(2)
        frame_length = convert_to_tensor(frame_length, name="frame_length")
        _scalar(frame_length, "frame_length")
        frame_step = convert_to_tensor(frame_step, name="frame_step")
        _scalar(frame_step, "frame_step")
        if fft_length is None:
            fft_length = _enclosing_power_of_two(frame_length)
        else:
            fft_length = convert_to_tensor(fft_length, name="fft_length")
            _scalar(fft_length, "fft_length")
        real_frames = irfft(stfts, [fft_length])
        fl = _static(frame_length)
        dims = real_frames.shape.as_tuple()
        if fl is None or dims is None or dims[-1] is None:
            real_frames = real_frames[..., :frame_length]
            rf_rank = array_ops.rank(real_frames)
            rf_shape = array_ops.shape(real_frames)
            paddings = array_ops.concat(
                [array_ops.zeros([rf_rank - 1, 2], dtype=frame_length.dtype),
                 [[0, math_ops.maximum(0, frame_length - rf_shape[-1])]]], 0)
            real_frames = array_ops.pad(real_frames, paddings)
        elif dims[-1] > int(fl):
            real_frames = real_frames[..., :int(fl)]
        elif dims[-1] < int(fl):
            real_frames = array_ops.pad(real_frames, [[0, 0]] * (len(dims) - 1) +
                                        [[0, int(fl) - dims[-1]]])
        if fl is not None and real_frames.shape.ndims is not None:
            real_frames.set_shape([None] * (real_frames.shape.ndims - 1) + [int(fl)])
        if window_fn is not None:
            window = window_fn(frame_length, dtype=stfts.dtype.real_dtype)
            real_frames *= window
        return overlap_and_add(real_frames, frame_step)


# -- mel_ops ----------------------------------------------------------------------------------
_MEL_BREAK_FREQUENCY_HERTZ = 700.0
_MEL_HIGH_FREQUENCY_Q = 1127.0


def _hertz_to_mel(frequencies_hertz, name=None):
    with name_scope(name, "hertz_to_mel", [frequencies_hertz]):
        frequencies_hertz = convert_to_tensor(frequencies_hertz)
        return _MEL_HIGH_FREQUENCY_Q * math_ops.log(
            1.0 + (frequencies_hertz / _MEL_BREAK_FREQUENCY_HERTZ))


def _validate_mel(num_mel_bins, sample_rate, lower_edge_hertz, upper_edge_hertz, dtype):
    if num_mel_bins <= 0:
        raise ValueError(f"num_mel_bins must be positive. Got: {num_mel_bins}")
    if sample_rate <= 0.0:
        raise ValueError(f"sample_rate must be positive. Got: {sample_rate}")
    if lower_edge_hertz < 0.0:
        raise ValueError(f"lower_edge_hertz must be non-negative. Got: {lower_edge_hertz}")
    if lower_edge_hertz >= upper_edge_hertz:
        raise ValueError("lower_edge_hertz %.1f >= upper_edge_hertz %.1f"
                         % (lower_edge_hertz, upper_edge_hertz))
    if upper_edge_hertz > sample_rate / 2:
        raise ValueError("upper_edge_hertz must not be larger than the Nyquist frequency "
                         f"(sample_rate / 2). Got: {upper_edge_hertz} for sample_rate: "
                         f"{sample_rate}")
    if not dtype.is_floating:
        raise ValueError(f"dtype must be a floating point type. Got: {dtype}")


def linear_to_mel_weight_matrix(num_mel_bins=20, num_spectrogram_bins=129, sample_rate=8000,
                                lower_edge_hertz=125.0, upper_edge_hertz=3800.0,
                                dtype=_dt.float32, name=None):
    """The [num_spectrogram_bins, num_mel_bins] matrix of triangular mel filters that maps
    a linear spectrogram to a mel spectrogram (HTK's mel scale)."""
    dtype = _dt.as_dtype(dtype)
    with name_scope(name, "linear_to_mel_weight_matrix") as scope:
        _validate_mel(num_mel_bins, sample_rate, lower_edge_hertz, upper_edge_hertz, dtype)
        sample_rate = convert_to_tensor(sample_rate, dtype, name="sample_rate")
        lower_edge_hertz = convert_to_tensor(lower_edge_hertz, dtype, name="lower_edge_hertz")
        upper_edge_hertz = convert_to_tensor(upper_edge_hertz, dtype, name="upper_edge_hertz")
        zero = convert_to_tensor(0.0, dtype)
        bands_to_zero = 1
        nyquist_hertz = sample_rate / 2.0
        linear_frequencies = array_ops.linspace(zero, nyquist_hertz,
                                               num_spectrogram_bins)[bands_to_zero:]
        spectrogram_bins_mel = array_ops.expand_dims(_hertz_to_mel(linear_frequencies), 1)
        band_edges_mel = frame(
            array_ops.linspace(_hertz_to_mel(lower_edge_hertz), _hertz_to_mel(upper_edge_hertz),
                              num_mel_bins + 2), frame_length=3, frame_step=1)
        lower_edge_mel, center_mel, upper_edge_mel = tuple(
            array_ops.reshape(t, [1, num_mel_bins])
            for t in array_ops.split(band_edges_mel, 3, axis=1))
        lower_slopes = (spectrogram_bins_mel - lower_edge_mel) / (center_mel - lower_edge_mel)
        upper_slopes = (upper_edge_mel - spectrogram_bins_mel) / (upper_edge_mel - center_mel)
        mel_weights_matrix = math_ops.maximum(zero, math_ops.minimum(lower_slopes,
                                                                     upper_slopes))
        return array_ops.pad(mel_weights_matrix, [[bands_to_zero, 0], [0, 0]], name=scope)


# -- dct_ops / mfcc_ops -----------------------------------------------------------------------
def _validate_dct(input_tensor, dct_type, n, axis, norm):
    if n is not None:
        raise NotImplementedError("The DCT length argument is not implemented.")
    if axis != -1:
        raise NotImplementedError(f"axis must be -1. Got: {axis}")
    if dct_type not in (1, 2, 3):
        raise ValueError("Only Types I, II and III (I)DCT are supported.")
    if dct_type == 1:
        if norm == "ortho":
            raise ValueError("Normalization is not supported for the Type-I DCT.")
        shp = getattr(input_tensor, "shape", None)
        if shp is not None and hasattr(shp, "as_tuple"):
            shp = shp.as_tuple()
        last = shp[-1] if shp else None
        if last is not None and last < 2:
            raise ValueError("Type-I DCT requires the dimension to be greater than one.")
    if norm not in (None, "ortho"):
        raise ValueError(f"Unknown normalization. Expected None or 'ortho', got: {norm}")


def dct(input, type=2, n=None, axis=-1, norm=None, name=None):  # noqa: A002 - TF's names
    """The type I, II or III discrete cosine transform of float32 `input` along its last
    axis (through an RFFT), optionally orthonormal (`norm='ortho'`, types II and III)."""
    _validate_dct(input, type, n, axis, norm)
    with name_scope(name, "dct", [input]):
        input = convert_to_tensor(input, dtype=_dt.float32)  # noqa: A001
        dims = input.shape.as_tuple()
        axis_dim = (dims[-1] if dims else None) or array_ops.shape(input)[-1]
        axis_dim_float = math_ops.cast(axis_dim, _dt.float32)
        if type == 1:
            dct1_input = array_ops.concat([input, input[..., -2:0:-1]], axis=-1)
            return real_part(rfft(dct1_input))
        if type == 2:
            scale = 2.0 * math_ops.exp(make_complex(
                0.0, -array_ops.range(axis_dim_float) * math.pi * 0.5 / axis_dim_float))
            dct2 = real_part(rfft(input, fft_length=[2 * axis_dim])[..., :axis_dim] * scale)
            if norm == "ortho":
                n1 = 0.5 * math_ops.rsqrt(axis_dim_float)
                n2 = n1 * math_ops.sqrt(2.0)
                weights = array_ops.pad(array_ops.expand_dims(n1, 0), [[0, axis_dim - 1]],
                                        constant_values=n2)
                dct2 *= weights
            return dct2
        if norm == "ortho":
            n1 = math_ops.sqrt(axis_dim_float)
            n2 = n1 * math_ops.sqrt(0.5)
            weights = array_ops.pad(array_ops.expand_dims(n1, 0), [[0, axis_dim - 1]],
                                    constant_values=n2)
            input *= weights  # noqa: A001
        else:
            input *= axis_dim_float  # noqa: A001
        scale = 2.0 * math_ops.exp(make_complex(
            0.0, array_ops.range(axis_dim_float) * math.pi * 0.5 / axis_dim_float))
        return real_part(irfft(scale * make_complex(input, 0.0),
                               fft_length=[2 * axis_dim]))[..., :axis_dim]


def idct(input, type=2, n=None, axis=-1, norm=None, name=None):  # noqa: A002 - TF's names
    """The inverse of dct of the same type (idct of type 2 is a type-3 dct, scaled as TF)."""
    _validate_dct(input, type, n, axis, norm)
    inverse_type = {1: 1, 2: 3, 3: 2}[type]
    return dct(input, type=inverse_type, n=n, axis=axis, norm=norm, name=name)


def mfccs_from_log_mel_spectrograms(log_mel_spectrograms, name=None):
    """MFCCs: the orthonormal-scaled type-II DCT of log mel spectrograms
    ([..., num_mel_bins] float32)."""
    with name_scope(name, "mfccs_from_log_mel_spectrograms", [log_mel_spectrograms]):
        log_mel_spectrograms = convert_to_tensor(log_mel_spectrograms, dtype=_dt.float32)
        dims = log_mel_spectrograms.shape.as_tuple()
        if dims and dims[-1] is not None:
            num_mel_bins = dims[-1]
            if num_mel_bins == 0:
                raise ValueError(f"num_mel_bins must be positive. Got: {log_mel_spectrograms}")
        else:
            num_mel_bins = array_ops.shape(log_mel_spectrograms)[-1]
        dct2 = dct(log_mel_spectrograms, type=2)
        return dct2 * math_ops.rsqrt(math_ops.cast(num_mel_bins, _dt.float32) * 2.0)
