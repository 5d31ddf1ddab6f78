"""TF's `ClusterDef`/`JobDef` (tensorflow/core/protobuf/cluster.proto) as protobuf classes, and
`ServerDef` (tensorflow_server.proto) as a record whose text form is TF's.

ClusterDef and JobDef are built at import from a descriptor written here (package
`tensorflow`, TF's field numbers and types) in a private descriptor pool, so their bytes and
text format are TF's without generated code. ServerDef holds a flowgrad `tf.ConfigProto`
(not a protobuf class) in `default_session_config`, so it is a plain record with TF's fields
and TF's text format from str().
"""
from __future__ import annotations

from typing import ClassVar

from ..engine.framework.config import ConfigProto, _Message

__all__ = ["ServerDef", "is_cluster_def"]  # and, built on first use, ClusterDef and JobDef


def _build():
    from google.protobuf import (  # lazy: protobuf only when a cluster is used
        descriptor_pb2, descriptor_pool, message_factory)
    f = descriptor_pb2.FileDescriptorProto(name="flowgrad/distribute/cluster.proto",
                                           package="tensorflow", syntax="proto3")
    job = f.message_type.add(name="JobDef")
    job.field.add(name="name", number=1, type=descriptor_pb2.FieldDescriptorProto.TYPE_STRING,
                  label=descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL)
    job.field.add(name="tasks", number=2, type=descriptor_pb2.FieldDescriptorProto.TYPE_MESSAGE,
                  label=descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED,
                  type_name=".tensorflow.JobDef.TasksEntry")
    entry = job.nested_type.add(name="TasksEntry")
    entry.options.map_entry = True
    entry.field.add(name="key", number=1, type=descriptor_pb2.FieldDescriptorProto.TYPE_INT32,
                    label=descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL)
    entry.field.add(name="value", number=2,
                    type=descriptor_pb2.FieldDescriptorProto.TYPE_STRING,
                    label=descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL)
    cluster = f.message_type.add(name="ClusterDef")
    cluster.field.add(name="job", number=1,
                      type=descriptor_pb2.FieldDescriptorProto.TYPE_MESSAGE,
                      label=descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED,
                      type_name=".tensorflow.JobDef")
    pool = descriptor_pool.DescriptorPool()
    pool.AddSerializedFile(f.SerializeToString())
    get = getattr(message_factory, "GetMessageClass", None)
    if get is None:   # protobuf < 4
        factory = message_factory.MessageFactory(pool)
        get = factory.GetPrototype
    out = {}
    for name in ("JobDef", "ClusterDef"):
        cls = get(pool.FindMessageTypeByName("tensorflow." + name))
        try:
            cls.__module__ = __name__
        except (AttributeError, TypeError):
            pass
        out[name] = cls
    return out


_CLASSES: dict = {}


def __getattr__(name):
    if name in ("JobDef", "ClusterDef"):
        if not _CLASSES:
            _CLASSES.update(_build())
        return _CLASSES[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def is_cluster_def(obj):
    """Whether `obj` is a ClusterDef message (flowgrad's, or TF's own)."""
    d = getattr(obj, "DESCRIPTOR", None)
    return getattr(d, "full_name", None) == "tensorflow.ClusterDef"


def _config_text(msg, indent):
    """A flowgrad config record's set fields in protobuf text format."""
    return msg._text(indent)


class ServerDef(_Message):
    """`tf.train.ServerDef`: the cluster, this server's job and task, its sessions' default
    config and its protocol. str() is TF's text format."""
    _FIELDS: ClassVar[dict] = {"cluster": None, "job_name": "", "task_index": 0,
                               "default_session_config": ConfigProto, "protocol": ""}

    def __getattr__(self, name):
        if name == "cluster":
            value = __getattr__("ClusterDef")()
            object.__setattr__(self, name, value)
            return value
        return super().__getattr__(name)

    def __str__(self):
        out = []
        cluster = str(self.cluster)
        if cluster:
            out.append("cluster {\n" + "".join("  " + ln + "\n"
                                                for ln in cluster.splitlines()) + "}\n")
        if self.job_name:
            out.append(f'job_name: "{self.job_name}"\n')
        if self.task_index:
            out.append(f"task_index: {self.task_index}\n")
        if "default_session_config" in self.__dict__:
            inner = _config_text(self.default_session_config, 1)
            if inner:
                out.append("default_session_config {\n" + inner + "}\n")
        if self.protocol:
            out.append(f'protocol: "{self.protocol}"\n')
        return "".join(out)
