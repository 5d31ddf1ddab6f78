"""tf.contrib.keras.preprocessing.image (TF 1.14): the objects of
tf.keras.preprocessing.image that TF 1.14's
contrib.keras exports under the same names."""
from ......keras.preprocessing.image import (  # noqa: F401
    DirectoryIterator, ImageDataGenerator, Iterator, NumpyArrayIterator, array_to_img,
    img_to_array, load_img, random_channel_shift, random_rotation, random_shear,
    random_shift, random_zoom)

__all__ = ["DirectoryIterator", "ImageDataGenerator", "Iterator", "NumpyArrayIterator",
           "array_to_img", "img_to_array", "load_img", "random_channel_shift", "random_rotation",
           "random_shear", "random_shift", "random_zoom"]
