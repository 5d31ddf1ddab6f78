"""Registered ops that tests/op_samples.py has no row for: op type -> "category: reason".

tests/test_op_registry.py fails for a registered op with neither a row nor an entry
here, and for an entry whose op has a row or is no longer registered. Categories:
"no-cpu-kernel", "io", "internal", "covered-elsewhere: <test file>", ... Keep it to ops
that no row can serve (Python callbacks, dataset and iterator handles): a NumPy
reference, `ref=`, serves ops TF 1.14 cannot run on CPU.
"""
EXEMPTIONS: dict = {
    # tf.nn.swish on bfloat16 (a Defun call op): TF 1.14 builds it but has no CPU kernel
    # for its body's Sigmoid, and the rows do not sample bfloat16
    "swish_b16": "no-cpu-kernel: TF 1.14's Sigmoid has no bfloat16 CPU kernel; "
                 "covered-elsewhere: tests/test_op_registry.py's swish_f32 row (same body)",
    # TF's own control flow in imported graphs: run only by the frame executor (V1Frames)
    "Switch": "covered-elsewhere: tests/test_tf_frames.py (TF-written graphs)",
    "RefSwitch": "covered-elsewhere: tests/test_tf_frames.py (TF-written graphs)",
    "Merge": "covered-elsewhere: tests/test_tf_frames.py (TF-written graphs)",
    "RefMerge": "covered-elsewhere: tests/test_tf_frames.py (TF-written graphs)",
    "Enter": "covered-elsewhere: tests/test_tf_frames.py (TF-written graphs)",
    "RefEnter": "covered-elsewhere: tests/test_tf_frames.py (TF-written graphs)",
    "Exit": "covered-elsewhere: tests/test_tf_frames.py (TF-written graphs)",
    "RefExit": "covered-elsewhere: tests/test_tf_frames.py (TF-written graphs)",
    "NextIteration": "covered-elsewhere: tests/test_tf_frames.py (TF-written graphs)",
    "RefNextIteration": "covered-elsewhere: tests/test_tf_frames.py (TF-written graphs)",
    "LoopCond": "covered-elsewhere: tests/test_tf_frames.py (TF-written graphs)",
    "ControlTrigger": "covered-elsewhere: tests/test_tf_frames.py (TF-written graphs)",
    "StackV2": "covered-elsewhere: tests/test_tf_frames.py (TF-written graphs)",
    "StackPushV2": "covered-elsewhere: tests/test_tf_frames.py (TF-written graphs)",
    "StackPopV2": "covered-elsewhere: tests/test_tf_frames.py (TF-written graphs)",
    # the session's store of persistent tensors: handles fed as strings, values kept
    "GetSessionHandle": "covered-elsewhere: tests/test_session_handles.py (session store)",
    "GetSessionTensor": "covered-elsewhere: tests/test_session_handles.py (session store)",
    "DeleteSessionTensor": "covered-elsewhere: tests/test_session_handles.py (session store)",
    # tf.CriticalSection's session mutex: taken and released across a run
    "MutexV2": "covered-elsewhere: tests/test_critical_section.py (session mutex)",
    "MutexLock": "covered-elsewhere: tests/test_critical_section.py (session mutex)",
    "ConsumeMutexLock": "covered-elsewhere: tests/test_critical_section.py (session mutex)",
    "V1Frames": "covered-elsewhere: tests/test_tf_frames.py (TF-written graphs)",
    # TF's cond_v2 op: built only by importing TF-written GraphDefs and functions (tf.cond
    # builds flowgrad's Cond); its values and gradient against the oracle's
    "If": "covered-elsewhere: tests/test_data_cond.py (TF-written graphs and tf.data "
          "functions holding If)",
    # the session's SparseTensorsMap: handles of SparseTensors stored across runs
    "AddSparseToTensorsMap": "covered-elsewhere: tests/test_sparse_batch.py (TF 1.14's "
                             "handles, index checks and take)",
    "AddManySparseToTensorsMap": "covered-elsewhere: tests/test_sparse_batch.py (TF 1.14's "
                                 "handles, index checks and take)",
    "TakeManySparseFromTensorsMap": "covered-elsewhere: tests/test_sparse_batch.py (TF "
                                    "1.14's handles, index checks and take)",
    # tf.contrib.text.skip_gram_sample's kernel: int/string tokens, TF's seeded windows
    "SkipGramGenerateCandidates": "covered-elsewhere: tests/test_skip_gram_sample.py "
                                  "(TF 1.14's outputs for 9 seeded cases)",
    "TensorArrayGradV3": "covered-elsewhere: tests/test_tf_frames.py (TF-written graphs)",
    "ShardedFilespec": "covered-elsewhere: tests/test_ckpt_v1.py (V1 sharded Saver)",
    # what optimize_for_inference writes for MirrorPad / ResizeBilinear before a Conv2D
    "FusedPadConv2D": "covered-elsewhere: tests/test_pfreeze_fused.py (TF 1.14 goldens)",
    "FusedResizeAndPadConv2D": "covered-elsewhere: tests/test_pfreeze_fused.py "
                               "(TF 1.14 goldens)",
    # TF's decode_image ops, which flowgrad writes for its DecodeImage op and runs in
    # such GraphDefs (no public flowgrad API builds them)
    "Substr": "covered-elsewhere: tests/test_export_decode_image.py, tests/test_strings_c3.py "
              "(TF 1.14 goldens)",
    "DecodeGif": "covered-elsewhere: tests/test_image_codecs.py, "
                 "tests/test_export_decode_image.py (TF 1.14 goldens; file inputs)",
    "DecodeBmp": "covered-elsewhere: tests/test_image_codecs.py, "
                 "tests/test_export_decode_image.py (TF 1.14 goldens; file inputs)",
    # gradient ops of the fractional pools (their rows' g1/g2 build them; values against TF)
    "FractionalMaxPoolGrad": "covered-elsewhere: tests/test_fractional_pool.py (TF 1.14 golden "
                             "gradients), the FractionalMaxPool row's gradients",
    "FractionalAvgPoolGrad": "covered-elsewhere: tests/test_fractional_pool.py (TF 1.14 golden "
                             "gradients), the FractionalAvgPool row's gradients",
    "V1FramesGrad": "covered-elsewhere: tests/test_tf_frames_grad.py, tests/test_tf_frames.py, "
                    "tests/test_tf_frames_ta.py (TF 1.14 goldens)",
    # int32-only, shape-specific beam traceback (contrib.seq2seq): golden values and errors
    # float16/float32 only, weights as variables (contrib.rnn.LSTMBlockFusedCell)
    "BlockLSTM": "covered-elsewhere: tests/test_contrib_rnn_cells_extra.py (TF 1.14 goldens: "
                 "outputs, states, gradients)",
    "BlockLSTMGrad": "covered-elsewhere: tests/test_contrib_rnn_cells_extra.py (TF 1.14 "
                     "goldens: BlockLSTM's gradients)",
    "LSTMBlockCell": "covered-elsewhere: tests/test_rnn.py (TF 1.14 goldens rnn/block_cells: "
                     "outputs, states, gradients) and tests/test_realworld_cpb.py (op names)",
    "LSTMBlockCellGrad": "covered-elsewhere: tests/test_rnn.py (TF 1.14 goldens: "
                         "LSTMBlockCell's gradients), tests/test_realworld_cpb.py",
    "GRUBlockCell": "covered-elsewhere: tests/test_rnn.py (TF 1.14 goldens rnn/block_cells) and "
                    "tests/test_realworld_cpb.py (values, op names, gradients)",
    "GRUBlockCellGrad": "covered-elsewhere: tests/test_realworld_cpb.py (GRUBlockCell's "
                        "gradients, TF 1.14 goldens)",
    "GatherTree": "covered-elsewhere: tests/test_seq2seq_beam.py (TF 1.14 goldens)",
    # queues: ops that run a Python function, or use a queue/reader resource
    "PyFunc": "covered-elsewhere: tests/test_py_func.py (runs a Python function)",
    "PyFuncStateless": "covered-elsewhere: tests/test_py_func.py (runs a Python function)",
    "EagerPyFunc": "covered-elsewhere: tests/test_py_func.py (runs a Python function)",
    # TF creates it only for a resource variable of unknown shape (no public API builds one)
    "VariableShape": "covered-elsewhere: tests/test_resource_variables.py",
    "FIFOQueueV2": "covered-elsewhere: tests/test_queues.py (queue resource, blocking)",
    "ConditionalAccumulator": "covered-elsewhere: tests/test_sync_replicas.py (accumulator "
                              "resource, blocking take)",
    "AccumulatorApplyGradient": "covered-elsewhere: tests/test_sync_replicas.py",
    "AccumulatorTakeGradient": "covered-elsewhere: tests/test_sync_replicas.py (blocking)",
    "AccumulatorNumAccumulated": "covered-elsewhere: tests/test_sync_replicas.py",
    "AccumulatorSetGlobalStep": "covered-elsewhere: tests/test_sync_replicas.py",
    "SparseConditionalAccumulator": "covered-elsewhere: tests/test_sparse_accumulator.py "
                                    "(TF 1.14 golden; accumulator resource)",
    "SparseAccumulatorApplyGradient": "covered-elsewhere: tests/test_sparse_accumulator.py",
    "SparseAccumulatorTakeGradient": "covered-elsewhere: tests/test_sparse_accumulator.py "
                                     "(blocking)",
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
    # -- LMDBReader, the reference-typed reader ops (d12) --
    "LMDBReader": "covered-elsewhere: tests/test_data_lmdb.py (reader goldens)",
    "FakeQueue": "covered-elsewhere: tests/test_data_lmdb.py (reader goldens)",
    "ReaderRead": "covered-elsewhere: tests/test_data_lmdb.py (reader goldens)",
    "ReaderReadUpTo": "covered-elsewhere: tests/test_data_lmdb.py (reader goldens)",
    "ReaderNumRecordsProduced": "covered-elsewhere: tests/test_data_lmdb.py (reader goldens)",
    "ReaderNumWorkUnitsCompleted": "covered-elsewhere: tests/test_data_lmdb.py (reader goldens)",
    "ReaderSerializeState": "covered-elsewhere: tests/test_data_lmdb.py (reader goldens)",
    "ReaderRestoreState": "covered-elsewhere: same kernel as ReaderRestoreStateV2",
    "ReaderReset": "covered-elsewhere: tests/test_data_lmdb.py (reader reset)",
    "ReaderReadUpToV2": "covered-elsewhere: tests/test_input_pipelines.py (reader)",
    "ReaderNumRecordsProducedV2": "covered-elsewhere: tests/test_input_pipelines.py (reader)",
    "ReaderNumWorkUnitsCompletedV2": "covered-elsewhere: tests/test_input_pipelines.py (reader)",
    "ReaderResetV2": "covered-elsewhere: tests/test_input_pipelines.py (reader)",
    "PriorityQueueV2": "covered-elsewhere: tests/test_queue_priority.py (queue resource)",
    "IdentityReaderV2": "covered-elsewhere: tests/test_queue_priority.py (reader)",
    "ReaderSerializeStateV2": "covered-elsewhere: tests/test_queue_priority.py (reader)",
    "ReaderRestoreStateV2": "covered-elsewhere: tests/test_queue_priority.py (reader)",
    "ExperimentalRandomDataset": "covered-elsewhere: tests/test_data_experimental.py (dataset)",
    "ExperimentalCSVDataset": "covered-elsewhere: tests/test_data_experimental.py (dataset)",
    "ExperimentalParallelInterleaveDataset": "covered-elsewhere: "
                                             "tests/test_data_experimental.py (dataset)",
    "DatasetToSingleElement": "covered-elsewhere: tests/test_data_experimental.py (dataset)",
    "ExperimentalParseExampleDataset": "covered-elsewhere: "
                                       "tests/test_pprobe13_parse_dataset.py (dataset)",
    "ReduceJoin": "covered-elsewhere: tests/test_data_experimental.py (list_files' message), "
                  "tests/test_strings_c3.py (TF 1.14 goldens)",
    "ReadFile": "io: reads a file (tests/test_input_pipelines.py)",
    "WriteFile": "io: writes a file (tests/test_input_pipelines.py)",
    "SaveSlices": "io: writes a V1 checkpoint file (tests/test_ckpt_v1.py: TF's bytes)",
}

