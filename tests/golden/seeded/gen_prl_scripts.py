"""What the reinforcement-learning scripts in tests/prl_scripts print under TF 1.14: DQN
(dueling, double, target nets, PER weights, clipping), A2C (seeded Categorical /
multinomial / Gumbel sampling, orthogonal initializers, moments), DDPG (grad_ys of
dQ/da, batch norm, soft updates, OU noise) and PPO / TRPO pieces (Normal with a trainable
log std, KL, flat gradients, Fisher-vector products, SetFromFlat); op counts, the op
types of the graph and seeded values at full precision after a few training steps."""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/prl_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
