"""TF's private modules that public TF1 repositories import (tensor2tensor's `from
tensorflow.python.eager import context` and `from tensorflow.python.ops import
inplace_ops`, BERT's / official/'s estimator, file_io and tf_logging paths, sonnet v1's
template, check_ops and deprecation), under `flowgrad run`'s alias: each is a module
holding the flowgrad objects of TF 1.14's names, and the names flowgrad lacks raise an
error naming the TF symbol (tensorflow.python.util.tf_export, TF's API-export machinery,
is absent and named).

The probe programs of tests/ptfpaths_scripts (tests/golden/seeded/gen_ptfpaths_scripts.py)
print TF 1.14's output; the golden's "names" are the public names of TF's modules."""
import importlib
import os

import numpy as np
import pytest

import flowgrad
from flowgrad.compat.tf_alias import alias_tensorflow
from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "ptfpaths_scripts")
GOLD = load("seeded", "ptfpaths_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))

# names of each TF module that TF1 repositories use, which flowgrad has: module -> {name:
# the flowgrad public object it is (None: checked by behaviour below)}
PRESENT = {
    "eager.context": {"executing_eagerly": flowgrad.executing_eagerly, "in_eager_mode": None,
                      "num_gpus": None, "graph_mode": None, "GRAPH_MODE": None,
                      "EAGER_MODE": None, "default_execution_mode": None, "SYNC": None},
    "ops.inplace_ops": {n: None for n in ("alias_inplace_update", "alias_inplace_add",
                                          "alias_inplace_sub", "inplace_update",
                                          "inplace_add", "inplace_sub", "empty_like",
                                          "empty")},
    "ops.special_math_ops": {"einsum": flowgrad.einsum, "lbeta": flowgrad.lbeta,
                             "bessel_i0": flowgrad.math.bessel_i0,
                             "bessel_i1": flowgrad.math.bessel_i1},
    "ops.check_ops": {"assert_rank": flowgrad.assert_rank,
                      "assert_equal": flowgrad.assert_equal,
                      "assert_positive": flowgrad.assert_positive,
                      "assert_rank_at_least": flowgrad.assert_rank_at_least,
                      "assert_type": flowgrad.assert_type,
                      "assert_scalar": flowgrad.assert_scalar,
                      "ensure_shape": flowgrad.ensure_shape,
                      "is_numeric_tensor": flowgrad.is_numeric_tensor,
                      "assert_shapes": None},
    "ops.partitioned_variables": {
        "fixed_size_partitioner": flowgrad.fixed_size_partitioner,
        "min_max_variable_partitioner": flowgrad.min_max_variable_partitioner,
        "variable_axis_size_partitioner": flowgrad.variable_axis_size_partitioner,
        "create_partitioned_variables": flowgrad.create_partitioned_variables},
    "ops.template": {"make_template": flowgrad.make_template, "Template": None},
    "estimator.model_fn": {"EstimatorSpec": flowgrad.estimator.EstimatorSpec,
                           "ModeKeys": flowgrad.estimator.ModeKeys,
                           "LOSS_METRIC_KEY": None, "AVERAGE_LOSS_METRIC_KEY": None},
    "estimator.estimator": {"Estimator": flowgrad.estimator.Estimator,
                            "ModeKeys": flowgrad.estimator.ModeKeys,
                            "WarmStartSettings": flowgrad.estimator.WarmStartSettings,
                            "VocabInfo": flowgrad.estimator.VocabInfo},
    "training.slot_creator": {n: None for n in ("create_slot", "create_zeros_slot",
                                                "create_slot_with_initializer")},
    "lib.io.file_io": {"file_exists": flowgrad.gfile.Exists,
                       "file_exists_v2": flowgrad.io.gfile.exists,
                       "recursive_create_dir": flowgrad.gfile.MakeDirs,
                       "get_matching_files": flowgrad.gfile.Glob,
                       "list_directory": flowgrad.gfile.ListDirectory,
                       "delete_recursively": flowgrad.gfile.DeleteRecursively,
                       "read_file_to_string": None, "write_string_to_file": None,
                       "atomic_write_string_to_file": None},
    "util.deprecation": {n: None for n in ("deprecated", "deprecated_args",
                                           "deprecated_arg_values")},
    "util.nest": {"flatten": flowgrad.nest.flatten,
                  "map_structure": flowgrad.nest.map_structure,
                  "pack_sequence_as": flowgrad.nest.pack_sequence_as},
    "framework.function": {"Defun": None},
    "client.device_lib": {"list_local_devices": None},
    "platform.gfile": {"GFile": flowgrad.gfile.GFile, "Exists": flowgrad.gfile.Exists},
    "platform.tf_logging": {"set_verbosity": flowgrad.logging.set_verbosity,
                            "info": flowgrad.logging.info, "WARN": flowgrad.logging.WARN},
}


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded_and_every_script_has_a_golden():
    assert GOLD["host"] == "amd"
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]