# tf.data (engine/ops/dataset.py): ops on variant (dataset) and resource (iterator) values,
# run through whole pipelines against TF 1.14 goldens in tests/test_data.py.
import flowgrad.data  # noqa: E402,F401 - tf.data loads lazily; importing it registers its ops

EXEMPTIONS.update({op: "covered-elsewhere: tests/test_data.py" for op in (
    "BatchDatasetV2", "CacheDataset", "ConcatenateDataset",
    "ExperimentalDirectedInterleaveDataset", "ExperimentalIgnoreErrorsDataset",
    "ExperimentalMapAndBatchDataset", "ExperimentalUnbatchDataset", "FilterDataset",
    "FixedLengthRecordDatasetV2", "FlatMapDataset", "GeneratorDataset", "InterleaveDataset",
    "IteratorFromStringHandleV2", "IteratorGetNext", "IteratorToStringHandle", "IteratorV2",
    "MakeIterator", "MapDataset", "MatchingFiles", "ModelDataset", "OneShotIterator",
    "OptimizeDataset", "PaddedBatchDatasetV2", "ParallelInterleaveDatasetV2",
    "ParallelMapDataset", "PrefetchDataset", "RangeDataset", "RepeatDataset", "ShardDataset",
    "ShuffleAndRepeatDataset", "ShuffleDataset", "SkipDataset", "TFRecordDataset",
    "TakeDataset", "TensorDataset", "TensorSliceDataset", "TextLineDataset", "WindowDataset",
    "ZipDataset")})

