"""Loads each export folder with export/autolr_torchvision.py (strict=True) and compares its embeddings of the folder's
inputs.npy (RGB in [0, 1]) with expected.npy (AutoLR's TorchSharp embeddings). Prints one JSON line per folder;
exits 1 when any difference exceeds the tolerance.

usage: python3 check_torchvision_export.py LOADER_DIR TOLERANCE FOLDER...
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, sys.argv[1])
import autolr_torchvision as autolr  # noqa: E402

tolerance = float(sys.argv[2])
worst = 0.0
for folder in sys.argv[3:]:
    model, description = autolr.load(folder)
    rgb01 = torch.from_numpy(np.load(os.path.join(folder, "inputs.npy")))
    expected = np.load(os.path.join(folder, "expected.npy"))
    actual = autolr.embed(model, autolr.preprocess(rgb01, description), description).numpy()
    difference = float(np.abs(actual - expected).max())
    worst = max(worst, difference)
    print(json.dumps({"folder": os.path.basename(folder), "depth": description["pruningDepth"],
                      "shape": list(actual.shape), "maxAbsDifference": difference,
                      "torch": torch.__version__}))
sys.exit(0 if worst <= tolerance else 1)
