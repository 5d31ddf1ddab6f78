"""Graphs, checkpoints and logs around training, as TF 1.14 scripts use them (probe pg)."""
import sys

import flowgrad
from flowgrad.compat.tf_alias import alias_tensorflow


def test_core_proto_modules_are_the_classes_tf_uses():
    """`from tensorflow.core.framework import graph_pb2` (freeze/load scripts) gives the
    class tf.GraphDef is; config_pb2 gives flowgrad's ConfigProto."""
    with alias_tensorflow():
        import tensorflow as tf
        from tensorflow.core.framework import graph_pb2, node_def_pb2, summary_pb2
        from tensorflow.core.protobuf import config_pb2, meta_graph_pb2, saver_pb2
        from tensorflow.core.util import event_pb2
        from tensorflow.python.framework import tensor_util
        assert graph_pb2.GraphDef is tf.GraphDef is flowgrad.GraphDef
        assert node_def_pb2.NodeDef is tf.NodeDef
        assert meta_graph_pb2.MetaGraphDef is tf.MetaGraphDef
        assert summary_pb2.Summary is tf.Summary
        assert event_pb2.Event is tf.Event
        assert config_pb2.ConfigProto is tf.ConfigProto
        assert saver_pb2.SaverDef.V2 == 2
        assert tensor_util.make_ndarray is tf.make_ndarray
    assert not any(k == "tensorflow" or k.startswith("tensorflow.") for k in sys.modules)


def test_logging_counters_and_app_run_as_tf114():
    """The pg_logging_probe*.py scripts under `flowgrad run`: log_every_n / log_first_n
    count per caller's caller as TF 1.14 does; after tf.app.run every record prints twice
    (the tensorflow logger's handler, set up at import, then absl's with the caller's
    file:line); after logging.basicConfig, once."""
    import os
    import subprocess

    import goldens
    gen = goldens.generator("compat", "pg_logging")
    src = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src")
    env = dict(os.environ, PYTHONPATH=src)
    want = goldens.load("compat", "pg_logging")
    for case, probe in sorted(gen.PROBES.items()):
        p = subprocess.run([sys.executable, "-m", "flowgrad", "run", probe, "extra_arg"],
                           env=env, capture_output=True, text=True, timeout=120)
        assert p.returncode == 0, p.stderr
        assert gen.mask(p.stderr) == want[case], case


# -- graph files (golden saver/pg_graph_files) -----------------------------------------------

def _graph_files():
    import goldens
    return goldens.generator("saver", "pg_graph_files"), goldens.load("saver", "pg_graph_files")


def test_filled_constants_are_written_as_tf_writes_them():
    gen, want = _graph_files()
    assert gen.consts(flowgrad) == want["consts"]


def test_filled_constants_survive_import_and_run():
    import numpy as np
    gen, want = _graph_files()
    got = gen.const_round_trip(flowgrad)
    assert got["protos"] == want["const_round_trip"]["protos"]
    assert got["get_attr"] == want["const_round_trip"]["get_attr"]
    for a, b in zip(got["values"], want["const_round_trip"]["values"]):
        np.testing.assert_array_equal(a, b)


def test_colocation_classes_of_variables_slots_and_gradient_tuples():
    gen, want = _graph_files()
    assert gen.classes(flowgrad) == want["classes"]


def test_text_graph_files_write_floats_as_tf(tmp_path):
    gen, want = _graph_files()
    assert gen.text_floats(flowgrad, str(tmp_path)) == want["text_floats"]


def test_monitored_session_graph_pbtxt_has_shapes(tmp_path):
    gen, want = _graph_files()
    assert gen.hook_graph(flowgrad, str(tmp_path)) == want["hook_graph"]


# -- checkpoint maps in TF's order (golden saver/pg_ckpt_order) ------------------------------

def test_checkpoint_maps_iterate_in_tf_order():
    import goldens
    gen, want = goldens.generator("saver", "pg_ckpt_order"), goldens.load("saver", "pg_ckpt_order")
    assert gen.model(flowgrad) == want["model"]
    assert gen.many(flowgrad) == want["many"]
    assert gen.init_error(flowgrad) == want["init_error"]


def test_unordered_map_order_model():
    from flowgrad.train.unordered_map import cxx_string_hash, unordered_map_order
    assert cxx_string_hash(b"") == 6142509188972423790   # libstdc++'s std::hash("")
    assert unordered_map_order(["a", "b", "c"]) == ["c", "b", "a"]
    assert sorted(unordered_map_order([str(i) for i in range(500)]), key=int) == \
        [str(i) for i in range(500)]


# -- tf.print structures (golden framework/pg_print) ----------------------------------------

def test_tf_print_lays_out_structures_as_tf():
    import io

    import goldens
    gen = goldens.generator("framework", "pg_print")

    def capture(fn):
        old, sys.stderr = sys.stderr, io.StringIO()
        try:
            fn()
            return sys.stderr.getvalue()
        finally:
            sys.stderr = old
    assert gen.printed(flowgrad, capture) == goldens.load("framework", "pg_print")


# -- PNG bytes (golden image/pg_png) ---------------------------------------------------------

def test_png_bytes_are_tf_bytes():
    import goldens
    gen, want = goldens.generator("image", "pg_png"), goldens.load("image", "pg_png")
    got = gen.encoded(flowgrad)
    assert sorted(got) == sorted(want["encoded"])
    for name in got:
        assert bytes(got[name]) == want["encoded"][name], name
    assert gen.summary_images(flowgrad) == want["summary_images"]


def test_saver_makes_one_directory_level_as_tf(tmp_path):
    import goldens
    gen = goldens.generator("saver", "pg_save_dirs")
    assert gen.saves(flowgrad, str(tmp_path)) == goldens.load("saver", "pg_save_dirs")["saves"]


def test_must_run_on_cpu_answers_as_tf():
    gen, want = _graph_files()
    assert gen.cpu_pinning(flowgrad) == want["cpu_pinning"]


# -- import_graph_def / remove_training_nodes (golden saver/pg_import) -----------------------

def test_import_graph_def_as_tf():
    import goldens
    gen, want = goldens.generator("saver", "pg_import"), goldens.load("saver", "pg_import")
    assert gen.imports(flowgrad) == want["imports"]


def test_remove_training_nodes_as_tf():
    import goldens
    gen, want = goldens.generator("saver", "pg_import"), goldens.load("saver", "pg_import")
    assert gen.training_nodes(flowgrad) == want["training_nodes"]
