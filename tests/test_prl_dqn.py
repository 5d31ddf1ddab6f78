"""A seeded Double DQN script (tests/golden/train/prl_dqn.py) run with `flowgrad run`
prints TF 1.14's losses for 400 steps, its Q values and target weights: the centered
RMSProp update's Sqrt in Eigen's packets, Huber loss and clip_by_norm gradients, soft
target updates, the variable scopes' names and the graph's op count (golden train/prl_dqn)."""
from flowgrad.cli import run_script
import goldens


def test_dqn_script_prints_tf114_numbers(capsys, tmp_path):
    code = run_script(goldens.path("train", "prl_dqn.py"), [str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out == goldens.load("train", "prl_dqn")["stdout"]
    assert [p.name.split(".")[0] for p in tmp_path.iterdir()] == ["events"]
