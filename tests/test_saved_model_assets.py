"""SavedModel assets (saved_model/builder.py, loader.py) against TF 1.14
(tests/golden/saved_model/gen_saved_model_assets.py): the builder copies each asset into
assets/ and records an AssetFileDef (an Any in the any_list collection saved_model_assets,
TF's type name); the loader feeds the asset's new place to the main op. TF loaded
flowgrad's SavedModel (flowgrad_assets_model/) and flowgrad loads TF's, with the same
results."""
import os
import shutil
import sys

import numpy as np
import pytest

import flowgrad as tf
from goldens import load

pytest.importorskip("tensorboard")
HERE = os.path.join(os.path.dirname(__file__), "golden", "saved_model")
sys.path.insert(0, HERE)

import assets_model  # noqa: E402
import make_flowgrad_assets_model  # noqa: E402

G = load("saved_model", "saved_model_assets")


def _same(got, want):
    assert sorted(got) == sorted(want)
    np.testing.assert_array_equal(got["y"], want["y"])
    assert got["content"] == want["content"]
    assert got["assets"] == want["assets"]
    assert got["asset_file_def"] == want["asset_file_def"]


def test_flowgrad_loads_tfs_saved_model_with_assets(tmp_path):
    d = tmp_path / "tf_export"
    for rel, raw in G["tf/files"].items():
        (d / rel).parent.mkdir(parents=True, exist_ok=True)
        (d / rel).write_bytes(raw)
    _same(assets_model.load(tf, str(d)), G["tf/load"])


def test_flowgrad_writes_what_tf_loaded(tmp_path):
    d = tmp_path / "export"
    make_flowgrad_assets_model.write(tf, str(d))
    committed = os.path.join(HERE, "flowgrad_assets_model")
    for rel in ("saved_model.pb", os.path.join("assets", "vocab.txt")):
        assert (d / rel).read_bytes() == open(os.path.join(committed, rel), "rb").read()
    assert (d / "assets" / "vocab.txt").read_bytes() == G["tf/files"]["assets/vocab.txt"]
    _same(G["flowgrad/load"], G["tf/load"])      # what TF got from flowgrad's files
    _same(assets_model.load(tf, str(d)), G["tf/load"])


def test_any_list_collection_round_trips_through_a_meta_graph(tmp_path):
    d = tmp_path / "export"
    make_flowgrad_assets_model.write(tf, str(d))
    with tf.Graph().as_default() as g:
        with tf.Session() as sess:
            tf.saved_model.loader.load(sess, ["serve"], str(d))
        tf.train.export_meta_graph(str(tmp_path / "m.meta"))
        before = [a.SerializeToString() for a in g.get_collection("saved_model_assets")]
    with tf.Graph().as_default() as g:
        tf.train.import_meta_graph(str(tmp_path / "m.meta"))
        assert [a.SerializeToString() for a in g.get_collection("saved_model_assets")] == before


def test_asset_tensor_errors_are_tfs(tmp_path):
    with tf.Graph().as_default():
        x = tf.placeholder(tf.string, [], name="p")
        c = tf.constant(["a", "b"])
        n = tf.constant(3)
        with tf.Session() as sess:
            for bad, msg in ((x, "Asset path tensor must be of type constant."),
                             (n, "Asset path tensor must be of dtype string."),
                             (c, "Asset path tensor must be a scalar."),
                             ("vocab.txt", "Asset path tensor must be a Tensor.")):
                b = tf.saved_model.builder.SavedModelBuilder(str(tmp_path / str(id(bad))))
                with pytest.raises(TypeError, match=msg):
                    b.add_meta_graph_and_variables(sess, ["serve"], assets_collection=[bad])


def test_assets_with_the_same_base_name_are_renamed(tmp_path):
    for sub, text in (("a", b"one"), ("b", b"two"), ("c", b"one")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "v.txt").write_bytes(text)
    with tf.Graph().as_default() as g:
        paths = [tf.constant(str(tmp_path / s / "v.txt")) for s in "abc"]
        with tf.Session() as sess:
            b = tf.saved_model.builder.SavedModelBuilder(str(tmp_path / "export"))
            b.add_meta_graph_and_variables(sess, ["serve"], assets_collection=paths)
            b.save()
        names = []
        for a in g.get_collection("saved_model_assets"):
            from flowgrad.engine.framework.proto import pb
            afd = pb().meta_graph_pb2.AssetFileDef()
            afd.ParseFromString(a.value)
            names.append(afd.filename)
    assert names == ["v.txt", "v.txt_1", "v.txt"]   # c has a's content: shares its name
    assert sorted(os.listdir(tmp_path / "export" / "assets")) == ["v.txt", "v.txt_1"]
    shutil.rmtree(tmp_path / "export")
