"""tf.estimator.inputs.pandas_input_fn against TF 1.14: the golden generator's cases
(tests/golden/estimator/gen_pandas.py: batches in column order, targets, epochs, queue
capacity, shuffling, the ops built, errors) run on flowgrad and must give TF's answers;
pandas is optional (the `pandas` extra; the `test` extra has it)."""
import sys

import pytest

import flowgrad as tf

import goldens

GOLD = goldens.load("estimator", "pandas")


@pytest.fixture(scope="module")
def ours():
    pytest.importorskip("pandas")
    try:
        return goldens.generator("estimator", "pandas").cases(tf)
    finally:
        tf.reset_default_graph()


@pytest.mark.parametrize("case", sorted(GOLD))
def test_matches_tf(ours, case):
    if isinstance(GOLD[case], goldens.GoldenError):  # class and message, as recorded
        assert ours[case] == GOLD[case]
    else:
        goldens.same_exact(ours[case], GOLD[case], case)


def test_pandas_missing_names_the_extra(monkeypatch):
    """Without pandas: an ImportError naming the extra (TF 1.14 raises TypeError
    'pandas_input_fn should not be called without pandas installed')."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'flowgrad\[pandas\]'"):
        tf.estimator.inputs.pandas_input_fn(None, shuffle=False)
