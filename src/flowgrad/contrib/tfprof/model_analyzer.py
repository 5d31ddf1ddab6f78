"""`tf.contrib.tfprof.model_analyzer`: print_model_analysis (tf.profiler.profile under its
old name), advise, Profiler, and the option dicts TF 1.14 defines here.

>>> x = tf.placeholder(tf.float32, [8, 3]); w = tf.Variable(tf.ones([3, 4]))
>>> opts = dict(tf.contrib.tfprof.model_analyzer.TRAINABLE_VARS_PARAMS_STAT_OPTIONS,
...             output="none")
>>> tf.contrib.tfprof.model_analyzer.print_model_analysis(
...     tf.get_default_graph(), tfprof_options=opts).total_parameters
Parsing Inputs...
12
"""
from ...profiler.model_analyzer import profile as _profile
from ...profiler.profiler import ALL_ADVICE, Profiler
from ...profiler.profiler import advise as _advise
from ...profiler.tfprof_logger import TRAINABLE_VARIABLES

__all__ = ["ALL_ADVICE", "FLOAT_OPS_OPTIONS", "PRINT_ALL_TIMING_MEMORY", "Profiler",
           "TRAINABLE_VARS_PARAMS_STAT_OPTIONS", "advise", "print_model_analysis"]


def _options(min_bytes, min_micros, min_float_ops, order_by, account, select):
    return {"max_depth": 10000, "min_bytes": min_bytes, "min_micros": min_micros,
            "min_params": 0, "min_float_ops": min_float_ops, "order_by": order_by,
            "account_type_regexes": [account], "start_name_regexes": [".*"],
            "trim_name_regexes": [], "show_name_regexes": [".*"], "hide_name_regexes": [],
            "account_displayed_op_only": True, "select": select, "output": "stdout",
            "dump_to_file": ""}


TRAINABLE_VARS_PARAMS_STAT_OPTIONS = _options(0, 0, 0, "name", TRAINABLE_VARIABLES,
                                              ["params"])
FLOAT_OPS_OPTIONS = _options(0, 0, 1, "float_ops", ".*", ["float_ops"])
PRINT_ALL_TIMING_MEMORY = _options(1, 1, 0, "name", ".*", ["micros", "bytes"])


def advise(graph, run_meta=None, tfprof_options=0):
    """tf.profiler.advise(graph, run_meta, tfprof_options)."""
    return _advise(graph, run_meta, tfprof_options)


def print_model_analysis(graph, run_meta=None, op_log=None, tfprof_cmd="scope",
                         tfprof_options=0):
    """tf.profiler.profile(graph, run_meta, op_log, tfprof_cmd, tfprof_options): prints
    the report and returns its root (GraphNodeProto, or MultiGraphNodeProto for the "op"
    and "code" views); tfprof_options 0: the trainable parameters."""
    return _profile(graph, run_meta, op_log, tfprof_cmd, tfprof_options)
