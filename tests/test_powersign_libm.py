"""ApplyPowerSign's exp is libm's expf on every element, as TF 1.14's coefficient-wise
functor computes it (tests/golden/contrib_opt/gen_powersign_libm.py), never Eigen's pexp."""
import pytest

import flowgrad as tf
import goldens

GOLD = goldens.load("contrib_opt", "powersign_libm")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded():
    assert GOLD["host"] == "intel"


@pytest.mark.parametrize("case", ["ref", "resource"])
def test_power_sign_exp_is_libm_expf(case):
    got = goldens.flowgrad_cases("contrib_opt", "powersign_libm", tf)[case]
    goldens.same_exact(got, GOLD[case], case)