EXEMPTIONS.update({op: "covered-elsewhere: tests/test_data_records.py" for op in (
    "ParseExample", "ParseSingleExample", "DecodeRaw", "DecodeCSV", "DecodeCompressed")})

EXEMPTIONS.update({op: "covered-elsewhere: tests/test_parsing_seq.py" for op in (
    "ParseSequenceExample", "ParseSingleSequenceExample")})
# issue 16: lookup tables take a table resource handle; the string hashes, Bucketize,
# AsString and SparseCross are checked bit for bit against TF 1.14 goldens there
EXEMPTIONS.update({op: "covered-elsewhere: tests/test_lookup.py (table resource)" for op in (
    "HashTableV2", "MutableHashTableV2", "InitializeTableV2", "InitializeTableFromTextFileV2",
    "LookupTableFindV2", "LookupTableImportV2", "LookupTableInsertV2", "LookupTableSizeV2",
    "LookupTableExportV2")})
EXEMPTIONS.update({op: "covered-elsewhere: tests/test_dense_hash_table.py (TF 1.14 golden; "
                       "table resource)" for op in ("MutableDenseHashTableV2",
                                                    "LookupTableRemoveV2",
                                                    "MutableHashTableOfTensorsV2")})
EXEMPTIONS.update({op: "covered-elsewhere: tests/test_hashing.py (TF 1.14 goldens, strings)"
                   for op in ("StringToHashBucketFast", "StringToHashBucketStrong",
                              "StringToHashBucket", "Bucketize", "SparseCross")})
