"""TF's default JPEG decode (libjpeg-turbo's JDCT_IFAST with fancy upsampling) on
subsampled chroma, which Pillow's decoder cannot run in one go.

Pillow's draft mode runs the same IDCT (JDCT_IFAST) but upsamples the chroma by
replication; asked for YCbCr it also skips the colour conversion. Every chroma sample
of the subsampled plane is then read back exactly, and the two steps libjpeg-turbo
would have run next are done here in its integer arithmetic: the "fancy" triangle
filters of jdsample.c (h2v1, h2v2; plain replication where the subsampled plane is at
most 2 wide, as jinit_upsampler chooses) and jdcolor.c's fixed-point YCbCr -> RGB.
"""
from __future__ import annotations

import numpy as np

_SCALEBITS = 16
_ONE_HALF = 1 << (_SCALEBITS - 1)


def _fix(x):
    return int(x * (1 << _SCALEBITS) + 0.5)


def _edge(p, axis, step):
    """p shifted by one along axis, its edge sample repeated (libjpeg's context rows and
    the first/last-column cases): step -1 gives each sample's predecessor, +1 its successor."""
    n = p.shape[axis]
    idx = np.clip(np.arange(n) + step, 0, n - 1)
    return np.take(p, idx, axis=axis)


def _h2v1(p):
    """jdsample.c h2v1_fancy_upsample: each row twice as wide, 3/4 + 1/4 of the neighbour."""
    out = np.empty((p.shape[0], p.shape[1] * 2), np.int32)
    out[:, 0::2] = (p * 3 + _edge(p, 1, -1) + 1) >> 2
    out[:, 1::2] = (p * 3 + _edge(p, 1, 1) + 2) >> 2
    out[:, 0] = p[:, 0]
    out[:, -1] = p[:, -1]
    return out


def _h2v2(p):
    """jdsample.c h2v2_fancy_upsample: a 9/3/3/1 triangle filter in both directions."""
    out = np.empty((p.shape[0] * 2, p.shape[1] * 2), np.int32)
    for v, near in ((0, _edge(p, 0, -1)), (1, _edge(p, 0, 1))):
        cs = p * 3 + near                        # the column sums of the two nearest rows
        out[v::2, 0::2] = (cs * 3 + _edge(cs, 1, -1) + 8) >> 4
        out[v::2, 1::2] = (cs * 3 + _edge(cs, 1, 1) + 7) >> 4
        out[v::2, 0] = (cs[:, 0] * 4 + 8) >> 4
        out[v::2, -1] = (cs[:, -1] * 4 + 7) >> 4
    return out


def _ycc_to_rgb(y, cb, cr):
    """jdcolor.c ycc_rgb_convert: its fixed-point tables, clamped to [0, 255]."""
    cb = cb.astype(np.int64) - 128
    cr = cr.astype(np.int64) - 128
    y = y.astype(np.int64)
    r = y + ((_fix(1.40200) * cr + _ONE_HALF) >> _SCALEBITS)
    g = y + ((-_fix(0.34414) * cb + _ONE_HALF - _fix(0.71414) * cr) >> _SCALEBITS)
    b = y + ((_fix(1.77200) * cb + _ONE_HALF) >> _SCALEBITS)
    return np.clip(np.stack([r, g, b], -1), 0, 255).astype(np.uint8)


def supported(img) -> bool:
    """A 3-component YCbCr JPEG whose chroma is 4:2:2 or 4:2:0 (Pillow's sampling 1, 2)."""
    from PIL import JpegImagePlugin  # lazy: optional dependency (the image extra)
    return (img.mode == "RGB" and len(getattr(img, "layer", ())) == 3
            and img.info.get("adobe_transform", 1) != 0
            and JpegImagePlugin.get_sampling(img) in (1, 2))


def decode(img) -> np.ndarray:
    """The opened Pillow JPEG `img` (see supported) as TF's default decode: uint8 [h, w, 3]."""
    hmax = max(layer[1] for layer in img.layer)
    vmax = max(layer[2] for layer in img.layer)
    tile = img.tile[0]
    args = ("YCbCr", "YCbCr")
    img._mode = "YCbCr"
    img.tile = [tile._replace(args=args) if hasattr(tile, "_replace")
                else (tile[0], tile[1], tile[2], args)]
    img.decoderconfig = (1, 1)                   # scale 1, draft: JDCT_IFAST, replication
    img.load()
    a = np.asarray(img)
    h, w = a.shape[:2]
    planes = [a[..., 0]]
    for c in (1, 2):
        fh, fv = hmax // img.layer[c][1], vmax // img.layer[c][2]
        sub = a[::fv, ::fh, c].astype(np.int32)  # the subsampled plane, read back
        if (fh, fv) == (1, 1) or sub.shape[1] <= 2:
            planes.append(a[..., c])             # libjpeg replicates these too
        else:
            planes.append((_h2v1(sub) if fv == 1 else _h2v2(sub))[:h, :w])
    return _ycc_to_rgb(*planes)
