"""TF 1.14's random numbers, bit for bit: tests/golden/random/gen_*.py run with flowgrad
must reproduce the oracle's goldens exactly (values, seeds, op counts, runs, sessions)."""
import importlib.util
import pathlib

import numpy as np
import pytest

import flowgrad as tf

GOLDEN = pathlib.Path(__file__).parent / "golden"
_spec = importlib.util.spec_from_file_location("goldenio", GOLDEN / "goldenio.py")
goldenio = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(goldenio)


def _generator(stem):
    spec = importlib.util.spec_from_file_location(f"gen_{stem}",
                                                  GOLDEN / "random" / f"gen_{stem}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _same(ours, theirs, where):
    """Exact equality: arrays by dtype, shape and bytes; containers item by item."""
    if isinstance(theirs, np.ndarray):
        ours = np.asarray(ours)
        assert ours.dtype == theirs.dtype and ours.shape == theirs.shape, \
            f"{where}: {ours.dtype}{ours.shape} != {theirs.dtype}{theirs.shape}"
        if ours.tobytes() != theirs.tobytes():
            bits = f"u{ours.dtype.itemsize}" if ours.dtype.itemsize in (1, 2, 4, 8) else None
            bad = np.nonzero(ours.reshape(-1).view(bits) != theirs.reshape(-1).view(bits))[0] \
                if bits else []
            raise AssertionError(f"{where}: values differ (first at {bad[:3]}):\n"
                                 f"ours   {ours.reshape(-1)[:8]}\ntheirs {theirs.reshape(-1)[:8]}")
        return
    if isinstance(theirs, (list, tuple)):
        assert isinstance(ours, (list, tuple)) and len(ours) == len(theirs), \
            f"{where}: {ours!r} != {theirs!r}"
        for i, (a, b) in enumerate(zip(ours, theirs)):
            _same(a, b, f"{where}[{i}]")
        return
    if isinstance(theirs, dict):
        assert sorted(ours) == sorted(theirs), f"{where}: keys {sorted(ours)} != {sorted(theirs)}"
        for k in theirs:
            _same(ours[k], theirs[k], f"{where}.{k}")
        return
    assert ours == theirs, f"{where}: {ours!r} != {theirs!r}"


def _normalize(value):
    """Our cases as goldenio would read them back (tuples, lists, arrays)."""
    return goldenio.decode(goldenio.encode(value))


STEMS = sorted(p.stem[4:] for p in (GOLDEN / "random").glob("gen_*.py"))


@pytest.fixture(scope="module", params=STEMS)
def golden_and_ours(request):
    _, theirs = goldenio.read(GOLDEN / "random" / f"{request.param}.json")
    ours = _generator(request.param).cases(tf)
    return theirs, ours


def test_every_case_matches_tf_bit_for_bit(golden_and_ours):
    theirs, ours = golden_and_ours
    assert sorted(ours) == sorted(theirs)
    failures = []
    for name in sorted(theirs):
        try:
            _same(_normalize(ours[name]), theirs[name], name)
        except AssertionError as e:
            failures.append(str(e))
    assert not failures, f"{len(failures)} of {len(theirs)} cases differ:\n" + \
        "\n".join(failures[:20])
