"""Registered ops that tests/op_samples.py has no row for: op type -> "category: reason".

tests/test_op_registry.py fails for a registered op with neither a row nor an entry
here, and for an entry whose op has a row or is no longer registered. Categories:
"no-cpu-kernel", "io", "internal", "covered-elsewhere: <test file>", ... Today every
registered op has a row, so the table is empty: keep it that way where a row can be
written (a NumPy reference, `ref=`, serves ops TF 1.14 cannot run on CPU).
"""
EXEMPTIONS: dict = {
    # queues: ops that run a Python function, or use a queue/reader resource
    "PyFunc": "covered-elsewhere: tests/test_py_func.py (runs a Python function)",
    "PyFuncStateless": "covered-elsewhere: tests/test_py_func.py (runs a Python function)",
    "EagerPyFunc": "covered-elsewhere: tests/test_py_func.py (runs a Python function)",
    "FIFOQueueV2": "covered-elsewhere: tests/test_queues.py (queue resource, blocking)",
    "RandomShuffleQueueV2": "covered-elsewhere: tests/test_queues.py (queue resource, blocking)",
    "PaddingFIFOQueueV2": "covered-elsewhere: tests/test_queues.py (queue resource, blocking)",
    "QueueEnqueueV2": "covered-elsewhere: tests/test_queues.py (queue resource, blocking)",
    "QueueEnqueueManyV2": "covered-elsewhere: tests/test_queues.py (queue resource, blocking)",
    "QueueDequeueV2": "covered-elsewhere: tests/test_queues.py (queue resource, blocking)",
    "QueueDequeueManyV2": "covered-elsewhere: tests/test_queues.py (queue resource, blocking)",
    "QueueDequeueUpToV2": "covered-elsewhere: tests/test_queues.py (queue resource, blocking)",
    "QueueCloseV2": "covered-elsewhere: tests/test_queues.py (queue resource, blocking)",
    "QueueSizeV2": "covered-elsewhere: tests/test_queues.py (queue resource, blocking)",
    "QueueIsClosedV2": "covered-elsewhere: tests/test_queues.py (queue resource, blocking)",
    "TextLineReaderV2": "covered-elsewhere: tests/test_input_pipelines.py (reader)",
    "WholeFileReaderV2": "covered-elsewhere: tests/test_input_pipelines.py (reader)",
    "FixedLengthRecordReaderV2": "covered-elsewhere: tests/test_input_pipelines.py (reader)",
    "TFRecordReaderV2": "covered-elsewhere: tests/test_input_pipelines.py (reader)",
    "ReaderReadV2": "covered-elsewhere: tests/test_input_pipelines.py (reader)",
    "ReaderReadUpToV2": "covered-elsewhere: tests/test_input_pipelines.py (reader)",
    "ReaderNumRecordsProducedV2": "covered-elsewhere: tests/test_input_pipelines.py (reader)",
    "ReaderNumWorkUnitsCompletedV2": "covered-elsewhere: tests/test_input_pipelines.py (reader)",
    "ReaderResetV2": "covered-elsewhere: tests/test_input_pipelines.py (reader)",
    "ReadFile": "io: reads a file (tests/test_input_pipelines.py)",
    "WriteFile": "io: writes a file (tests/test_input_pipelines.py)",
}
