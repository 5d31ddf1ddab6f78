"""Dense optimizer updates of large variables run block by block (training_ops._by_blocks):
the same bits as the rule on whole arrays, for every dense update op."""
import numpy as np
import pytest

from flowgrad.engine.framework import threads
from flowgrad.train import training_ops as T

_SCALARS = {"lr": 0.01, "alpha": 0.01, "beta1_power": 0.9 ** 3, "beta2_power": 0.999 ** 3,
            "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-7, "rho": 0.9, "momentum": 0.9,
            "l1": 0.01, "l2": 0.02, "l2_shrinkage": 0.03, "lr_power": -0.5, "logbase": 0.7,
            "sign_decay": 0.99, "beta": 0.9, "global_step": 5}
DENSE = sorted(op for op, (names, kinds, _) in T._SPECS.items() if "indices" not in kinds)


def _args(op, dt, shape, rng):
    names, kinds, _ = T._SPECS[op]
    args = []
    for n, k in zip(names, kinds):
        if k in ("ref", "grad"):
            args.append((rng.standard_normal(shape) * (1 if k == "grad" else 0.1) +
                         (1.0 if n in ("accum", "v", "ms", "accum_update",
                                       "gradient_squared_accumulator") else 0)).astype(dt))
        elif k == "step":
            args.append(np.int64(_SCALARS[n]))
        else:
            args.append(dt(_SCALARS[n]))
    return args


@pytest.mark.parametrize("op", DENSE)
@pytest.mark.parametrize("dt", [np.float32, np.float64])
@pytest.mark.parametrize("spare", [0, 1])
def test_blocks_give_the_whole_update_bits(op, dt, spare, monkeypatch):
    monkeypatch.setattr(threads, "spare_threads", lambda: spare)
    names, kinds, _ = T._SPECS[op]
    nref, gpos = kinds.count("ref"), kinds.index("grad")
    shape = (300, 1001)   # 300,300 elements: several blocks and a short last one
    whole = _args(op, dt, shape, np.random.RandomState(7))
    blocked = [a.copy() if isinstance(a, np.ndarray) else a for a in whole]
    with np.errstate(all="ignore"):
        T._RULES[op](*whole)
        assert T._by_blocks(T._RULES[op], blocked, {}, nref, gpos)
    for k in range(nref):
        assert np.array_equal(whole[k].view(np.uint8), blocked[k].view(np.uint8)), names[k]


def test_small_or_strided_operands_are_left_to_the_whole_rule():
    rule = T._RULES["ApplyAdam"]
    small = _args("ApplyAdam", np.float32, (10, 10), np.random.RandomState(0))
    assert not T._by_blocks(rule, small, {}, 3, 9)
    big = _args("ApplyAdam", np.float32, (600, 1000), np.random.RandomState(0))
    big[9] = np.asfortranarray(big[9])
    assert not T._by_blocks(rule, big, {}, 3, 9)
