"""`tf.contrib.training`: the parameter-server placement strategies (the rest of TF 1.14's
contrib.training is not in flowgrad)."""
from ..distribute.device_setter import GreedyLoadBalancingStrategy, byte_size_load_fn

__all__ = ["GreedyLoadBalancingStrategy", "byte_size_load_fn"]
