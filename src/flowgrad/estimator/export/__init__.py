"""`tf.estimator.export`: serving input receivers and export outputs."""
from .export import (ServingInputReceiver, TensorServingInputReceiver,
                     build_parsing_serving_input_receiver_fn,
                     build_raw_serving_input_receiver_fn)
from .export_output import ClassificationOutput, ExportOutput, PredictOutput, RegressionOutput

__all__ = ["ClassificationOutput", "ExportOutput", "PredictOutput", "RegressionOutput",
           "ServingInputReceiver", "TensorServingInputReceiver",
           "build_parsing_serving_input_receiver_fn", "build_raw_serving_input_receiver_fn"]
