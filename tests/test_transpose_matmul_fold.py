"""Grappler's FoldTransposeIntoMatMul to TF 1.14's bits (tests/golden/math/
gen_transpose_matmul_fold.py; engine/optimize/transpose_matmul.py): a MatMul of a
Transpose runs with the transpose flag flipped from a session's first run, whose sums round
otherwise, as from the second run on; a fetched MatMul keeps its Transpose, its readers
get the folded copy. The golden comes from an Intel Xeon; these
products are too small for Eigen's cache blocking, so both hosts give the same bits."""
import flowgrad as tf
import goldens

GEN = goldens.generator("math", "transpose_matmul_fold")
WANT = goldens.load("math", "transpose_matmul_fold")


def test_first_and_second_runs_match_tf():
    assert WANT["vendor"] == "intel" and len(WANT["runs"]) == 60
    got = GEN.run(tf)
    for i, (gs, es) in enumerate(zip(got, WANT["runs"])):
        for k, (g, e) in enumerate(zip(gs, es)):
            assert g.dtype == e.dtype and g.tobytes() == e.tobytes(), (i, k, g, e)
