"""`tf.contrib.tfprof`: TF 1.14's deprecated front of tf.profiler, as the scripts of 2017
call it (`model_analyzer.print_model_analysis` with `TRAINABLE_VARS_PARAMS_STAT_OPTIONS`
or `FLOAT_OPS_OPTIONS`, `tfprof_logger.write_op_log`). Absent: ProfileContext."""
from . import model_analyzer, tfprof_logger

__all__ = ["model_analyzer", "tfprof_logger"]
