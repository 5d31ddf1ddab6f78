"""tf.contrib.factorization.KMeans against TF 1.14 (tests/golden/factorization/gen_kmeans.py:
the tutorial's init_op / train_op loop on fixed data).

Exact: variables (names, dtypes, shapes), output names, cluster indices, the RANDOM_INIT and
k-means++ initial centers (TF's Philox streams and SimplePhilox sampling). Within float32
rounding (rtol 1e-5, atol 1e-6): scores, all_scores and trained centers, where TF's Eigen
GEMM sums the dot products in another order."""
import functools
import os
import warnings

import numpy as np
import pytest

import flowgrad as tf
import goldens
from flowgrad.cli import run_script
from flowgrad.engine.framework import errors
from flowgrad.engine.runtime.races import RaceWarning
from flowgrad.ops import clustering_ops

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = goldens.generator("factorization", "kmeans")
GOLD = goldens.load("factorization", "kmeans")


def _close(got, want, path, exact=False):
    if isinstance(want, dict):
        assert sorted(got) == sorted(want), path
        for k in want:
            _close(got[k], want[k], f"{path}/{k}", exact)
    elif isinstance(want, (list, tuple)):
        assert len(got) == len(want), path
        for i, (g, w) in enumerate(zip(got, want)):
            _close(g, w, f"{path}[{i}]", exact)
    else:
        g, w = np.asarray(got), np.asarray(want)
        assert g.dtype == w.dtype and g.shape == w.shape, path
        if w.dtype.kind == "f" and not exact:
            np.testing.assert_allclose(g, w, rtol=1e-5, atol=1e-6, err_msg=path)
        else:
            np.testing.assert_array_equal(g, w, err_msg=path)


@functools.lru_cache(maxsize=None)
def _ours():
    with warnings.catch_warnings():
        # mini-batch's counts Gather and ScatterAdd are unordered (in TF too): flowgrad warns
        warnings.simplefilter("ignore", RaceWarning)
        return GEN.cases(tf)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_kmeans_matches_tf(name):
    """Bit for bit with squared Euclidean distances (NearestNeighbors sums as TF's Eigen
    GEMM); cosine within float32 rounding (l2_normalize's Rsqrt packets use an RSQRTPS
    table that need not be this host's)."""
    _close(_ours()[name], GOLD[name], name, exact="cosine" not in name)


@pytest.mark.parametrize("name", [n for n in sorted(GOLD)
                                  if "init_centers" in GOLD[n] and "cosine" not in n])
def test_initial_centers_are_tfs_bit_for_bit(name):
    # (cosine's centers pass through l2_normalize, whose float32 sum TF orders otherwise)
    np.testing.assert_array_equal(_ours()[name]["init_centers"], GOLD[name]["init_centers"])


def test_cluster_indices_are_tfs():
    for name, case in GOLD.items():
        for (_, idx), (_, want) in zip(_ours()[name].get("history", []),
                                       case.get("history", [])):
            np.testing.assert_array_equal(idx, want, err_msg=name)


def test_constants_and_bad_arguments():
    fact = tf.contrib.factorization
    assert (fact.RANDOM_INIT, fact.KMEANS_PLUS_PLUS_INIT, fact.SQUARED_EUCLIDEAN_DISTANCE,
            fact.COSINE_DISTANCE) == ("random", "kmeans_plus_plus", "squared_euclidean",
                                      "cosine")
    x = tf.zeros([3, 2])
    with pytest.raises(ValueError, match="Unsupported initialization algorithm 'bad'"):
        fact.KMeans(x, 2, initial_clusters="bad")
    with pytest.raises(ValueError, match="Unsupported distance metric 'l1'"):
        fact.KMeans(x, 2, distance_metric="l1")


def test_kernels_check_their_inputs():
    with pytest.raises(errors.InvalidArgumentError, match="Input points should be a matrix."):
        clustering_ops._nearest_neighbors_kernel(np.zeros(3, np.float32),
                                                 np.zeros((2, 3), np.float32), 1)
    with pytest.raises(errors.InvalidArgumentError, match=r"Expected num_to_sample <= "
                       r"points.rows\(\). 5 vs 3."):
        clustering_ops._kmeans_plus_plus_kernel(np.zeros((3, 2), np.float32), 5, 0, 0)
    with pytest.raises(TypeError, match="Input 'points' of 'NearestNeighbors' Op has type "
                       "float64 that does not match expected type of float32."):
        clustering_ops.nearest_neighbors(tf.constant([[1.0]], tf.float64), [[1.0]], 1)


