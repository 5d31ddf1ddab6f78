"""TF 1.14's tf.contrib.tpu.TPUEstimator run on the CPU (use_tpu=False) as BERT's
run_classifier.py drives it (tests/test_pbert_tpu.py): TFRecords read with
params['batch_size'] through tf.contrib.data.map_and_batch, a model_fn returning
TPUEstimatorSpec (eval_metrics, scaffold_fn, a host_call), the log lines, losses,
metrics, predictions, checkpoints, op counts and variables; TPUConfig / RunConfig
values; the errors of TPUEstimator's checks; and tf.estimator.Estimator's model_fn
argument checks."""
import logging
import math
import os
import re
import shutil
import tempfile

import numpy as np

SEQ, BS, VOCAB, WIDTH = 6, 4, 20, 8


class _Keep(logging.Handler):
    def __init__(self):
        logging.Handler.__init__(self)
        self.messages = []

    def emit(self, record):
        self.messages.append([record.levelname, record.getMessage()])


def _logged(tf, fn, d):
    """(fn's result, its log lines): the directory as <DIR>, addresses and dates left
    out, deprecation and AutoGraph notices dropped."""
    keep = _Keep()
    logger = logging.getLogger("tensorflow")
    logger.addHandler(keep)
    verbosity = tf.logging.get_verbosity()
    tf.logging.set_verbosity(tf.logging.INFO)
    try:
        result = fn()
    finally:
        logger.removeHandler(keep)
        tf.logging.set_verbosity(verbosity)
    lines = []
    for level, msg in keep.messages:
        if "deprecat" in msg or "could not be transformed" in msg or \
                msg.startswith("From ") or "contrib module will not be included" in msg:
            continue
        msg = msg.replace(d, "<DIR>")
        msg = re.sub(r" at 0x[0-9a-f]+", "", msg)
        msg = re.sub(r"<[\w.]+\.ClusterSpec object>", "<ClusterSpec object>", msg)
        msg = re.sub(r"(evaluation at) \S+", r"\1 <DATE>", msg)
        lines.append([level, msg])
    return result, lines


def _write_records(tf, path, n, seed):
    rng = np.random.RandomState(seed)
    writer = tf.python_io.TFRecordWriter(path)
    for _ in range(n):
        length = int(rng.randint(2, SEQ + 1))
        ids = [int(v) for v in rng.randint(1, VOCAB, size=length)] + [0] * (SEQ - length)
        feats = {"input_ids": ids, "input_mask": [1] * length + [0] * (SEQ - length),
                 "label_ids": [sum(ids) % 2], "is_real_example": [1]}
        example = tf.train.Example(features=tf.train.Features(feature={
            k: tf.train.Feature(int64_list=tf.train.Int64List(value=v))
            for k, v in feats.items()}))
        writer.write(example.SerializeToString())
    writer.close()


def _input_fn_builder(tf, path, is_training, drop_remainder, seen):
    name_to_features = {
        "input_ids": tf.FixedLenFeature([SEQ], tf.int64),
        "input_mask": tf.FixedLenFeature([SEQ], tf.int64),
        "label_ids": tf.FixedLenFeature([], tf.int64),
        "is_real_example": tf.FixedLenFeature([], tf.int64)}

    def decode(record):
        example = tf.parse_single_example(record, name_to_features)
        for name in list(example.keys()):
            if example[name].dtype == tf.int64:
                example[name] = tf.to_int32(example[name])
        return example

    def input_fn(params):
        seen.append(["input_fn", sorted((k, str(v)) for k, v in params.items())])
        d = tf.data.TFRecordDataset(path)
        if is_training:
            d = d.repeat()
            d = d.shuffle(buffer_size=16, seed=3)
        return d.apply(tf.contrib.data.map_and_batch(
            decode, batch_size=params["batch_size"], drop_remainder=drop_remainder))
    return input_fn


def _gelu(tf, x):
    return x * (0.5 * (1.0 + tf.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * tf.pow(x, 3)))))


