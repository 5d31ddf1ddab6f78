"""`tf.contrib.cluster_resolver`: TF 1.14's TPUClusterResolver, which BERT-style scripts
name when given a TPU (`--tpu_name`). flowgrad connects to no TPU, so after TF's checks of
the `tpu` argument (and its TPU_NAME / KUBE_GOOGLE_CLOUD_TPU_ENDPOINTS fallbacks) it
raises NotImplementedError. The other resolvers are not implemented: they raise
AttributeError naming the symbol."""
import os

__all__ = ["TPUClusterResolver"]


class TPUClusterResolver:
    """Resolves a Cloud TPU's cluster: not implemented (flowgrad has no TPUs)."""

    def __init__(self, tpu=None, zone=None, project=None, job_name="worker",
                 coordinator_name=None, coordinator_address=None, credentials="default",
                 service=None, discovery_url=None):
        if isinstance(tpu, list):
            if not tpu:
                raise ValueError("At least one TPU must be specified.")
            if len(tpu) != 1:
                raise NotImplementedError(
                    "Using multiple TPUs in a single session is not yet implemented")
            tpu = tpu[0]
        if tpu is None:
            tpu = os.environ.get("KUBE_GOOGLE_CLOUD_TPU_ENDPOINTS",
                                 os.environ.get("TPU_NAME"))
        if tpu is None:
            raise ValueError("Please provide a TPU Name to connect to.")
        raise NotImplementedError(
            "tf.contrib.cluster_resolver.TPUClusterResolver(%r): connecting to a TPU is not "
            "implemented by flowgrad (run with use_tpu=False)" % (tpu,))


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    raise AttributeError(
        f"flowgrad does not implement tensorflow.contrib.cluster_resolver.{name}")
