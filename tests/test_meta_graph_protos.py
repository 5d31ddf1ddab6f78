"""tf.train.export_meta_graph and Saver.export_meta_graph return TF's MetaGraphDef proto as
TF 1.14 builds it (tests/golden/ckpt/gen_meta_graph_protos.py), and import_meta_graph takes
it back."""
import pytest

import flowgrad as tf
import goldens

gen = goldens.generator("ckpt", "meta_graph_protos")
GOLDEN = goldens.load("ckpt", "meta_graph_protos")


def _cases():
    if not hasattr(_cases, "got"):
        _cases.got = gen.cases(tf)
    return _cases.got


def test_case_keys():
    assert sorted(_cases()) == sorted(GOLDEN)


def test_scalars_match_tf114():
    got = _cases()
    for key in ("type", "has_saver_def", "text_file_is_returned", "binary_file_is_returned",
                "bad_meta_info_def", "bad_graph_def", "queue_runner_text", "queue_runner_bytes",
                "queue_runners"):
        assert got[key] == GOLDEN[key], key


def _check(key):
    got, want = _cases()[key], GOLDEN[key]
    assert sorted(got) == sorted(want), key
    for part in want:
        if part != "graphDef":
            assert got[part] == want[part], (key, part)
    assert sorted(got["graphDef"]) == sorted(want["graphDef"]), key
    assert got["graphDef"]["versions"] == want["graphDef"]["versions"], key
    gnodes = [n["name"] for n in got["graphDef"]["node"]]
    assert gnodes == [n["name"] for n in want["graphDef"]["node"]], key
    for g, w in zip(got["graphDef"]["node"], want["graphDef"]["node"]):
        assert g == w, (key, w["name"])   # RestoreV2 too: no _shapes, unknown shapes


def test_plain_matches_tf114():
    _check("plain")


def test_export_scope_and_clear_devices_match_tf114():
    _check("scoped")


def test_strip_default_attrs_matches_tf114():
    _check("stripped")


def test_collection_list_and_meta_info_def_match_tf114():
    _check("collection_list")
    _check("meta_info_def")


def test_unbound_inputs_match_tf114():
    _check("unbound")
    got = _cases()
    for key in ("graph_collection", "import_error", "after_error", "imported", "collections",
                "value"):
        assert got[key] == GOLDEN[key], key


def test_given_graph_def_matches_tf114():
    _check("graph_def")
    _check("graph_def_scoped")


def test_saver_export_meta_graph_matches_tf114():
    _check("saver")
    _check("saver_scoped")


def test_returned_proto_imports():
    g = tf.Graph()
    with g.as_default():
        gen._build(tf)
        mg = tf.train.export_meta_graph()
    with tf.Graph().as_default():
        saver = tf.train.import_meta_graph(mg)
        assert saver is not None and tf.get_collection("ints") == [3]
        assert tf.get_collection("outputs")[0].name == "net/out:0"
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            assert sess.run("outside:0").tolist() == [3.0, 5.0]


def test_unsupported_arguments_are_named():
    with tf.Graph().as_default():
        tf.constant(1.0)
        for kw in ({"clear_extraneous_savers": True}, {"save_debug_info": True},
                   {"exclude_nodes": ["a"]}):
            with pytest.raises(NotImplementedError, match=list(kw)[0]):
                tf.train.export_meta_graph(**kw)
        with pytest.raises(TypeError, match="unexpected keyword argument 'nope'"):
            tf.train.export_meta_graph(nope=1)
        with pytest.raises(TypeError, match="saver_def must be of type SaverDef"):
            tf.train.export_meta_graph(saver_def="x")
