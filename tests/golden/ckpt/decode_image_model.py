"""tf.image.decode_image graphs (flowgrad writes its DecodeImage op as TF 1.14's cond over
Substr/DecodeJpeg/DecodePng/DecodeGif/DecodeBmp): make_flowgrad_decode_image.py writes the
GraphDefs and the images (Pillow), gen_decode_image_export.py runs them in TF 1.14,
tests/test_export_decode_image.py checks both sides. Importable under Python 3.7."""
VARIANTS = {"uint8": {}, "rgb_float": {"channels": 3, "dtype": "float32"},
            "first_frame": {"expand_animations": False}}
IMAGES = ["img.png", "img.jpg", "img.gif", "img.bmp", "gray.png"]


def build(tf, variant):
    kw = dict(VARIANTS[variant])
    if "dtype" in kw:
        kw["dtype"] = getattr(tf, kw["dtype"])
    c = tf.placeholder(tf.string, [], name="c")
    tf.identity(tf.image.decode_image(c, **kw), name="out")
