"""`tf.contrib.summary`: TF 1.14's summary_ops_v2 API in graph mode (flowgrad/summary/
summary_ops_v2.py): file writers as resource ops, write ops under a recording condition."""
# ruff: noqa: F401
from __future__ import absolute_import, division, print_function

from ...summary.summary_ops_v2 import (
    SummaryWriter,
    always_record_summaries,
    audio,
    create_db_writer,
    create_file_writer,
    create_summary_file_writer,
    eval_dir,
    flush,
    generic,
    graph,
    histogram,
    image,
    import_event,
    initialize,
    never_record_summaries,
    record_summaries_every_n_global_steps,
    scalar,
    should_record_summaries,
    summary_writer_initializer_op,
)
from ...summary.summary_ops_v2 import all_v2_summary_ops as all_summary_ops
