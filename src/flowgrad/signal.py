"""tf.signal: FFTs, framing, windows, STFTs, mel and MFCC features, DCTs (TF 1.14)."""
# ruff: noqa: F401
from .ops.spectral_ops import (fft, fft2d, fft3d, ifft, ifft2d, ifft3d, irfft, irfft2d,
                               irfft3d, rfft, rfft2d, rfft3d)
from .ops.signal_ops import (dct, frame, hamming_window, hann_window, idct, inverse_stft,
                             inverse_stft_window_fn, linear_to_mel_weight_matrix,
                             mfccs_from_log_mel_spectrograms, overlap_and_add, stft)
