"""tf.contrib.training against TF 1.14 (tests/golden/contrib_training: gen_training.py's
case functions run under the oracle and here with flowgrad): HParams and parse_values
(values, strings, TF's errors), create_train_op and the gradient transforms (every op name,
losses, weights), train / evaluate_once / the checkpoint waiters."""
import re

import numpy as np
import pytest

import flowgrad as tf
import goldens

gen = goldens.generator("contrib_training", "training")
GOLDENS = goldens.load("contrib_training", "training")


def _same(got, exp, path=""):
    if isinstance(exp, dict):
        assert sorted(got) == sorted(exp), path
        for k in exp:
            _same(got[k], exp[k], f"{path}/{k}")
    elif isinstance(exp, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(exp), (path, got, exp)
        for i, (g, e) in enumerate(zip(got, exp)):
            _same(g, e, f"{path}[{i}]")
    elif isinstance(exp, (str, bool)) or exp is None:
        assert got == exp, (path, got, exp)
    else:
        np.testing.assert_allclose(np.asarray(got), np.asarray(exp), rtol=1e-6, err_msg=path)


@pytest.fixture(scope="module")
def hparams():
    return gen.hparams(tf)


@pytest.mark.parametrize("key", sorted(GOLDENS["hparams"]))
def test_hparams_match_tf(hparams, key):
    _same(hparams[key], GOLDENS["hparams"][key], key)


@pytest.fixture(scope="module")
def train_ops():
    return gen.create_train_op(tf)


@pytest.mark.parametrize("key", sorted(GOLDENS["create_train_op"]))
def test_create_train_op_matches_tf(train_ops, key):
    _same(train_ops[key], GOLDENS["create_train_op"][key], key)


def test_train_and_evaluate_match_tf():
    _same(gen.evaluate(tf), GOLDENS["evaluate"])


def test_hparam_def_is_absent():
    with pytest.raises(NotImplementedError, match="HParamDef"):
        tf.contrib.training.HParams(lr=0.1).to_proto()


SAMPLING = goldens.load("contrib_training", "sampling")
sampling = goldens.generator("contrib_training", "sampling")
# TF 1.14 builds while_loop and cond from Enter/Merge/Switch/...; flowgrad from one functional
# While or Cond op (the ops inside and around keep TF's names)
_CF_TYPES = {"Enter", "Exit", "Merge", "Switch", "RefSwitch", "LoopCond", "NextIteration",
             "Cond", "While", "LoopVar"}


def _no_control_flow(ops):
    out = []
    for o in ops:
        name, typ = o.rsplit(":", 1)
        if typ in _CF_TYPES or re.search(r"/(switch_t|switch_f|pred_id)$", name):
            continue
        if re.search(r"/(AssertGuard|cond(_\d+)?)/control_dependency(_\d+)?$", name):
            continue   # TF's Identity of a branch's output inside a v1 cond
        if "/while/" in name + "/" and re.search(r"/(Identity|Exit)(_\d+)?$", name):
            continue
        out.append(name.split("/Switch")[0] + ":" + typ)
    return out


def _ops_keys(d):
    return [k for k in d if k.endswith("ops")]


@pytest.mark.parametrize("case", sorted(SAMPLING))
def test_resampling_matches_tf(case):
    got, exp = getattr(sampling, case)(tf), dict(SAMPLING[case])
    for k in _ops_keys(exp):
        assert _no_control_flow(got.pop(k)) == _no_control_flow(exp.pop(k)), k
    _same(got, exp, case)


def test_feeding_queue_runner_feeds_each_enqueue_op():
    tf.reset_default_graph()
    q = tf.FIFOQueue(10, [tf.int32], shapes=[[]])
    p1 = tf.placeholder(tf.int32, [])
    p2 = tf.placeholder(tf.int32, [])
    counters = [iter(range(0, 100, 2)), iter(range(1, 100, 2))]
    runner = tf.contrib.training.FeedingQueueRunner(
        q, [q.enqueue([p1]), q.enqueue([p2])],
        feed_fns=[lambda: {p1: next(counters[0])}, lambda: {p2: next(counters[1])}])
    tf.train.add_queue_runner(runner)
    x = q.dequeue()
    with tf.train.MonitoredSession() as sess:
        got = sorted(sess.run(x) for _ in range(6))
    evens = [v for v in got if v % 2 == 0]
    odds = [v for v in got if v % 2 == 1]
    # each enqueue op got its own feed function's values, in order
    assert evens == list(range(0, 2 * len(evens), 2))
    assert odds == list(range(1, 2 * len(odds) + 1, 2))
    with pytest.raises(ValueError, match="same length as enqueue_ops"):
        tf.contrib.training.FeedingQueueRunner(q, [q.enqueue([p1])], feed_fns=[None, None])
    with pytest.raises(NotImplementedError, match="FeedingQueueRunner does not support"):
        runner.to_proto()


def test_random_strategy_places_as_tf():
    _same(gen.random_strategy(tf), GOLDENS["random_strategy"])
