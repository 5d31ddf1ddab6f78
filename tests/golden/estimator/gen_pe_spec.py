"""TF 1.14's EstimatorSpec checks: what each mode needs, the loss (scalar, a [1] loss
reshaped to a scalar), predictions, hooks, eval_metric_ops and scaffold types, objects from
another graph, and a mode TF does not check (tests/test_pe_spec.py runs cases() on
flowgrad)."""


def _spec(tf, **kw):
    try:
        spec = tf.estimator.EstimatorSpec(**kw)
    except Exception as e:  # noqa: BLE001 - the golden records the class and message
        return e
    return {"loss": None if spec.loss is None else [spec.loss.name, spec.loss.shape.as_list()],
            "train_op": None if spec.train_op is None else spec.train_op.name,
            "predictions": spec.predictions if isinstance(spec.predictions, dict) and
            not spec.predictions else sorted(spec.predictions) if isinstance(
                spec.predictions, dict) else spec.predictions.name,
            "eval_metric_ops": sorted(spec.eval_metric_ops),
            "export_outputs": None if spec.export_outputs is None else
            sorted(spec.export_outputs),
            "hooks": [len(spec.training_hooks), len(spec.evaluation_hooks),
                      len(spec.prediction_hooks), len(spec.training_chief_hooks)],
            "mode": spec.mode}


def cases(tf):
    out = {}
    with tf.Graph().as_default():
        other = tf.constant(2.0, name="other")
    with tf.Graph().as_default():
        loss = tf.constant(1.0, name="loss")
        vec = tf.constant([1.0, 2.0], name="vec")
        one = tf.constant([3.0], name="one")
        ph = tf.placeholder(tf.float32, [None], name="ph")
        op = tf.no_op(name="train")
        m = tf.metrics.mean(vec)
        hook = tf.train.StopAtStepHook(last_step=3)
        out["train"] = _spec(tf, mode="train", loss=loss, train_op=op, training_hooks=[hook])
        out["train_no_op"] = _spec(tf, mode="train", loss=loss)
        out["train_no_loss"] = _spec(tf, mode="train", train_op=op)
        out["eval_no_loss"] = _spec(tf, mode="eval")
        out["eval_vector_loss"] = _spec(tf, mode="eval", loss=vec)
        out["eval_one_loss"] = _spec(tf, mode="eval", loss=one, eval_metric_ops={"m": m})
        out["eval_unknown_loss"] = _spec(tf, mode="eval", loss=ph)
        out["eval_loss_not_tensor"] = _spec(tf, mode="eval", loss=1.0)
        out["eval_other_graph_loss"] = _spec(tf, mode="eval", loss=other)
        out["eval_metrics_not_dict"] = _spec(tf, mode="eval", loss=loss, eval_metric_ops=[m])
        out["eval_metric_not_pair"] = _spec(tf, mode="eval", loss=loss,
                                            eval_metric_ops={"m": m[0]})
        out["eval_metric_other_graph"] = _spec(tf, mode="eval", loss=loss,
                                               eval_metric_ops={"m": (other, other)})
        out["infer"] = _spec(tf, mode="infer", predictions={"p": vec})
        out["infer_tensor"] = _spec(tf, mode="infer", predictions=vec)
        out["infer_missing"] = _spec(tf, mode="infer")
        out["infer_not_tensor"] = _spec(tf, mode="infer", predictions={"p": 1})
        out["infer_other_graph"] = _spec(tf, mode="infer", predictions={"p": other})
        out["infer_bad_export"] = _spec(tf, mode="infer", predictions=vec,
                                        export_outputs={"a": 1})
        out["unchecked_mode"] = _spec(tf, mode="predict", predictions=vec,
                                      export_outputs={"a": 1})
        out["train_op_not_op"] = _spec(tf, mode="train", loss=loss, train_op=1)
        out["train_op_other_graph"] = _spec(tf, mode="train", loss=loss, train_op=other)
        out["bad_hook"] = _spec(tf, mode="eval", loss=loss, evaluation_hooks=[1])
        out["bad_chief_hook"] = _spec(tf, mode="train", loss=loss, train_op=op,
                                      training_chief_hooks=[op])
        out["bad_scaffold"] = _spec(tf, mode="eval", loss=loss, scaffold=1)
    return out
