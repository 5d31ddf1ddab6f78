"""ConfigProto built field by field the way scripts do (gpu_options.allow_growth and
per_process_gpu_memory_fraction set after construction, tf.GPUOptions passed in,
device_count={'GPU': 0}, use_per_session_threads, operation_timeout_in_ms), its text, a
session's list_devices under it, and runs with tf.RunOptions
(report_tensor_allocations_upon_oom, timeout_in_ms, trace_level NO_TRACE) and RunMetadata;
values at full precision."""
import numpy as np
import tensorflow as tf

cfg = tf.ConfigProto(allow_soft_placement=True, log_device_placement=False,
                     device_count={"GPU": 0, "CPU": 1}, use_per_session_threads=True,
                     intra_op_parallelism_threads=2, inter_op_parallelism_threads=2)
cfg.gpu_options.allow_growth = True
cfg.gpu_options.per_process_gpu_memory_fraction = 0.4
cfg.operation_timeout_in_ms = 60000
print(cfg.gpu_options.allow_growth, repr(cfg.gpu_options.per_process_gpu_memory_fraction))
print(sorted(cfg.device_count.items()), cfg.use_per_session_threads)
print(str(cfg).replace("\n", "|"))
gpu = tf.GPUOptions(allow_growth=True, per_process_gpu_memory_fraction=0.333,
                    visible_device_list="")
cfg2 = tf.ConfigProto(gpu_options=gpu, allow_soft_placement=True)
print(repr(cfg2.gpu_options.per_process_gpu_memory_fraction), cfg2.HasField("gpu_options"),
      cfg2.HasField("graph_options"))
print(str(cfg2).replace("\n", "|"))
cfg3 = tf.ConfigProto()
cfg3.CopyFrom(cfg2)
cfg3.MergeFrom(tf.ConfigProto(intra_op_parallelism_threads=2))
print(cfg3 == cfg2, cfg3.intra_op_parallelism_threads, cfg3.gpu_options.allow_growth)

tf.set_random_seed(9)
x = tf.placeholder(tf.float32, [None, 6], name="x")
w = tf.Variable(tf.truncated_normal([6, 3], stddev=0.3, seed=1), name="w")
y = tf.nn.sigmoid(tf.matmul(x, w), name="y")
loss = tf.reduce_mean(tf.square(y - 0.5))
step = tf.train.RMSPropOptimizer(0.01).minimize(loss)
np.random.seed(1)
XV = np.random.rand(5, 6).astype(np.float32)
with tf.Session(config=cfg) as sess:
    print(sorted(d.device_type for d in sess.list_devices()))
    sess.run(tf.global_variables_initializer())
    opts = tf.RunOptions(report_tensor_allocations_upon_oom=True, timeout_in_ms=20000)
    md = tf.RunMetadata()
    for _ in range(3):
        lv, _ = sess.run([loss, step], {x: XV}, options=opts, run_metadata=md)
        print(repr(float(lv)))
    print(md.HasField("step_stats"), len(md.partition_graphs))
    nt = tf.RunOptions(trace_level=tf.RunOptions.NO_TRACE, timeout_in_ms=1000)
    print(repr(sess.run(w, options=nt).reshape(-1).tolist()))
    print(opts.report_tensor_allocations_upon_oom, opts.timeout_in_ms,
          str(opts).replace("\n", "|"))