def _model_fn_builder(tf, seen, init_checkpoint=None):
    def model_fn(features, labels, mode, params):
        seen.append(["model_fn", mode, sorted((k, str(v)) for k, v in params.items()),
                     labels is None])
        is_training = mode == tf.estimator.ModeKeys.TRAIN
        init = tf.truncated_normal_initializer(stddev=0.02)
        input_ids = features["input_ids"]
        with tf.variable_scope("bert"):
            table = tf.get_variable("word_embeddings", [VOCAB, WIDTH], initializer=init)
            emb = tf.gather(table, tf.reshape(input_ids, [-1]))
            emb = tf.reshape(emb, [-1, SEQ, WIDTH])
            pos = tf.get_variable("position_embeddings", [16, WIDTH], initializer=init)
            emb += tf.reshape(tf.slice(pos, [0, 0], [SEQ, -1]), [1, SEQ, WIDTH])
            emb = tf.contrib.layers.layer_norm(emb, begin_norm_axis=-1, begin_params_axis=-1)
            if is_training:
                emb = tf.nn.dropout(emb, keep_prob=0.9)
            mask = tf.cast(tf.expand_dims(features["input_mask"], -1), tf.float32)
            pooled = tf.reduce_sum(emb * mask, axis=1) / tf.reduce_sum(mask, axis=1)
            hidden = tf.layers.dense(pooled, WIDTH, activation=lambda x: _gelu(tf, x),
                                     kernel_initializer=init, name="pooler")
        weights = tf.get_variable("output_weights", [2, WIDTH], initializer=init)
        bias = tf.get_variable("output_bias", [2], initializer=tf.zeros_initializer())
        logits = tf.nn.bias_add(tf.matmul(hidden, weights, transpose_b=True), bias)
        probabilities = tf.nn.softmax(logits, axis=-1)
        log_probs = tf.nn.log_softmax(logits, axis=-1)
        label_ids = features["label_ids"]
        one_hot = tf.one_hot(label_ids, depth=2, dtype=tf.float32)
        per_example_loss = -tf.reduce_sum(one_hot * log_probs, axis=-1)
        loss = tf.reduce_mean(per_example_loss)
        scaffold_fn = None
        if init_checkpoint:
            names = {n for n, _ in tf.train.list_variables(init_checkpoint)}
            assignment_map = {v.op.name: v.op.name for v in tf.trainable_variables()
                              if v.op.name in names}

            def scaffold_fn():
                seen.append(["scaffold_fn", sorted(assignment_map)])
                tf.train.init_from_checkpoint(init_checkpoint, assignment_map)
                return tf.train.Scaffold()
        if mode == tf.estimator.ModeKeys.TRAIN:
            step = tf.train.get_or_create_global_step()
            lr = tf.train.polynomial_decay(0.5, step, 6, end_learning_rate=0.0)
            opt = tf.train.GradientDescentOptimizer(lr)
            grads = tf.gradients(loss, tf.trainable_variables())
            grads, _ = tf.clip_by_global_norm(grads, clip_norm=1.0)
            train_op = opt.apply_gradients(zip(grads, tf.trainable_variables()),
                                           global_step=step)
            return tf.contrib.tpu.TPUEstimatorSpec(mode=mode, loss=loss, train_op=train_op,
                                                   scaffold_fn=scaffold_fn)
        if mode == tf.estimator.ModeKeys.EVAL:
            def metric_fn(per_example_loss, label_ids, logits, is_real_example):
                predictions = tf.argmax(logits, axis=-1, output_type=tf.int32)
                return {"eval_accuracy": tf.metrics.accuracy(
                            labels=label_ids, predictions=predictions,
                            weights=is_real_example),
                        "eval_loss": tf.metrics.mean(values=per_example_loss,
                                                     weights=is_real_example)}
            is_real = tf.cast(features["is_real_example"], tf.float32)
            return tf.contrib.tpu.TPUEstimatorSpec(
                mode=mode, loss=loss, scaffold_fn=scaffold_fn,
                eval_metrics=(metric_fn, [per_example_loss, label_ids, logits, is_real]))
        return tf.contrib.tpu.TPUEstimatorSpec(
            mode=mode, predictions={"probabilities": probabilities, "ids": input_ids},
            scaffold_fn=scaffold_fn)
    return model_fn


