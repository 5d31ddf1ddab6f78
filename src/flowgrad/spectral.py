"""tf.spectral: TF 1.14's FFT namespace (the functions of tf.signal's FFT family, dct, idct)."""
# ruff: noqa: F401
from .ops.spectral_ops import (fft, fft2d, fft3d, ifft, ifft2d, ifft3d, irfft, irfft2d,
                               irfft3d, rfft, rfft2d, rfft3d)
from .ops.signal_ops import dct, idct
