"""The probe programs of tests/pprobe8_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe8_scripts.py): whole seeded TF1 training loops and tools in
the style of public tutorials (MonitoredSession and its hooks, SingularMonitoredSession,
checkpoint listeners and resumes, Saver subsets, init_from_checkpoint and warm_start, slim and
contrib.training train loops, optimize_loss, BERT's optimizer, ConditionalAccumulator and
SyncReplicasOptimizer, summary_iterator, global-step rules, EMA and slim restores, Keras
schedules, tf.contrib.opt optimizers, Supervisor, import_meta_graph); op counts and values
bit for bit.

The programs avoid float32 Sqrt/Rsqrt over whole packets of 8 where their values print at
full precision: TF 1.14 computes those with the CPU's RSQRTPS estimate, whose table differs
between CPU vendors (engine/ops/eigen_math.py holds the AMD EPYC one)."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe8_scripts")
GOLD = load("seeded", "pprobe8_scripts")

# the programs flowgrad does not yet run to TF's output, and why
XFAIL = {}


def test_every_script_has_a_golden():
    assert sorted(GOLD) == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize(
    "script",
    [pytest.param(s, marks=pytest.mark.xfail(reason=XFAIL[s], strict=True)) if s in XFAIL
     else s for s in sorted(GOLD)])
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
