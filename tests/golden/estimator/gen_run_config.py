"""tf.estimator.RunConfig under TF 1.14 with TF_CONFIG set (tests/test_run_config.py): the
cluster, task type and index, master, evaluation master, parameter-server and worker
counts, chief, global id, model_dir, service and the default distributed session config's
device filters; TF's errors for malformed TF_CONFIGs; replace() checks."""
import json
import os

CLUSTER = {"chief": ["host0:2222"], "worker": ["host1:2222", "host2:2222"],
           "ps": ["host3:2222", "host4:2222"]}
CONFIGS = {
    "none": None,
    "model_dir_only": {"model_dir": "/tmp/m"},
    "chief": {"cluster": CLUSTER, "task": {"type": "chief", "index": 0}},
    "worker_1": {"cluster": CLUSTER, "task": {"type": "worker", "index": 1},
                 "model_dir": "/tmp/m"},
    "ps_0": {"cluster": CLUSTER, "task": {"type": "ps", "index": "0"}},
    "evaluator": {"cluster": CLUSTER, "task": {"type": "evaluator", "index": 0},
                  "eval_session_master": "grpc://e:1"},
    "master": {"cluster": {"master": ["m:1"], "worker": ["w:1"], "ps": ["p:1"]},
               "task": {"type": "worker", "index": 0}},
    "single_chief": {"cluster": {"chief": ["c:1"]}, "task": {"type": "chief", "index": 0}},
    "session_master": {"session_master": "grpc://s:1", "service": {"k": 1}},
    "no_chief": {"cluster": {"worker": ["w:1"]}, "task": {"type": "worker", "index": 0}},
    "two_chiefs": {"cluster": {"chief": ["a:1", "b:1"]}, "task": {"type": "chief",
                                                                  "index": 0}},
    "no_type": {"cluster": CLUSTER, "task": {"index": 0}},
    "no_index": {"cluster": CLUSTER, "task": {"type": "worker"}},
    "bad_index": {"cluster": CLUSTER, "task": {"type": "worker", "index": 5}},
    "negative_index": {"cluster": CLUSTER, "task": {"type": "worker", "index": -1}},
    "bad_type": {"cluster": CLUSTER, "task": {"type": "nope", "index": 0}},
    "local_not_worker": {"task": {"type": "chief", "index": 0}},
    "local_index": {"task": {"type": "worker", "index": 1}},
    "master_and_chief": {"cluster": {"master": ["m:1"], "chief": ["c:1"]},
                         "task": {"type": "master", "index": 0}},
    "bad_service": {"service": 3},
    "eval_master_on_worker": {"cluster": CLUSTER, "task": {"type": "worker", "index": 0},
                              "eval_session_master": "x"},
    "empty_model_dir": {"model_dir": ""},
}


def _props(tf, cfg):
    sc = cfg.session_config
    return {"master": cfg.master, "evaluation_master": cfg.evaluation_master,
            "task_type": cfg.task_type, "task_id": cfg.task_id,
            "num_ps_replicas": cfg.num_ps_replicas,
            "num_worker_replicas": cfg.num_worker_replicas, "is_chief": cfg.is_chief,
            "global_id_in_cluster": cfg.global_id_in_cluster, "model_dir": cfg.model_dir,
            "service": cfg.service, "cluster": cfg.cluster_spec.as_dict(),
            "device_filters": None if sc is None else list(sc.device_filters),
            "soft_placement": None if sc is None else sc.allow_soft_placement}


def _err(fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - the class and message are the answer
        return "%s: %s" % (type(e).__name__, e)


def cases(tf):
    out = {}
    saved = os.environ.pop("TF_CONFIG", None)
    try:
        for name, conf in sorted(CONFIGS.items()):
            if conf is None:
                os.environ.pop("TF_CONFIG", None)
            else:
                os.environ["TF_CONFIG"] = json.dumps(conf)
            out[name] = _err(lambda: _props(tf, tf.estimator.RunConfig()))
        os.environ["TF_CONFIG"] = json.dumps({"model_dir": "/tmp/m"})
        out["model_dir_mismatch"] = _err(lambda: tf.estimator.RunConfig(model_dir="/tmp/x"))
        out["model_dir_same"] = _err(lambda: tf.estimator.RunConfig(model_dir="/tmp/m")
                                     .model_dir)
        os.environ.pop("TF_CONFIG", None)
        base = tf.estimator.RunConfig(save_checkpoints_steps=5)
        out["replace_secs"] = _err(lambda: [base.replace(save_checkpoints_secs=7)
                                            .save_checkpoints_steps,
                                            base.replace(save_checkpoints_secs=7)
                                            .save_checkpoints_secs])
        out["replace_both"] = _err(lambda: base.replace(save_checkpoints_secs=7,
                                                        save_checkpoints_steps=3))
        out["replace_bad_key"] = _err(lambda: base.replace(master="x"))
        out["replace_negative"] = _err(lambda: base.replace(keep_checkpoint_max=-1))
        out["both_ckpt"] = _err(lambda: tf.estimator.RunConfig(save_checkpoints_steps=5,
                                                               save_checkpoints_secs=5))
        out["seed_type"] = _err(lambda: tf.estimator.RunConfig(tf_random_seed=1.5))
        out["log_steps"] = _err(lambda: tf.estimator.RunConfig(log_step_count_steps=0))
        out["session_config_type"] = _err(lambda: tf.estimator.RunConfig(session_config=3))
        out["protocol"] = _err(lambda: tf.estimator.RunConfig(protocol="http"))
        out["empty_model_dir_arg"] = _err(lambda: tf.estimator.RunConfig(model_dir=""))
        out["estimator_session_config"] = _estimator_session_config(tf)
    finally:
        os.environ.pop("TF_CONFIG", None)
        if saved is not None:
            os.environ["TF_CONFIG"] = saved
    return out


def _session_props(c):
    return None if c is None else [c.allow_soft_placement, c.intra_op_parallelism_threads,
                                   c.graph_options.rewrite_options.meta_optimizer_iterations]


def _estimator_session_config(tf):
    # an Estimator given no session_config runs with TF's default one (soft placement,
    # one meta-optimizer iteration); a given one is kept
    col = [tf.feature_column.numeric_column("x")]
    given = tf.ConfigProto(intra_op_parallelism_threads=2)
    default = tf.estimator.LinearRegressor(col, model_dir="/tmp/unused_model_dir_a")
    own = tf.estimator.LinearRegressor(col, model_dir="/tmp/unused_model_dir_b",
                                       config=tf.estimator.RunConfig(session_config=given))
    return [_session_props(tf.estimator.RunConfig().session_config),
            _session_props(default.config.session_config),
            _session_props(own.config.session_config),
            own.config.session_config is given]
