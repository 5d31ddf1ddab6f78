"""What the tutorial scripts in tests/layers_scripts print under TF 1.14."""
from golden_scripts import stdout_of

SCRIPTS = ["mlp_tf_layers.py", "slim_cnn.py", "contrib_optimize_loss.py", "keras_functional_l2.py",
           "contrib_losses_metrics.py", "keras_local_depthwise.py", "slim_losses_regularized.py",
           "slim_eval_freeze.py", "contrib_warning.py"]


def cases(tf):
    return {s: stdout_of("tests/layers_scripts/" + s) for s in SCRIPTS}
