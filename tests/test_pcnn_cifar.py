"""CIFAR-10-tutorial-style CNN scripts against TF 1.14 (golden tutorials/pcnn_cifar)."""
import pytest

import flowgrad as tf
import goldens

GOLDEN = goldens.load("tutorials", "pcnn_cifar")


@pytest.mark.parametrize("case", sorted(GOLDEN))
def test_case(case):
    got = goldens.flowgrad_cases("tutorials", "pcnn_cifar", tf)[case]
    goldens.same_exact(got, GOLDEN[case], case)
