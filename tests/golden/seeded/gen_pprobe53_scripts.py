"""What the probe programs in tests/pprobe53_scripts print under TF 1.14: whole seeded TF1
programs of deep reinforcement learning in the style of OpenAI baselines, Spinning Up and
dopamine, each with its small environment in NumPy: baselines' deepq act / train graphs
(eps Variable updated by tf.cond, epsilon-greedy tf.where, huber loss by tf.where,
minimize_and_clip, double DQN, target copy over sorted scope_vars), distributional C51
(dopamine's project_distribution) and QR-DQN's quantile Huber loss, TD3 (target policy
smoothing, twin critics, delayed actor, Polyak updates), baselines' recurrent A2C (lstm
with done masks, batch_to_seq / seq_to_batch, RMSProp, clip_by_global_norm), PPO on a
hybrid Categorical x Beta action space with GAE, and NoisyNet / soft-Q / prioritized
replay / n-step pieces with tf.losses.huber_loss weights and centered RMSProp. Values at
full precision or hashes of their bytes, op counts and a hash of the GraphDef's nodes
(name, op, inputs, `_class`). Made on an Intel Xeon (TF's float32 bits depend on the host
CPU: engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe53_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
