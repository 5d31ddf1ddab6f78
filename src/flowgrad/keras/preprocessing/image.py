"""tf.keras.preprocessing.image (TF 1.14): ImageDataGenerator (flow, flow_from_directory,
flow_from_dataframe), the iterators, the random and affine transforms, and
load_img/save_img/img_to_array/array_to_img, from keras_preprocessing with flowgrad's
image_data_format() and floatx() as the defaults, as TF 1.14 sets them."""
from keras_preprocessing import image as _image

from .. import backend, utils

__all__ = ["DirectoryIterator", "ImageDataGenerator", "Iterator", "NumpyArrayIterator",
           "apply_affine_transform", "apply_brightness_shift", "apply_channel_shift",
           "array_to_img", "img_to_array", "load_img", "random_brightness",
           "random_channel_shift", "random_rotation", "random_shear", "random_shift",
           "random_zoom", "save_img"]

random_rotation = _image.random_rotation
random_shift = _image.random_shift
random_shear = _image.random_shear
random_zoom = _image.random_zoom
apply_channel_shift = _image.apply_channel_shift
random_channel_shift = _image.random_channel_shift
apply_brightness_shift = _image.apply_brightness_shift
random_brightness = _image.random_brightness
apply_affine_transform = _image.apply_affine_transform
load_img = _image.load_img


def _fmt(data_format):
    return backend.image_data_format() if data_format is None else data_format


def _dtype(dtype):
    return backend.floatx() if dtype is None else dtype


def array_to_img(x, data_format=None, scale=True, dtype=None):
    """A PIL image of the 3-D array `x` (rescaled to [0, 255] when `scale`)."""
    return _image.array_to_img(x, data_format=_fmt(data_format),
                               scale=scale, dtype=_dtype(dtype))


def img_to_array(img, data_format=None, dtype=None):
    """The 3-D array (dtype default floatx) of a PIL image."""
    return _image.img_to_array(img, data_format=_fmt(data_format),
                               dtype=_dtype(dtype))


def save_img(path, x, data_format=None, file_format=None, scale=True, **kwargs):
    """Writes the 3-D array `x` as an image file (PIL's `save` with `kwargs`)."""
    _image.save_img(path, x, data_format=_fmt(data_format),
                    file_format=file_format, scale=scale, **kwargs)


class Iterator(_image.Iterator, utils.Sequence):
    """The base of the image iterators: batches of `batch_size` of `n` samples, shuffled
    each epoch when `shuffle` (NumPy's global generator seeded by `seed` plus the epoch)."""


class DirectoryIterator(_image.DirectoryIterator, Iterator):
    """Batches of the images under `directory` (one subfolder per class)."""

    def __init__(self, directory, image_data_generator, target_size=(256, 256),
                 color_mode="rgb", classes=None, class_mode="categorical", batch_size=32,
                 shuffle=True, seed=None, data_format=None, save_to_dir=None, save_prefix="",
                 save_format="png", follow_links=False, subset=None, interpolation="nearest",
                 dtype=None):
        super().__init__(
            directory, image_data_generator, target_size=target_size,
            color_mode=color_mode, classes=classes, class_mode=class_mode,
            batch_size=batch_size, shuffle=shuffle, seed=seed,
            data_format=_fmt(data_format),
            save_to_dir=save_to_dir, save_prefix=save_prefix, save_format=save_format,
            follow_links=follow_links, subset=subset, interpolation=interpolation,
            dtype=_dtype(dtype))


class NumpyArrayIterator(_image.NumpyArrayIterator, Iterator):
    """Batches of the arrays `x` (and `y`, `sample_weight`) through an
    ImageDataGenerator's random transforms and normalization."""

    def __init__(self, x, y, image_data_generator, batch_size=32, shuffle=False,
                 sample_weight=None, seed=None, data_format=None, save_to_dir=None,
                 save_prefix="", save_format="png", subset=None, dtype=None):
        super().__init__(
            x, y, image_data_generator, batch_size=batch_size, shuffle=shuffle,
            sample_weight=sample_weight, seed=seed,
            data_format=_fmt(data_format),
            save_to_dir=save_to_dir, save_prefix=save_prefix, save_format=save_format,
            subset=subset, dtype=_dtype(dtype))


class ImageDataGenerator(_image.ImageDataGenerator):
    """Batches of image data with real-time augmentation (keras_preprocessing's, with
    flowgrad's image_data_format() and floatx() as the defaults)."""

    def __init__(self, featurewise_center=False, samplewise_center=False,
                 featurewise_std_normalization=False, samplewise_std_normalization=False,
                 zca_whitening=False, zca_epsilon=1e-6, rotation_range=0,
                 width_shift_range=0., height_shift_range=0., brightness_range=None,
                 shear_range=0., zoom_range=0., channel_shift_range=0., fill_mode="nearest",
                 cval=0., horizontal_flip=False, vertical_flip=False, rescale=None,
                 preprocessing_function=None, data_format=None, validation_split=0.0,
                 dtype=None):
        super().__init__(
            featurewise_center=featurewise_center, samplewise_center=samplewise_center,
            featurewise_std_normalization=featurewise_std_normalization,
            samplewise_std_normalization=samplewise_std_normalization,
            zca_whitening=zca_whitening, zca_epsilon=zca_epsilon,
            rotation_range=rotation_range, width_shift_range=width_shift_range,
            height_shift_range=height_shift_range, brightness_range=brightness_range,
            shear_range=shear_range, zoom_range=zoom_range,
            channel_shift_range=channel_shift_range, fill_mode=fill_mode, cval=cval,
            horizontal_flip=horizontal_flip, vertical_flip=vertical_flip, rescale=rescale,
            preprocessing_function=preprocessing_function,
            data_format=_fmt(data_format),
            validation_split=validation_split, dtype=_dtype(dtype))