@pytest.mark.parametrize("module", sorted(PRESENT))
def test_private_module_holds_tf_names_or_names_the_missing_ones(module):
    tf_names = GOLD["names"][module]
    with alias_tensorflow():
        mod = importlib.import_module("tensorflow.python." + module)
        for name, want in PRESENT[module].items():
            assert name in tf_names, name   # TF 1.14's module has it
            value = getattr(mod, name)
            if want is not None:
                assert value is want, name
        for name in tf_names:
            try:
                getattr(mod, name)
            except AttributeError as e:
                assert f"flowgrad does not implement tensorflow.python.{module}.{name}" \
                    in str(e)
        missing = next((n for n in tf_names if not hasattr(mod, n)), None)
        if missing is not None:   # `from ... import` of it names it too
            with pytest.raises(ImportError, match=f"tensorflow.python.{module}.{missing}"):
                exec(f"from tensorflow.python.{module} import {missing}", {})


def test_tf_export_is_absent_and_named():
    assert "tf_export" in GOLD["names"]["util.tf_export"]
    with alias_tensorflow():
        with pytest.raises(ModuleNotFoundError, match="flowgrad does not implement "
                           "tensorflow.python.util.tf_export"):
            exec("from tensorflow.python.util.tf_export import tf_export", {})


def test_eager_context_in_graph_mode():
    # TF 1.14 (the oracle): False, False, GRAPH_MODE, 0 GPUs on the CPU host
    with alias_tensorflow():
        from tensorflow.python.eager import context
        assert (context.executing_eagerly(), context.in_eager_mode(), context.num_gpus()) \
            == (False, False, 0)
        assert context.default_execution_mode == context.GRAPH_MODE == 0
        assert context.EAGER_MODE == 1
        with context.graph_mode():
            assert not context.executing_eagerly()
        with pytest.raises(NotImplementedError, match="eager_mode"):
            context.eager_mode()
        # TF 1.14's context has no in_graph_mode (an AttributeError there too)
        assert "in_graph_mode" not in GOLD["names"]["eager.context"]
        with pytest.raises(AttributeError, match="tensorflow.python.eager.context.in_graph_mode"):
            context.in_graph_mode()


def test_inplace_ops_ops_and_values():
    # TF 1.14 (the oracle): the op types and names of each form, and the rows written
    with alias_tensorflow():
        from tensorflow.python.ops import inplace_ops as ip
        g = flowgrad.Graph()
        with g.as_default():
            x = flowgrad.constant(np.arange(12, dtype=np.float32).reshape(4, 3))
            v = flowgrad.constant([[10., 20., 30.], [1., 2., 3.]])
            r = [ip.inplace_update(x, [1, 3], v), ip.inplace_add(x, 2, [1., 1., 1.]),
                 ip.inplace_sub(x, None, flowgrad.ones([4, 3])), ip.empty_like(x, init=True),
                 ip.empty([2], flowgrad.int32, init=True)]
            ops = [op.type + ":" + op.name for op in g.get_operations()]
            with flowgrad.Session() as s:
                got = s.run(r)
    assert ops == [
        "Const:Const", "Const:Const_1", "DeepCopy:DeepCopy", "Const:Cast/x",
        "InplaceUpdate:InplaceUpdate", "DeepCopy:DeepCopy_1", "Const:Const_2",
        "Const:Cast_1/x", "Const:Reshape/shape", "Reshape:Reshape", "Const:ExpandDims/dim",
        "ExpandDims:ExpandDims", "InplaceAdd:InplaceAdd", "Const:ones", "DeepCopy:DeepCopy_2",
        "Const:Reshape_1/shape", "Reshape:Reshape_1", "Const:Reshape_2/shape",
        "Reshape:Reshape_2", "Const:InplaceSub/i", "InplaceSub:InplaceSub", "Const:Shape",
        "Reshape:Reshape_3", "Const:Shape_1", "Empty:Empty", "Const:Empty_1/shape",
        "Empty:Empty_1"]
    base = np.arange(12, dtype=np.float32).reshape(4, 3)
    want = [base.copy(), base.copy(), base - 1, np.zeros((4, 3), np.float32),
            np.zeros(2, np.int32)]
    want[0][[1, 3]] = [[10, 20, 30], [1, 2, 3]]
    want[1][2] += 1
    for a, b in zip(got, want):
        np.testing.assert_array_equal(a, b)


def test_file_io_reads_and_writes(tmp_path):
    # TF 1.14 (the oracle): str / bytes reads, atomic writes that refuse to overwrite and
    # leave no temporary file behind
    with alias_tensorflow():
        from tensorflow.python.lib.io import file_io
        f = str(tmp_path / "a.txt")
        file_io.write_string_to_file(f, "x\ny")
        assert file_io.read_file_to_string(f) == "x\ny"
        assert file_io.read_file_to_string(f, binary_mode=True) == b"x\ny"
        file_io.atomic_write_string_to_file(f, b"z")
        assert file_io.read_file_to_string(f) == "z"
        with pytest.raises(flowgrad.errors.AlreadyExistsError):
            file_io.atomic_write_string_to_file(f, "w", overwrite=False)
        assert file_io.list_directory(str(tmp_path)) == ["a.txt"]
