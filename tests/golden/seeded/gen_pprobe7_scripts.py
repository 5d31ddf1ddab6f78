"""What the probe programs in tests/pprobe7_scripts print under TF 1.14: whole seeded TF1
programs in the style of public tutorials (object-detection pieces with IoU matching,
smooth L1, non_max_suppression and crop_and_resize; tf.feature_column with input_layer
and linear_model; LayerNormBasicLSTMCell/GRUBlockCell/LSTMBlockCell in bidirectional and
stacked bidirectional RNNs; a pointer network over masked lengths; DQN with a Polyak
target network; contrib metric_learning losses; WGAN-GP; matrix factorization with sparse
gradients under Adagrad/FTRL/proximal optimizers; batch renorm, virtual batches and group
norm; Newton/power-iteration/CG/bisection in while loops; a tf.signal audio front end; a
mixture of experts with dynamic_partition/stitch; total-variation denoising; a dilated
causal WaveNet; policy gradient with multinomial sampling and a reversed scan; custom
gradients and gradient_override_map; a k-max-pooling text CNN with einsum causal attention;
contrib.integrate odeint/odeint_fixed); op counts and values at full precision (or hashes
of their bytes)."""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/pprobe7_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
