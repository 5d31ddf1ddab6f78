"""Writes tests/golden/ckpt/flowgrad_decode_image/: flowgrad's GraphDef of each
decode_image_model variant (<variant>.pb) and small images (Pillow) TF and flowgrad decode
(run with flowgrad: `python tests/golden/ckpt/make_flowgrad_decode_image.py`)."""
import io
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "flowgrad_decode_image")
sys.path.insert(0, HERE)

import decode_image_model  # noqa: E402


def graph_bytes(tf, variant):
    with tf.Graph().as_default() as g:
        decode_image_model.build(tf, variant)
        return g.as_graph_def().SerializeToString(deterministic=True)


def _images():
    from PIL import Image
    rgb = (np.arange(4 * 5 * 3).reshape(4, 5, 3) * 17 % 256).astype(np.uint8)
    out = {}
    for name, fmt, kw in (("img.png", "PNG", {}), ("img.jpg", "JPEG", {"quality": 95,
                                                                       "subsampling": 0}),
                          ("img.bmp", "BMP", {})):
        buf = io.BytesIO()
        Image.fromarray(rgb).save(buf, fmt, **kw)
        out[name] = buf.getvalue()
    frames = [Image.fromarray(rgb).convert("P", palette=Image.ADAPTIVE, colors=8),
              Image.fromarray(255 - rgb).convert("P", palette=Image.ADAPTIVE, colors=8)]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:])
    out["img.gif"] = buf.getvalue()
    buf = io.BytesIO()
    Image.fromarray(rgb[..., 0]).save(buf, "PNG")
    out["gray.png"] = buf.getvalue()
    return out


if __name__ == "__main__":
    import flowgrad as tf
    os.makedirs(OUT, exist_ok=True)
    for v in decode_image_model.VARIANTS:
        with open(os.path.join(OUT, v + ".pb"), "wb") as f:
            f.write(graph_bytes(tf, v))
    for name, data in _images().items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
