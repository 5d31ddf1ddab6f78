"""`tf.contrib.summary`: TF 1.14's summary_ops_v2 API in graph mode (flowgrad/summary/
summary_ops_v2.py); the names live in `tensorflow.contrib.summary.summary`, as in TF."""
# ruff: noqa: F401
from __future__ import absolute_import, division, print_function

from .summary import (
    SummaryWriter,
    all_summary_ops,
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
