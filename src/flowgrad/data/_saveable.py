"""tf.data.experimental.make_saveable_from_iterator: an iterator's position as a
saveable object of tf.train.Saver (checkpoint key `<iterator>:0-state`, as TF 1.14), and
CheckpointInputPipelineHook, which checkpoints the graph's iterators beside a model
(in `input.ckpt-<step>`)."""
from __future__ import annotations

from ..engine.framework import meta_graph
from ..engine.framework.graph import get_default_graph
from ..engine.ops._base import apply_op
from ..train import checkpoint_management as _cm
from ..train.basic_session_run_hooks import CheckpointSaverHook
from ..train.saveable_object import SaveableObject, SaveSpec
from ..train.saver import Saver
from ..train.session_run_hook import SessionRunHook
from .iterator_ops import GLOBAL_ITERATORS

__all__ = ["CheckpointInputPipelineHook", "make_saveable_from_iterator"]


class _Saveable(SaveableObject):
    """SaveableObject for saving/restoring iterator state."""

    def __init__(self, iterator_resource, serialized=None):
        if serialized is None:
            serialized = apply_op("SerializeIterator", [iterator_resource], {}).outputs[0]
        specs = [SaveSpec(serialized, "", iterator_resource.name + "-state")]
        super().__init__(iterator_resource, specs, iterator_resource.name)

    def restore(self, restored_tensors, unused_restored_shapes):
        return apply_op("DeserializeIterator", [self.op, restored_tensors[0]], {})


def make_saveable_from_iterator(iterator):
    """Returns a SaveableObject for saving/restoring the iterator's state with a Saver:
    add it to the SAVEABLE_OBJECTS collection (or a Saver's var_list), and a restore in
    a new session continues with the element after the last one pulled before the save.

    >>> ds = tf.data.Dataset.range(10)
    >>> it = ds.make_one_shot_iterator()
    >>> tf.add_to_collection(tf.GraphKeys.SAVEABLE_OBJECTS,
    ...                      tf.data.experimental.make_saveable_from_iterator(it))
    """
    return _Saveable(iterator._iterator_resource)


class _CustomSaver(Saver):
    """A Saver whose `checkpoint` state file is `latest_filename` (the input pipeline's
    checkpoints beside the model's)."""

    def __init__(self, var_list, latest_filename):
        super().__init__(var_list)
        self._latest_filename = latest_filename

    def save(self, sess, save_path, global_step=None, latest_filename=None,
             meta_graph_suffix="meta", write_meta_graph=True, write_state=True,
             strip_default_attrs=False, save_debug_info=False):
        return super().save(sess, save_path, global_step,
                            latest_filename or self._latest_filename, meta_graph_suffix,
                            write_meta_graph, write_state, strip_default_attrs)


class CheckpointInputPipelineHook(SessionRunHook):
    """Checkpoints the iterators of the graph (its `iterators` collection) every N steps
    or seconds of the estimator's config, as `<model_dir>/input.ckpt-<step>` with the
    state file `checkpoint_input`; on the first run restores the latest such checkpoint
    (or writes one), so training resumes the input pipeline where it stopped."""

    def __init__(self, estimator):
        config = estimator._config
        checkpoint_prefix = "input"
        if config.num_worker_replicas > 1:
            checkpoint_prefix += f"_{config.task_type}_{config.task_id}"
        self._checkpoint_saver_hook = CheckpointSaverHook(
            estimator.model_dir, save_secs=config.save_checkpoints_secs,
            save_steps=config.save_checkpoints_steps,
            checkpoint_basename=checkpoint_prefix + ".ckpt")
        self._latest_filename = "checkpoint_" + checkpoint_prefix
        self._first_run = True

    def begin(self):
        hook = self._checkpoint_saver_hook
        if hook._saver is None and hook._scaffold is None:
            iterators = get_default_graph().get_collection(GLOBAL_ITERATORS)
            saveables = [_Saveable(i) for i in iterators]
            hook._saver = _CustomSaver(saveables, self._latest_filename)
        hook.begin()

    def _restore_or_save_initial_ckpt(self, session):
        hook = self._checkpoint_saver_hook
        latest = _cm.latest_checkpoint(hook._checkpoint_dir,
                                       latest_filename=self._latest_filename)
        if latest:
            hook._get_saver().restore(session, latest)
        else:
            global_step = session.run(hook._global_step_tensor)
            hook._save(session, global_step)
            hook._timer.update_last_triggered_step(global_step)

    def after_create_session(self, session, coord):
        if self._first_run:
            self._restore_or_save_initial_ckpt(session)
            self._first_run = False

    def before_run(self, run_context):
        if self._first_run:
            self._restore_or_save_initial_ckpt(run_context.session)
            self._first_run = False
        return self._checkpoint_saver_hook.before_run(run_context)

    def after_run(self, run_context, run_values):
        self._checkpoint_saver_hook.after_run(run_context, run_values)

    def end(self, session):
        self._checkpoint_saver_hook.end(session)


# -- in meta graphs: the iterator's resource and SerializeIterator tensors, by name -----------
def _strip(name, scope):
    return name[len(scope) + 1:] if scope and name.startswith(scope + "/") else name


def _to_proto(s, scope):
    return {"resource": _strip(s.op.name, scope), "state": _strip(s.specs[0].tensor.name, scope)}


def _from_proto(d, scope):
    g = get_default_graph()
    pre = scope + "/" if scope else ""
    return _Saveable(g.get_tensor_by_name(pre + d["resource"]),
                     g.get_tensor_by_name(pre + d["state"]))


def _check(d, has_node):
    if not isinstance(d, dict) or set(d) != {"resource", "state"}:
        raise ValueError("is not an iterator saveable (resource and state tensor names)")
    for k in ("resource", "state"):
        v = d[k]
        if not isinstance(v, str) or ":" not in v or not has_node(v.rsplit(":", 1)[0]):
            raise ValueError(f"field {k} names {v!r}, which is not a tensor of the meta graph")


# TF's MetaGraphDef holds the saveable's name (its resource tensor's) in a node_list
meta_graph.register_collection_kind("iterator_saveables", lambda x: isinstance(x, _Saveable),
                                    _to_proto, _from_proto, _check,
                                    tf_node_name=lambda d: d["resource"])