def _run_config(tf, model_dir, **kw):
    return tf.contrib.tpu.RunConfig(
        cluster=None, master=None, model_dir=model_dir, save_checkpoints_steps=4,
        tf_random_seed=1234, tpu_config=tf.contrib.tpu.TPUConfig(
            iterations_per_loop=2, num_shards=8,
            per_host_input_for_training=tf.contrib.tpu.InputPipelineConfig.PER_HOST_V2),
        **kw)


class _OpCount(object):
    """A hook recording the number of ops of the graph a mode runs."""

    def __init__(self, tf, seen, what):
        base = tf.train.SessionRunHook

        class Hook(base):
            def begin(self):
                seen.append(["ops", what, len(tf.get_default_graph().get_operations())])
        self.hook = Hook()


def _classifier(tf, d):
    seen = []
    train_file = os.path.join(d, "train.tf_record")
    eval_file = os.path.join(d, "eval.tf_record")
    _write_records(tf, train_file, 12, 1)
    _write_records(tf, eval_file, 6, 2)
    model_dir = os.path.join(d, "model")

    def run():
        est = tf.contrib.tpu.TPUEstimator(
            use_tpu=False, model_fn=_model_fn_builder(tf, seen),
            config=_run_config(tf, model_dir, log_step_count_steps=4),
            train_batch_size=BS, eval_batch_size=BS, predict_batch_size=3)
        est.train(_input_fn_builder(tf, train_file, True, True, seen), max_steps=6,
                  hooks=[_OpCount(tf, seen, "train").hook])
        ckpts = sorted(f for f in os.listdir(model_dir) if f.endswith(".index"))
        metrics = est.evaluate(_input_fn_builder(tf, eval_file, False, True, seen), steps=1,
                               hooks=[_OpCount(tf, seen, "eval").hook])
        preds = list(est.predict(_input_fn_builder(tf, eval_file, False, False, seen),
                                 hooks=[_OpCount(tf, seen, "predict").hook]))
        return {"checkpoints": ckpts, "variables": est.get_variable_names(),
                "global_step": est.get_variable_value("global_step"),
                "pooler": est.get_variable_value("bert/pooler/kernel"),
                "metrics": metrics, "predictions": preds,
                "params": est.params, "model_dir_files": sorted(
                    f for f in os.listdir(model_dir) if not f.startswith("events")
                    and not f.startswith("graph"))}
    result, lines = _logged(tf, run, d)
    # the examples/sec hook reports rates: keep that it logged, not the values
    lines = [[lv, re.sub(r": [0-9.e+-]+$", ": <RATE>", m) if "/sec" in m else m]
             for lv, m in lines]
    result["seen"] = seen
    result["log"] = lines
    return result


def _warm_started(tf, d):
    """A second TPUEstimator whose scaffold_fn restores the first one's checkpoint."""
    seen = []
    eval_file = os.path.join(d, "eval.tf_record")
    _write_records(tf, eval_file, 4, 5)
    first = os.path.join(d, "first")
    est = tf.contrib.tpu.TPUEstimator(use_tpu=False, model_fn=_model_fn_builder(tf, []),
                                      config=_run_config(tf, first), train_batch_size=BS,
                                      eval_batch_size=BS, predict_batch_size=BS)
    est.train(_input_fn_builder(tf, eval_file, True, True, []), steps=2)
    ckpt = tf.train.latest_checkpoint(first)
    second = os.path.join(d, "second")
    est2 = tf.contrib.tpu.TPUEstimator(
        use_tpu=False, model_fn=_model_fn_builder(tf, seen, init_checkpoint=ckpt),
        config=_run_config(tf, second), train_batch_size=BS, eval_batch_size=BS,
        predict_batch_size=BS)
    preds = [p["probabilities"] for p in est2.predict(
        _input_fn_builder(tf, eval_file, False, False, []), yield_single_examples=False)]
    firsts = [p["probabilities"] for p in est.predict(
        _input_fn_builder(tf, eval_file, False, False, []), yield_single_examples=False)]
    return {"seen": seen, "predictions": preds, "same_as_first": [
        bool(np.array_equal(a, b)) for a, b in zip(preds, firsts)]}


