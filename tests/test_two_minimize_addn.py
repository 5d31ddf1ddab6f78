"""Two minimize() calls on one loss (a wide & deep model's two optimizers) against TF 1.14
(tests/golden/math/gen_two_minimize_addn.py, made on an Intel Xeon: its host recorded):
Grappler's dedup merges the second gradient graph into one copy of the first, so the
logits' gradient is one AddN whose inputs sort by one graph's names (addn_order.py
_deduped), and the variables after each step are TF's bit for bit."""
import re

import pytest

import flowgrad as tf
import goldens

GOLD = goldens.load("math", "two_minimize_addn")
GEN = goldens.generator("math", "two_minimize_addn")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])   # (the MatMuls' bits)


def test_steps_are_tf_bit_for_bit():
    goldens.same_exact(GEN.steps(tf), GOLD["steps"], "steps")


def _summands(ir):
    """{AddN name: the names of the nodes it sums, in its order} from a plan's dump (an AddN
    node, or the AddV2 chain `<name>/accumulate_<k>` the accumulate pass makes of it)."""
    rows = [re.match(r"(v\d+) = (\w+)\(([^)]*)\)  # (\S+)", line) for line in ir.splitlines()]
    rows = [m.groups() for m in rows if m]
    name = {v: n for v, _, _, n in rows}
    out = {}
    for v, kind, ins, n in rows:
        ins = [i.strip() for i in ins.split(",")]
        if kind == "AddN":
            out[n] = [name[i] for i in ins]
        elif kind == "AddV2" and re.search(r"/accumulate_\d+$", n):
            addn = n.rsplit("/", 1)[0]
            names = out.setdefault(addn, [])
            names.extend(name[i] for i in ins if not name[i].startswith(addn + "/"))
    return out


def test_one_addn_in_tf_order():
    with tf.Graph().as_default():
        _, train, feeds = GEN._model(tf, 8, 3)
        md = tf.RunMetadata()
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            for _ in range(2):      # (the second run's plan has every pass)
                s.run(train, feeds[0], options=tf.RunOptions(), run_metadata=md)
    got = _summands(md.optimized_ir)
    assert len(got) == GOLD["addn_input_names"]["count"], got
    assert [[n.split("/", 1)[1] for n in v] for v in got.values()] == \
        GOLD["addn_input_names"]["inputs"]
