"""tf.image.decode_image exported: flowgrad's one DecodeImage op is written as TF 1.14's
cond over the magic bytes (Substr, Equal, Switch/Merge, DecodeJpeg/DecodePng/DecodeGif/
DecodeBmp, Assert; engine/framework/graph_def_lower.py). TF 1.14 ran flowgrad's GraphDefs
(tests/golden/ckpt/gen_decode_image_export.py) to exactly its own decode_image's values;
flowgrad writes the same bytes, and decodes to TF's values both with its own op and by
running the written GraphDef (engine/ops/image_codecs_v1.py)."""
import os
import sys

import numpy as np
import pytest

import flowgrad as tf
from goldens import load

pytest.importorskip("PIL")
pytest.importorskip("tensorboard")
HERE = os.path.join(os.path.dirname(__file__), "golden", "ckpt")
sys.path.insert(0, HERE)

import decode_image_model  # noqa: E402
import make_flowgrad_decode_image  # noqa: E402

G = load("ckpt", "decode_image_export")
DIR = os.path.join(HERE, "flowgrad_decode_image")
VARIANTS = sorted(decode_image_model.VARIANTS)
IMAGES = decode_image_model.IMAGES + ["junk"]


def _data(name):
    if name == "junk":
        return b"not an image at all"
    with open(os.path.join(DIR, name), "rb") as f:
        return f.read()


def _run(build, data):
    with tf.Graph().as_default():
        build()
        with tf.Session() as s:
            try:
                return s.run("out:0", {"c:0": data})
            except tf.errors.OpError as e:
                return "error: %s" % type(e).__name__


def _same(got, want):
    if isinstance(want, str) or isinstance(got, str):
        assert got == want
    else:
        assert got.dtype == want.dtype and got.shape == want.shape
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("variant", VARIANTS)
def test_flowgrad_writes_the_graph_tf_ran(variant):
    with open(os.path.join(DIR, variant + ".pb"), "rb") as f:
        assert make_flowgrad_decode_image.graph_bytes(tf, variant) == f.read()
    types = set(G[variant + "/op_types"])
    assert {"Substr", "Switch", "Merge", "DecodeJpeg", "DecodePng", "DecodeGif",
            "DecodeBmp"} <= types and "DecodeImage" not in types


@pytest.mark.parametrize("image", IMAGES)
@pytest.mark.parametrize("variant", VARIANTS)
def test_tf_ran_flowgrads_graph_to_its_own_values(variant, image):
    _same(G[f"{variant}/{image}/flowgrad_graph"], G[f"{variant}/{image}/tf"])


@pytest.mark.parametrize("image", IMAGES)
@pytest.mark.parametrize("variant", VARIANTS)
def test_flowgrad_decodes_to_tfs_values(variant, image):
    _same(_run(lambda: decode_image_model.build(tf, variant), _data(image)),
          G[f"{variant}/{image}/tf"])


@pytest.mark.parametrize("image", IMAGES)
@pytest.mark.parametrize("variant", VARIANTS)
def test_flowgrad_runs_the_written_graph_to_tfs_values(variant, image):
    from flowgrad.engine.framework import proto
    gd = proto.pb().graph_pb2.GraphDef()
    with open(os.path.join(DIR, variant + ".pb"), "rb") as f:
        gd.ParseFromString(f.read())
    _same(_run(lambda: tf.import_graph_def(gd, name=""), _data(image)),
          G[f"{variant}/{image}/tf"])
