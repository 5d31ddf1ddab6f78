"""String attrs given as bytes (b"SAME", data_format=b"NHWC", mode=b"SCALED", ...): TF 1.14's
generated op wrappers take them (op_def_library's compat.as_bytes), so the ops, their
GraphDef and values are those of the str call, a bad value's message shows it as text, and
the nn_ops wrappers that test data_format.startswith("NC") raise TypeError
(tests/golden/nn/gen_bytes_attrs.py; made on an Intel Xeon, run here with FLOWGRAD_CPU=intel)."""
import pytest

import goldens

GOLD = goldens.load("nn", "bytes_attrs")


@pytest.fixture(scope="module")
def got():
    return goldens.flowgrad_cases_on("nn", "bytes_attrs", GOLD["vendor"])


@pytest.mark.parametrize("name", sorted(k for k in GOLD if k != "vendor"))
def test_bytes_attr_is_tf(got, name):
    goldens.same_exact(got[name], GOLD[name], name)