KGEN = goldens.generator("factorization", "kernels")
KGOLD = goldens.load("factorization", "kernels")


@pytest.mark.parametrize("name", sorted(KGOLD))
def test_kernel_matches_tf(name):
    """Indices, samples, errors and NearestNeighbors' distances exactly (its dot products
    summed as TF's Eigen GEMM sums them, its squared norms as Eigen's reductions)."""
    op, args = KGEN.inputs()[name]
    got, want = KGEN.run(tf, clustering_ops, op, args), KGOLD[name]
    if isinstance(want[0], str):
        assert got == want
        return
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g.dtype == w.dtype and g.shape == w.shape
        np.testing.assert_array_equal(g, w)


def _run_script(capsys, *args):
    code = run_script(os.path.join(ROOT, "examples", "tf1_scripts", "kmeans_clusters.py"),
                      list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_tutorial_script_prints_what_tf114_prints(capsys):
    assert _run_script(capsys) == goldens.load("factorization", "script")["kmeans_clusters"]


def test_tutorial_script_mini_batch_trains(capsys):
    # (TF 1.14's own mini-batch numbers vary from run to run: no golden)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RaceWarning)
        out = _run_script(capsys, "--mini_batch").splitlines()
    steps = [float(line.rsplit(" ", 1)[1]) for line in out if line.startswith("Step")]
    assert len(steps) == 4 and steps[-1] < steps[0] - 0.05
    assert float(out[-1].split()[-1]) > 0.5


EGEN = goldens.generator("factorization", "estimator")


@functools.lru_cache(maxsize=None)
def _estimator_cases():
    return EGEN.cases(tf)


@pytest.mark.parametrize("name", sorted(goldens.load("factorization", "estimator")))
def test_kmeans_clustering_estimator_matches_tf(name):
    want = goldens.load("factorization", "estimator")[name]
    got = _estimator_cases()[name]
    np.testing.assert_array_equal(got["index"], want["index"])
    assert got["names"] == want["names"] and got["global_step"] == want["global_step"]
    for key in ("scores", "centers", "transform"):
        # squared Euclidean bit for bit; cosine within float32 rounding (l2_normalize's
        # Rsqrt: see test_kmeans_matches_tf)
        atol = 5e-5 if key == "transform" and name.startswith("core") else 1e-5
        if "cosine" in name:
            np.testing.assert_allclose(got[key], want[key], rtol=1e-5, atol=atol, err_msg=key)
        else:
            np.testing.assert_array_equal(got[key], want[key], err_msg=key)


GGEN = goldens.generator("factorization", "gmm")


@functools.lru_cache(maxsize=None)
def _gmm_cases():
    with warnings.catch_warnings():
        # gmm's init conds read `initialized` while its Assigns set it (unordered in TF too)
        warnings.simplefilter("ignore", RaceWarning)
        return GGEN.cases(tf)


@pytest.mark.parametrize("name", sorted(goldens.load("factorization", "gmm")))
def test_gmm_matches_tf(name):
    """Op counter, variables and assignments exactly; EM's values within float32 rounding
    (rtol 5e-5: covariances go through Cholesky solves and log-sum-exps)."""
    want, got = goldens.load("factorization", "gmm")[name], _gmm_cases()[name]
    assert sorted(got) == sorted(want)
    for key in want:
        w, g = want[key], got[key]
        if key in ("last_id", "variables", "assignments") or key.startswith("initialized"):
            np.testing.assert_array_equal(np.asarray(g), np.asarray(w), err_msg=key)
        elif isinstance(w, list):
            assert len(g) == len(w)
            for gi, wi in zip(g, w):
                np.testing.assert_allclose(gi, wi, rtol=5e-5, atol=1e-5, err_msg=key)
        else:
            np.testing.assert_allclose(g, w, rtol=5e-5, atol=1e-5, err_msg=key)