EXEMPTIONS.update({op: "covered-elsewhere: tests/test_contrib_feature_column.py (TF 1.14 "
                   "goldens: hashed and string crosses, sparse and dense inputs)"
                   for op in ("SparseFeatureCross", "SparseFeatureCrossV2")})
EXEMPTIONS.update({op: "covered-elsewhere: tests/test_warm_start.py (vocabulary files and a "
                   "checkpoint: TF 1.14 goldens through tf.train.warm_start)"
                   for op in ("GenerateVocabRemapping", "LoadAndRemapMatrix")})
# -- strings/complex (c3): string ops, checked against TF 1.14 goldens (values, op names,
# errors) by tests/test_strings_c3.py (tests/golden/strings/gen_strings.py)
EXEMPTIONS.update({op: "covered-elsewhere: tests/test_strings_c3.py (TF 1.14 goldens, strings)"
                   for op in ("AsString", "StringSplit", "StringSplitV2", "StringStrip",
                              "StringToNumber", "StringLength", "StringLower",
                              "StringUpper", "EncodeBase64", "DecodeBase64", "Fingerprint",
                              "RegexReplace", "StaticRegexReplace", "RegexFullMatch",
                              "StaticRegexFullMatch", "StringFormat", "SerializeTensor",
                              "ParseTensor", "EditDistance", "DecodeJSONExample",
                              "UnicodeTranscode")})
