"""tf.contrib.kernel_methods (TF 1.14): explicit kernel methods. RandomFourierFeatureMapper
maps dense features to random Fourier features (approximating the Gaussian kernel),
KernelLinearClassifier is a contrib.learn linear classifier over such mapped features, and
sparse_multiclass_hinge_loss is Crammer and Singer's multiclass hinge loss."""
from .kernel_estimators import KernelLinearClassifier
from .losses import sparse_multiclass_hinge_loss
from .mappers import RandomFourierFeatureMapper

__all__ = ["KernelLinearClassifier", "RandomFourierFeatureMapper",
           "sparse_multiclass_hinge_loss"]
