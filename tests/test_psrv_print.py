"""str() of graph, signature, saver and summary protos as TF 1.14 prints them (golden
saved_model/psrv_print): map entries sorted by key, floats as the double they hold."""
import pytest

import flowgrad
import goldens

GEN = goldens.generator("saved_model", "psrv_print")
WANT = goldens.load("saved_model", "psrv_print")


@pytest.mark.parametrize("case", ["nodes", "signatures", "meta_graph", "summary"])
def test_protos_print_as_tf(case):
    got = getattr(GEN, case)(flowgrad)
    want = WANT[case]
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g == w
