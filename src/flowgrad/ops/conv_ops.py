"""Convolution and pooling ops (NHWC/NCHW, SAME/VALID), built on matrix products."""
from __future__ import annotations

__all__: list = []