EXEMPTIONS["Timestamp"] = "covered-elsewhere: tests/test_strings_c3.py (the clock: no golden)"
# rg12: the Unicode code point ops, against TF 1.14 goldens (values, op names, errors)
EXEMPTIONS.update({op: "covered-elsewhere: tests/test_ragged_strings.py (TF 1.14 goldens, "
                   "strings)" for op in ("UnicodeDecode", "UnicodeDecodeWithOffsets",
                                         "UnicodeEncode")})

EXEMPTIONS.update({op: "covered-elsewhere: tests/test_data_saveable.py" for op in (
    "SerializeIterator", "DeserializeIterator")})

EXEMPTIONS.update({op: "covered-elsewhere: tests/test_data_grouping.py" for op in (
    "ExperimentalScanDataset", "ExperimentalUniqueDataset", "ExperimentalTakeWhileDataset",
    "ExperimentalGroupByWindowDataset", "ExperimentalGroupByReducerDataset",
    "ExperimentalSlidingWindowDataset", "ReduceDataset", "ExperimentalDatasetToTFRecord",
    "OptionalFromValue", "OptionalNone", "OptionalHasValue", "OptionalGetValue",
    "IteratorGetNextAsOptional")})
EXEMPTIONS["ExperimentalDatasetCardinality"] = "covered-elsewhere: tests/test_data_grouping.py"

# Horovod's collectives (flowgrad.horovod): TF has no such ops; checked with several ranks
import flowgrad.horovod.tensorflow  # noqa: E402,F401 - importing it registers its ops
EXEMPTIONS.update({op: "covered-elsewhere: tests/test_horovod.py (ranks in threads and "
                       "processes)" for op in ("HorovodAllreduce", "HorovodAllgather",
                                               "HorovodBroadcast", "HorovodGroupedAllreduce")})
EXEMPTIONS.update({op: "covered-elsewhere: tests/test_data_sparse.py" for op in (
    "SerializeSparse", "SerializeManySparse", "DeserializeSparse",
    "ExperimentalDenseToSparseBatchDataset", "SparseTensorSliceDataset")})
EXEMPTIONS.update({op: "covered-elsewhere: tests/test_data_options.py" for op in (
    "ExperimentalMaxIntraOpParallelismDataset", "ExperimentalPrivateThreadPoolDataset")})
EXEMPTIONS.update({op: "covered-elsewhere: tests/test_data_stats.py" for op in (
    "ExperimentalStatsAggregatorHandle", "ExperimentalStatsAggregatorSummary",
    "ExperimentalLatencyStatsDataset", "ExperimentalBytesProducedStatsDataset",
    "ExperimentalSetStatsAggregatorDataset")})
EXEMPTIONS["ExperimentalSqlDataset"] = "covered-elsewhere: tests/test_data_sql.py (a database)"
EXEMPTIONS["ExperimentalLMDBDataset"] = "covered-elsewhere: tests/test_data_lmdb.py (LMDB files)"
EXEMPTIONS["DeserializeManySparse"] = "covered-elsewhere: tests/test_sparse_serialize.py"
EXEMPTIONS["QuantizedReluX"] = ("no-cpu-kernel: TF 1.14 registers no kernel; graph building "
                                "and the run error: tests/test_quantized_nn.py")
# tf.contrib.cudnn_rnn's ops: TF 1.14 registers GPU kernels only, so a graph holding one
# fails every Session.run on a CPU (TF's placer); tests/test_cudnn_rnn.py checks the
# graphs, shapes and the error against TF 1.14
for _op in ("CudnnRNN", "CudnnRNNV3", "CudnnRNNBackprop", "CudnnRNNBackpropV3",
            "CudnnRNNParamsSize", "CudnnRNNParamsToCanonical", "CudnnRNNCanonicalToParams"):
    EXEMPTIONS[_op] = ("no-cpu-kernel: GPU kernels only in TF 1.14; covered-elsewhere: "
                       "tests/test_cudnn_rnn.py (TF 1.14 goldens)")
EXEMPTIONS["UnicodeScript"] = ("covered-elsewhere: tests/test_unicode_script.py (TF 1.14 goldens "
                               "over every code point)")
