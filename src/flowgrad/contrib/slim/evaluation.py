"""slim.evaluation (TF 1.14 contrib/slim/python/slim/evaluation.py): `evaluate_once` and
`evaluation_loop`, TF-Slim's wrappers of tf.contrib.training's evaluation loop (a
StopAfterNEvalsHook running `eval_op` `num_evals` times, a SummaryAtEndHook writing
`summary_op`'s summaries to `logdir`, a Saver over `variables_to_restore`)."""
from ... import summary
from ...train.monitored_session import Scaffold
from ...train.saver import Saver
from ..training import evaluation

__all__ = ["evaluate_once", "evaluation_loop", "wait_for_new_checkpoint",
           "checkpoints_iterator"]

wait_for_new_checkpoint = evaluation.wait_for_new_checkpoint
checkpoints_iterator = evaluation.checkpoints_iterator

_USE_DEFAULT = 0


def _hooks(num_evals, logdir, summary_op, summary_op_feed_dict, hooks):
    if summary_op == _USE_DEFAULT:
        summary_op = summary.merge_all()
    all_hooks = [evaluation.StopAfterNEvalsHook(num_evals)]
    if summary_op is not None:
        all_hooks.append(evaluation.SummaryAtEndHook(
            log_dir=logdir, summary_op=summary_op, feed_dict=summary_op_feed_dict))
    if hooks is not None:
        all_hooks.extend(hooks)
    return all_hooks


def evaluate_once(master, checkpoint_path, logdir, num_evals=1, initial_op=None,
                  initial_op_feed_dict=None, eval_op=None, eval_op_feed_dict=None,
                  final_op=None, final_op_feed_dict=None, summary_op=_USE_DEFAULT,
                  summary_op_feed_dict=None, variables_to_restore=None, session_config=None,
                  hooks=None):
    """Evaluates the model at `checkpoint_path`: `eval_op` `num_evals` times, then
    returns the value of `final_op` (None without one)."""
    all_hooks = _hooks(num_evals, logdir, summary_op, summary_op_feed_dict, hooks)
    saver = None
    if variables_to_restore is not None:
        saver = Saver(variables_to_restore)
    return evaluation.evaluate_once(
        checkpoint_path, master=master,
        scaffold=Scaffold(init_op=initial_op, init_feed_dict=initial_op_feed_dict, saver=saver),
        eval_ops=eval_op, feed_dict=eval_op_feed_dict, final_ops=final_op,
        final_ops_feed_dict=final_op_feed_dict, hooks=all_hooks, config=session_config)


def evaluation_loop(master, checkpoint_dir, logdir, num_evals=1, initial_op=None,
                    initial_op_feed_dict=None, init_fn=None, eval_op=None,
                    eval_op_feed_dict=None, final_op=None, final_op_feed_dict=None,
                    summary_op=_USE_DEFAULT, summary_op_feed_dict=None,
                    variables_to_restore=None, eval_interval_secs=60,
                    max_number_of_evaluations=None, session_config=None, timeout=None,
                    timeout_fn=None, hooks=None):
    """TF-Slim's evaluation loop: evaluates each new checkpoint of `checkpoint_dir` as
    evaluate_once does; returns the last value of `final_op`."""
    all_hooks = _hooks(num_evals, logdir, summary_op, summary_op_feed_dict, hooks)
    saver = None
    if variables_to_restore is not None:
        saver = Saver(variables_to_restore)
    return evaluation.evaluate_repeatedly(
        checkpoint_dir, master=master,
        scaffold=Scaffold(init_op=initial_op, init_feed_dict=initial_op_feed_dict,
                          init_fn=init_fn, saver=saver),
        eval_ops=eval_op, feed_dict=eval_op_feed_dict, final_ops=final_op,
        final_ops_feed_dict=final_op_feed_dict, eval_interval_secs=eval_interval_secs,
        hooks=all_hooks, config=session_config,
        max_number_of_evaluations=max_number_of_evaluations, timeout=timeout,
        timeout_fn=timeout_fn)
