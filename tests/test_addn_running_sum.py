"""Two AddN orders of TF 1.14 (tests/golden/math/gen_addn_running_sum.py, made on the host
it records: flowgrad runs it with FLOWGRAD_CPU set to that vendor):

- a hand-written running sum `g = g + o; h = h + o` over layers, g fetched alone: the
  AddN AddOpsRewrite makes takes over its first input's buffer, whose other reader (the
  `h + o`) ran before it (optimize/add_ops_rewrite.py: done_before), so it sums in the
  written order;
- PixelCNN++'s log_sum_exp gradient: the AddN sorts an input whose no-op Sum / Reshape
  an earlier pass removed by the name of what it reads in their place (optimize/
  addn_order.py: _through_no_ops)."""
from __future__ import annotations

import pytest

import goldens

GOLDEN = goldens.load("math", "addn_running_sum")
CASES = sorted(k for k in GOLDEN if k != "vendor")


@pytest.fixture(scope="module")
def got():
    return goldens.flowgrad_cases_on("math", "addn_running_sum", GOLDEN["vendor"])


def test_golden_host_is_recorded():
    assert GOLDEN["vendor"] in ("amd", "intel")


@pytest.mark.parametrize("name", CASES)
def test_case_matches_tf_bit_for_bit(got, name):
    goldens.same_exact(got[name], GOLDEN[name], name)

