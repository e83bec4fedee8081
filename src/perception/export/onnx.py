"""Learners to ONNX: LightGBM boosters with onnxmltools, linear models with skl2onnx.

Both take float64 input, as the learners do at training time. onnxmltools writes tree
thresholds as float32, and a float32 threshold sends a value lying between it and the true
float64 threshold down the other branch: on our features that moved single predictions by up
to 0.017. So after conversion every threshold is put back at its float64 value from the
booster (`nodes_values_as_tensor`, ai.onnx.ml opset 3) and the input becomes double. The
mapping walks the ONNX tree and LightGBM's own dump of it side by side from the root and
checks feature and float32 value at every split, so it cannot silently pair the wrong nodes.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from perception.errors import PackagingError
from perception.models.learners import Learner, LightGBMLearner, LinearLearner

INPUT = "x"
# What the predictor reads: regression output 0 ([rows, 1]); multiclass "probabilities".
PROBABILITIES = "probabilities"


class ExportError(PackagingError, RuntimeError):
    """A model cannot be exported faithfully (conversion or parity failed)."""


def learner_to_onnx(learner: Learner, n_features: int, opset: int, name: str) -> onnx.ModelProto:
    if isinstance(learner, LightGBMLearner):
        model = _lightgbm(learner, n_features, opset)
    else:
        model = _linear(learner, n_features, opset)
    model.graph.name = name
    # The converters list opsets in set order, which varies run to run: sort for stable bytes.
    ordered = sorted(model.opset_import, key=lambda entry: entry.domain)
    del model.opset_import[:]
    model.opset_import.extend(ordered)
    _name_probabilities(model)
    onnx.checker.check_model(model)
    return model


def _lightgbm(learner: LightGBMLearner, n_features: int, opset: int) -> onnx.ModelProto:
    from onnxmltools import convert_lightgbm
    from onnxmltools.convert.common.data_types import FloatTensorType

    assert learner.booster is not None
    model = convert_lightgbm(learner.booster, initial_types=[(INPUT, FloatTensorType(
        [None, n_features]))], target_opset=opset, zipmap=False)
    return _double_thresholds(model, learner.booster.dump_model()["tree_info"])


def _double_thresholds(model: onnx.ModelProto, trees: list[dict[str, Any]]) -> onnx.ModelProto:
    ensembles = [n for n in model.graph.node if n.op_type.startswith("TreeEnsemble")]
    if len(ensembles) != 1:
        raise ExportError(f"expected one TreeEnsemble node, found {len(ensembles)}")
    node = ensembles[0]
    attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
    index = {(t, n): i for i, (t, n) in
             enumerate(zip(attrs["nodes_treeids"], attrs["nodes_nodeids"], strict=True))}
    values = np.asarray(attrs["nodes_values"], dtype=np.float64)
    done = np.zeros(len(values), dtype=bool)

    def walk(tree: int, node_id: int, split: dict[str, Any]) -> None:
        i = index[(tree, node_id)]
        done[i] = True
        if "split_index" not in split:
            if attrs["nodes_modes"][i] != b"LEAF":
                raise ExportError(f"tree {tree} node {node_id}: a leaf in LightGBM, not in ONNX")
            return
        threshold = float(split["threshold"])
        if (attrs["nodes_featureids"][i] != split["split_feature"]
                or np.float32(threshold) != np.float32(values[i])
                or split["decision_type"] != "<="):
            raise ExportError(f"tree {tree} node {node_id}: ONNX and LightGBM splits differ")
        values[i] = threshold
        walk(tree, attrs["nodes_truenodeids"][i], split["left_child"])
        walk(tree, attrs["nodes_falsenodeids"][i], split["right_child"])

    for tree, info in enumerate(trees):
        walk(tree, 0, info["tree_structure"])
    if not done.all():
        raise ExportError(f"{int((~done).sum())} ONNX tree nodes were not matched to LightGBM")

    kept = [a for a in node.attribute if a.name != "nodes_values"]
    del node.attribute[:]
    node.attribute.extend(kept)
    node.attribute.append(helper.make_attribute(
        "nodes_values_as_tensor", numpy_helper.from_array(values, "nodes_values")))
    for entry in model.opset_import:
        if entry.domain == "ai.onnx.ml":
            entry.version = max(entry.version, 3)
    model.graph.input[0].type.tensor_type.elem_type = TensorProto.DOUBLE
    return model


def _linear(learner: LinearLearner, n_features: int, opset: int) -> onnx.ModelProto:
    from skl2onnx import convert_sklearn
    from skl2onnx.common.data_types import DoubleTensorType

    estimator = copy.copy(learner.estimator)
    if learner.kind == "regression":
        # A ridge rebuilt from JSON holds a Python float intercept; skl2onnx calls .reshape.
        estimator.intercept_ = np.float64(estimator.intercept_)
    options = {"zipmap": False} if learner.kind == "multiclass" else None
    return convert_sklearn(estimator, initial_types=[(INPUT, DoubleTensorType(
        [None, n_features]))], target_opset=opset, options=options)


def _name_probabilities(model: onnx.ModelProto) -> None:
    """Call a classifier's probability output `probabilities`, whichever converter made it."""
    outputs = model.graph.output
    if len(outputs) < 2:
        return
    old = outputs[-1].name
    if old == PROBABILITIES:
        return
    for node in model.graph.node:
        node.output[:] = [PROBABILITIES if o == old else o for o in node.output]
        node.input[:] = [PROBABILITIES if i == old else i for i in node.input]
    outputs[-1].name = PROBABILITIES


def class_columns(learner: Learner) -> list[int] | None:
    """Which of the target's classes a classifier's probability columns are (a class absent
    from its training rows has no column); None for regression and for LightGBM (every
    class has a column)."""
    if isinstance(learner, LinearLearner) and learner.kind == "multiclass":
        assert learner.estimator is not None
        return [int(c) for c in learner.estimator.classes_]
    return None