for _op in ("SparseSegmentSumWithNumSegments", "SparseSegmentMeanWithNumSegments",
            "SparseSegmentSqrtNWithNumSegments"):
    EXEMPTIONS[_op] = ("covered-elsewhere: tests/test_partial_core.py (TF 1.14 goldens "
                       "partial/sparse_segment_num: values, gradients, errors)")
# tf.contrib.summary: a summary writer resource and the ops writing events to its file
EXEMPTIONS.update({op: "covered-elsewhere: tests/test_contrib_summary.py (TF 1.14 goldens: "
                       "ops, event files read back, errors; writer resource)" for op in (
    "SummaryWriter", "CreateSummaryFileWriter", "FlushSummaryWriter", "CloseSummaryWriter",
    "ImportEvent", "WriteAudioSummary", "WriteGraphSummary", "WriteHistogramSummary",
    "WriteImageSummary", "WriteScalarSummary", "WriteSummary")})
EXEMPTIONS.update({op: "covered-elsewhere: tests/test_factorization.py (TF 1.14 goldens of "
                       "the kernels: values, seeded sampling, errors; and of KMeans)" for op in (
    "NearestNeighbors", "KmeansPlusPlusInitialization", "KMC2ChainInitialization")})
EXEMPTIONS.update({op: "covered-elsewhere: tests/test_wals.py (TF 1.14 golden "
                       "factorization/wals: WALSModel's sweeps and projections bit for bit, "
                       "the kernels' errors)" for op in (
    "WALSComputePartialLhsAndRhs", "MaskedMatmul")})
EXEMPTIONS.update({"RefIdentity": "covered-elsewhere: tests/test_prawops2_graphdefs.py (a "
                                  "reference variable; TF 1.14 golden, gradient included)"})
EXEMPTIONS.update({"PlaceholderV2": "covered-elsewhere: tests/test_prawops2_graphdefs.py (a "
                                    "producer-22 GraphDef: shape, feed, TF's error)"})
EXEMPTIONS.update({op: "covered-elsewhere: tests/test_prawops3_graphdefs.py (TF 1.14 GraphDefs "
                       "run step by step: v1 queues and readers, reference variables written "
                       "through the op)" for op in (
    "FIFOQueue", "PaddingFIFOQueue", "RandomShuffleQueue", "PriorityQueue", "QueueEnqueue",
    "QueueEnqueueMany", "QueueDequeue", "QueueDequeueMany", "QueueDequeueUpTo", "QueueClose",
    "QueueSize", "QueueIsClosed", "TextLineReader", "FixedLengthRecordReader", "IdentityReader",
    "TFRecordReader", "WholeFileReader", "RefSelect", "DebugGradientRefIdentity")})
EXEMPTIONS.update({op: "covered-elsewhere: tests/test_prawops4_graphdefs.py (TF 1.14 GraphDefs "
                       "run step by step: the v1/v2 TensorArray ops on their string handles, "
                       "values and errors; TileGrad's kernel error per dtype)" for op in (
    "TensorArray", "TensorArrayV2", "TensorArrayPack", "TensorArrayUnpack", "TileGrad") + tuple(
        f"TensorArray{kind}{v}" for v in ("", "V2") for kind in (
            "Write", "Scatter", "Split", "Read", "Gather", "Concat", "Size", "Close", "Grad"))})
EXEMPTIONS.update({op: "covered-elsewhere: tests/test_prawops4_graphdefs.py (TF 1.14 graphs "
                       "run step by step: the reference-typed lookup table ops, values, "
                       "errors and static shapes)" for op in (
    "HashTable", "MutableHashTable", "MutableHashTableOfTensors", "InitializeTable",
    "InitializeTableFromTextFile", "LookupTableFind", "LookupTableInsert", "LookupTableImport",
    "LookupTableExport", "LookupTableSize", "MutableDenseHashTable")})
EXEMPTIONS.update({"SampleDistortedBoundingBox": "covered-elsewhere: "
                                                 "tests/test_prawops4_graphdefs.py (TF 1.14 "
                                                 "graph, seeded runs and kernel errors)"})
EXEMPTIONS.update({op: "covered-elsewhere: tests/test_prawops4_graphdefs.py (TF 1.14 graph run "
                       "step by step: the reference-typed stack ops, values and errors)"
                   for op in ("Stack", "StackPush", "StackPop", "StackClose", "StackCloseV2")})
