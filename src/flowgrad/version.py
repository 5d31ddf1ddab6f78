"""`tf.version` (TF 1.14): the version constants of the top-level namespace. COMPILER_VERSION
(the compiler that built TF's C++ core) has no counterpart in pure-Python flowgrad and is
absent."""
from . import (GIT_VERSION, GRAPH_DEF_VERSION, GRAPH_DEF_VERSION_MIN_CONSUMER,
               GRAPH_DEF_VERSION_MIN_PRODUCER, VERSION)

__all__ = ["GIT_VERSION", "GRAPH_DEF_VERSION", "GRAPH_DEF_VERSION_MIN_CONSUMER",
           "GRAPH_DEF_VERSION_MIN_PRODUCER", "VERSION"]
