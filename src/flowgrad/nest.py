"""`tf.nest` (TF 1.14): the five functions TF exports there, which are
tensorflow.python.util.nest's (flowgrad/util_nest.py; tf.contrib.framework.nest is that
whole module)."""
# (no `from __future__ import annotations`: dir(tf.nest) would show it)
from .util_nest import (assert_same_structure, flatten, is_nested, map_structure,
                        pack_sequence_as)

__all__ = ["assert_same_structure", "flatten", "is_nested", "map_structure",
           "pack_sequence_as"]
