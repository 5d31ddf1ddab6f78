"""tf.resource_loader against TF 1.14 (tests/golden/core/gen_resource_loader.py); paths
under TF's install (load_resource) are under flowgrad's package here."""
import os

import flowgrad as tf
import goldens

gen = goldens.generator("core", "resource_loader")
GOLDEN = goldens.load("core", "resource_loader")["calls"]


def test_matches_tf114():
    assert gen.calls(tf) == GOLDEN


def test_paths_follow_the_caller():
    here = os.path.dirname(os.path.abspath(__file__))
    assert os.path.abspath(tf.resource_loader.get_data_files_path()) == here
    assert tf.resource_loader.get_path_to_datafile("golden") == os.path.join(
        tf.resource_loader.get_data_files_path(), "golden")


def test_load_resource_reads_under_the_package():
    root = os.path.dirname(os.path.abspath(tf.__file__))
    with open(os.path.join(root, "version.py"), "rb") as f:
        assert tf.resource_loader.load_resource("version.py") == f.read()
    assert tf.resource_loader.load_resource(os.path.join("engine", "..", "version.py")) == \
        tf.resource_loader.load_resource("version.py")