def _host_call(tf, d):
    """host_call on the CPU: its function's ops run with every step (here a counter)."""
    path = os.path.join(d, "r.tf_record")
    _write_records(tf, path, 4, 7)
    inner = _model_fn_builder(tf, [])

    def model_fn(features, labels, mode, params):
        spec = inner(features, labels, mode, params)
        if mode != tf.estimator.ModeKeys.TRAIN:
            return spec
        counter = tf.get_variable("calls", [], tf.int64, tf.zeros_initializer(),
                                  trainable=False)

        def host_fn(gs, loss):
            return [tf.assign_add(counter, tf.reduce_sum(gs) * 0 + 1)]
        step = tf.reshape(tf.train.get_global_step(), [1])
        return spec._replace(host_call=(host_fn, [step, tf.reshape(spec.loss, [1])]))
    est = tf.contrib.tpu.TPUEstimator(use_tpu=False, model_fn=model_fn,
                                      config=_run_config(tf, os.path.join(d, "m")),
                                      train_batch_size=2)
    est.train(_input_fn_builder(tf, path, True, True, []), steps=3)
    return est.get_variable_value("calls")


def _errors(tf, d):
    tpu = tf.contrib.tpu

    def mf(features, labels, mode, params):
        return None

    def no_params(features, labels, mode):
        return None

    def err(fn):
        try:
            fn()
        except Exception as e:  # noqa: BLE001 - the error is the result
            return [type(e).__name__, re.sub(r" at 0x[0-9a-f]+", "", str(e).splitlines()[0])]
        return None

    def metric(a, b):
        return {}

    out = {
        "plain_run_config": err(lambda: tpu.TPUEstimator(
            mf, config=tf.estimator.RunConfig(), use_tpu=False)),
        "no_config": err(lambda: tpu.TPUEstimator(mf, use_tpu=False)),
        "reserved_params": err(lambda: tpu.TPUEstimator(
            mf, config=tpu.RunConfig(model_dir=d), params={"batch_size": 2},
            use_tpu=False)),
        "use_tpu_no_batch": err(lambda: tpu.TPUEstimator(
            mf, config=tpu.RunConfig(model_dir=d))),
        "use_tpu_bad_batch": err(lambda: tpu.TPUEstimator(
            mf, config=tpu.RunConfig(model_dir=d), train_batch_size=0)),
        "iterations_bad": err(lambda: tpu.TPUConfig(iterations_per_loop="2x")),
        "iterations_zero": err(lambda: tpu.TPUConfig(iterations_per_loop=0)),
        "num_shards_float": err(lambda: tpu.TPUConfig(num_shards=2.0)),
        "cores_3": err(lambda: tpu.TPUConfig(num_cores_per_replica=3)),
        "partition_not_v2": err(lambda: tpu.TPUConfig(input_partition_dims=[[1]])),
        "eval_input_bad": err(lambda: tpu.TPUConfig(eval_training_input_configuration=3)),
        "spec_metrics_not_tuple": err(lambda: tpu.TPUEstimatorSpec(
            "eval", eval_metrics=metric)),
        "spec_metrics_three": err(lambda: tpu.TPUEstimatorSpec(
            "eval", eval_metrics=(metric, [], []))),
        "spec_metrics_not_callable": err(lambda: tpu.TPUEstimatorSpec(
            "eval", eval_metrics=(1, []))),
        "spec_metrics_tensors_int": err(lambda: tpu.TPUEstimatorSpec(
            "eval", eval_metrics=(metric, 1))),
        "spec_metrics_arity": err(lambda: tpu.TPUEstimatorSpec(
            "eval", eval_metrics=(metric, [1]))),
        "spec_host_call_arity": err(lambda: tpu.TPUEstimatorSpec(
            "train", host_call=(metric, [1, 2, 3]))),
        "spec_bad_hook": err(lambda: tpu.TPUEstimatorSpec("train", training_hooks=[1])),
        "model_fn_no_params": err(lambda: tpu.TPUEstimator(
            no_params, config=tpu.RunConfig(model_dir=d), use_tpu=False, params={})),
    }
    est = tpu.TPUEstimator(mf, config=tpu.RunConfig(model_dir=os.path.join(d, "e")),
                           use_tpu=False, train_batch_size=2)
    out["input_fn_no_params"] = err(lambda: est.train(lambda: ({"x": tf.ones([2])}, None),
                                                      steps=1))
    return out


