"""GraphDef control inputs in TF's sorted order, no `_output_shapes` on ops without outputs,
and TF's autopacking of lists holding tensors (casts first), against TF 1.14
(golden/ckpt/gen_graph_def_inputs.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load

pytest.importorskip("tensorboard")
GEN = generator("ckpt", "graph_def_inputs")
G = load("ckpt", "graph_def_inputs")


def test_control_inputs_sorted_and_no_shapes_on_no_output_ops():
    assert GEN.case_controls(tf) == G["controls"]


def test_list_with_int64_tensor_packs_as_int64():
    assert GEN.case_fill_int64(tf) == G["fill_int64"]


def test_convert_to_tensor_packs_lists_of_tensors_and_constant_refuses_them():
    assert GEN.case_convert_lists(tf) == G["convert_lists"]
