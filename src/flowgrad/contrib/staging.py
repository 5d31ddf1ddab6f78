"""tf.contrib.staging (TF 1.14 contrib/staging/__init__.py): StagingArea, data_flow_ops'
FIFO of tuples held by the session (ops/staging_ops.py)."""
from __future__ import absolute_import, division, print_function  # TF's module has these names

from ..ops.staging_ops import StagingArea

__all__ = ["StagingArea", "absolute_import", "division", "print_function"]