def _configs(tf, d):
    tpu = tf.contrib.tpu
    c = tpu.TPUConfig()
    rc = tpu.RunConfig(model_dir=d, tpu_config=tpu.TPUConfig(
        iterations_per_loop="3m", per_host_input_for_training=False, num_shards=4))
    replaced = rc.replace(tpu_config=tpu.TPUConfig(5), save_summary_steps=7)
    return {"default": repr(c), "run_config": repr(rc.tpu_config),
            "master": [rc.master, rc.evaluation_master, rc.cluster is None],
            "explicit_master": [tpu.RunConfig(master="", evaluation_master="e").master,
                                tpu.RunConfig(master="", evaluation_master="e")
                                .evaluation_master],
            "replaced": [repr(replaced.tpu_config), replaced.save_summary_steps,
                         type(replaced).__name__, repr(rc.tpu_config)],
            "pipeline": [tpu.InputPipelineConfig.PER_SHARD_V1,
                         tpu.InputPipelineConfig.PER_HOST_V1,
                         tpu.InputPipelineConfig.PER_HOST_V2,
                         tpu.InputPipelineConfig.BROADCAST, tpu.InputPipelineConfig.SLICED],
            "same_classes": [tpu.TPUEstimator is tf.estimator.tpu.TPUEstimator,
                             tpu.RunConfig is tf.estimator.tpu.RunConfig,
                             issubclass(tpu.RunConfig, tf.estimator.RunConfig),
                             issubclass(tpu.TPUEstimator, tf.estimator.Estimator)]}


def _core_model_fn_args(tf, d):
    """tf.estimator.Estimator's model_fn argument checks (TF's verify_model_fn_args)."""
    def with_params(features, labels, mode, params):
        return None

    def odd(features, labels, other):
        return None

    def no_features(x, labels):
        return None

    out = {}
    for name, fn, params in (("params_not_passed", with_params, None),
                             ("unexpected_arg", odd, None),
                             ("no_features", no_features, None),
                             ("params_not_taken", odd, {"a": 1})):
        def make():
            try:
                tf.estimator.Estimator(fn, model_dir=d, params=params)
            except ValueError as e:
                return re.sub(r" at 0x[0-9a-f]+", "", str(e))
            return None
        result, lines = _logged(tf, make, d)
        out[name] = [result, [m for m in lines if "Using config" not in m[1]]]
    return out


def _cluster_resolver(tf, d):
    """TPUClusterResolver's checks of `tpu` before any TPU is contacted (no TPU_NAME)."""
    saved = {k: os.environ.pop(k) for k in ("TPU_NAME", "KUBE_GOOGLE_CLOUD_TPU_ENDPOINTS")
             if k in os.environ}
    out = {}
    try:
        for name, tpu in (("none", None), ("empty_list", []), ("two", ["a", "b"])):
            try:
                tf.contrib.cluster_resolver.TPUClusterResolver(tpu=tpu)
                out[name] = None
            except Exception as e:  # noqa: BLE001 - the error is the result
                out[name] = [type(e).__name__, str(e)]
    finally:
        os.environ.update(saved)
    return out


def cases(tf):
    out = {}
    for name, fn in (("classifier", _classifier), ("warm_started", _warm_started),
                     ("host_call", _host_call), ("errors", _errors),
                     ("configs", _configs), ("core_model_fn_args", _core_model_fn_args),
                     ("cluster_resolver", _cluster_resolver)):
        d = tempfile.mkdtemp()
        try:
            with tf.Graph().as_default():
                out[name] = fn(tf, os.path.realpath(d))
        finally:
            shutil.rmtree(d, ignore_errors=True)
    return out