EXEMPTIONS.update({op: "io: tests/test_prawops4_graphdefs.py (TF 1.14 graph run step by step: "
                       "the V1 saver ops on a V1 file, values and TensorSliceReader's errors)"
                   for op in ("Save", "Restore", "RestoreSlice")})
EXEMPTIONS.update({"Variable": "covered-elsewhere: tests/test_prawops4_graphdefs.py (TF 1.14 "
                               "graph run step by step: VariableV2's first form, read, "
                               "written by Assign/AssignAdd/ApplyGradientDescent/ScatterAdd/"
                               "CountUpTo, shared by name; its static shapes)"})
EXEMPTIONS.update({"QuantizeAndDequantize": "covered-elsewhere: tests/test_prawops4_graphdefs.py "
                                            "(a producer-21 TF 1.14 graph: float32/float64 "
                                            "levels, gradients and kernel errors)"})
EXEMPTIONS.update({"RandomCrop": "covered-elsewhere: tests/test_prawops4_graphdefs.py (a "
                                 "producer-7 TF 1.14 graph: seeded offsets across runs, "
                                 "errors, static shapes)"})
EXEMPTIONS.update({"TensorArrayGradWithShape": "covered-elsewhere: "
                                               "tests/test_pminor2_graphdefs.py (TF 1.14 graph "
                                               "run step by step: writes checked, zeros, errors)"})
EXEMPTIONS.update({op: "covered-elsewhere: tests/test_pminor2_graphdefs.py (TF 1.14 graph run "
                       "step by step: a variable of one run, its values and errors)"
                   for op in ("TemporaryVariable", "DestroyTemporaryVariable")})
EXEMPTIONS.update({op: "covered-elsewhere: tests/test_pminor2_graphdefs.py (TF 1.14 graph run "
                       "step by step: inserts, takes, closes, sizes and their errors)"
                   for op in ("Barrier", "BarrierInsertMany", "BarrierTakeMany", "BarrierClose",
                              "BarrierReadySize", "BarrierIncompleteSize")})
EXEMPTIONS.update({"RandomPoisson": "covered-elsewhere: tests/test_pminor2_graphdefs.py (TF 1.14 "
                                    "producer-24 graph: seeded samples in each rate dtype)"})
EXEMPTIONS.update({"AudioSummary": "covered-elsewhere: tests/test_pminor2_graphdefs.py (TF 1.14 "
                                   "producer-14 graph: V2's summaries, the rate an attr)"})
EXEMPTIONS.update({"TensorSummary": "covered-elsewhere: tests/test_pminor2_graphdefs.py (TF 1.14 "
                                    "graph: its serialized summaries)"})
EXEMPTIONS.update({"ResourceStridedSliceAssign": "covered-elsewhere: "
                                                 "tests/test_pminor2_graphdefs.py (TF 1.14 graph: "
                                                 "sliced assignment to a resource variable)"})
# tf.contrib.framework.zero_initializer's ops: they write a variable (a ref / a resource
# handle), which no row's pure inputs can be
EXEMPTIONS.update({
    "ZeroInitializer": "covered-elsewhere: tests/test_contrib_framework_extra.py (TF's values, "
                       "ops and errors)",
    "ZeroVarInitializer": "covered-elsewhere: tests/test_contrib_framework_extra.py (TF's "
                          "values, ops and errors)",
})
EXEMPTIONS.update({op: "covered-elsewhere: tests/test_pfcseq.py (TF 1.14's StagingArea "
                       "pipeline: puts, gets, peeks, sizes, clears, the memory limit's and a "
                       "partial tuple's errors)"
                   for op in ("Stage", "Unstage", "StagePeek", "StageSize", "StageClear")})
EXEMPTIONS.update({prefix + op: "covered-elsewhere: tests/test_pmapstage.py (TF 1.14's "
                                "MapStagingArea: ops, complete and partial puts and gets, "
                                "key orders, the byte count, errors, waits in one run)"
                   for prefix in ("", "Ordered")
                   for op in ("MapStage", "MapUnstage", "MapUnstageNoKey", "MapPeek", "MapSize",
                              "MapIncompleteSize", "MapClear")})
