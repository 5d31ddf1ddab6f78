"""The Lambda layer's config against TF 1.14 (function bytecode as func_dump gives it,
output_shape / mask entries, arguments) and its rebuilding by from_config and
model_from_json."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("keras", "lambda_config")
GEN = generator("keras", "lambda_config")
RESULT = {}


def _same(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        np.testing.assert_array_equal(a, b)
    elif isinstance(a, dict):
        assert sorted(a) == sorted(b)
        for k in a:
            _same(a[k], b[k])
    elif isinstance(a, (list, tuple)):
        assert type(a) is type(b) and len(a) == len(b), (a, b)
        for x, y in zip(a, b):
            _same(x, y)
    else:
        assert a == b


@pytest.mark.parametrize("case", sorted(GOLD))
def test_lambda_config(case):
    if not RESULT:
        RESULT.update(GEN.cases(tf))
    _same(RESULT[case], GOLD[case])
