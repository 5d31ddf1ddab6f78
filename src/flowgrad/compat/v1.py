"""`import flowgrad.compat.v1 as tf` gives the same namespace as `import flowgrad as tf`."""
import sys

import flowgrad as _flowgrad

sys.modules[__name__] = _flowgrad
