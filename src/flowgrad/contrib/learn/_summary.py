"""contrib.learn's evaluation results: the log line and the summary written to the
evaluation directory (TF 1.14's _dict_to_str and _write_dict_to_summary)."""
from __future__ import annotations

import numpy as np

from ... import logging
from ...summary.writer import FileWriterCache

_NUMBERS = (float, np.float32, int, np.int64, np.int32)


def dict_to_str(dictionary):
    """'k = v' for numbers, 'Type of k = <type>' for anything else, sorted by key."""
    return ", ".join(("%s = %s" % (k, v)) if isinstance(v, _NUMBERS)
                     else "Type of %s = %s" % (k, type(v))
                     for k, v in sorted(dictionary.items()))


def write_dict_to_summary(output_dir, dictionary, current_global_step):
    """Writes the float and integer results (and ndarrays as tensors) as one Summary."""
    from ...ops.tensor_util import make_tensor_proto  # lazy: protobuf classes on first use
    from ...summary import Summary  # lazy: protobuf classes load on first use
    logging.info("Saving dict for global step %d: %s", current_global_step,
                 dict_to_str(dictionary))
    writer = FileWriterCache.get(output_dir)
    summ = Summary()
    for key, value in dictionary.items():
        if value is None or key == "global_step":
            continue
        if isinstance(value, (np.float32, float)):
            summ.value.add(tag=key, simple_value=float(value))
        elif isinstance(value, (np.int64, np.int32, int)):
            summ.value.add(tag=key, simple_value=int(value))
        elif isinstance(value, np.ndarray):
            entry = summ.value.add()
            entry.tag = key
            entry.node_name = key
            entry.tensor.CopyFrom(make_tensor_proto(value))
        else:
            logging.warning("Skipping summary for %s, must be a float, np.float32, np.int64, "
                            "np.int32 or int or np.ndarray or a serialized string of "
                            "Summary.", key)
    writer.add_summary(summ, current_global_step)
    writer.flush()
