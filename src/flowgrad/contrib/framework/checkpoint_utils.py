"""tf.contrib.framework's checkpoint helpers (TF 1.14 contrib/framework
checkpoint_utils): tf.train's, under their contrib argument names."""
from ...train import checkpoint_management as _cm
from ...train import checkpoint_utils as _cu

__all__ = ["init_from_checkpoint", "list_variables", "load_checkpoint", "load_variable"]


def load_checkpoint(filepattern):
    """A CheckpointReader for the checkpoint `filepattern` (a file or a folder)."""
    return _cm.load_checkpoint(filepattern)


def load_variable(checkpoint_dir, name):
    """The NumPy value of variable `name` in the checkpoint."""
    return _cm.load_variable(checkpoint_dir, name)


def list_variables(checkpoint_dir):
    """[(name, shape)] of the checkpoint's variables."""
    return _cm.list_variables(checkpoint_dir)


def init_from_checkpoint(checkpoint_dir, assignment_map):
    """Initializes the variables of `assignment_map` from the checkpoint (tf.train's)."""
    return _cu.init_from_checkpoint(checkpoint_dir, assignment_map)
