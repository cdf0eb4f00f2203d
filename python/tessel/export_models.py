"""Exports reference models to ONNX with seeded random weights (no downloads).

  python3 python/tessel/export_models.py OUT_DIR [--models resnet18,...]

Models: resnet18, resnet50, mobilenet_v2, vit_b_16 (torchvision, opset 13;
vit_b_16 at 224x224 even with `--small`, its patch grid needs it),
mobilenet_v3_small (opset 14, which exports HardSwish; batch-norm
statistics of a random batch), swin_t (opset 14), the segmentation models
lraspp_mobilenet_v3_large (opset 14, batch-norm statistics of a random
batch) and fcn_resnet50 (opset 13), whose per-pixel class scores are
upsampled bilinearly to the image size, and a
transformer encoder layer at opsets 13 and 17 (17 exports
LayerNormalization). Beside each model.onnx it writes input.npy and torch's
output.npy for the same input, for checking the compiled model against
PyTorch. `--small` exports the same architectures at the sizes the test
suite compiles: images of 64x64 and an encoder of d_model 64, 2 heads,
feed-forward 128 and 16 tokens; `--batch N` exports a batch of N inputs.
Needs Debian's python3-torch and
python3-torchvision.
"""
import argparse
import os

import numpy as np
import torch
import torchvision


SMALL = False
BATCH = 1


def encoder_layer():
    d, heads, ff, tokens = (64, 2, 128, 16) if SMALL else (256, 8, 1024, 128)
    layer = torch.nn.TransformerEncoderLayer(
        d_model=d, nhead=heads, dim_feedforward=ff, dropout=0.1,
        batch_first=True)
    return layer, torch.randn(BATCH, tokens, d)


def calibrate_batch_norm(model, size):
    """Batch-norm statistics of a random batch: torchvision's initialization
    shrinks the activations layer by layer (mobilenet's logits are ~1e-9
    with the default statistics); these keep them near unit scale, so a
    comparison with PyTorch's output means something."""
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.momentum = None
    model.train()
    with torch.no_grad():
        model(torch.randn(8, 3, size, size))


def vision(name, calibrate=False):
    model = getattr(torchvision.models, name)(weights=None)
    if name.startswith("vit_"):
        # torchvision starts ViT's classifier at zero: the logits would be
        # zero whatever the rest computes.
        torch.nn.init.normal_(model.heads.head.weight, std=0.02)
        torch.nn.init.normal_(model.heads.head.bias, std=0.02)
    # ViT's position embedding fixes its image size.
    size = 64 if SMALL and not name.startswith("vit_") else 224
    if calibrate:
        calibrate_batch_norm(model, size)
    return model, torch.randn(BATCH, 3, size, size)


class SegmentationScores(torch.nn.Module):
    """A torchvision segmentation model's "out" entry alone (its forward
    returns a dict)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return self.model(x)["out"]


def segmentation(name, calibrate=False):
    # No pretrained backbone either: nothing is downloaded.
    model = getattr(torchvision.models.segmentation, name)(
        weights=None, weights_backbone=None)
    size = 64 if SMALL else 224
    if calibrate:
        calibrate_batch_norm(model, size)
    return SegmentationScores(model), torch.randn(BATCH, 3, size, size)


MODELS = {
    "resnet18": (lambda: vision("resnet18"), 13),
    "resnet50": (lambda: vision("resnet50"), 13),
    "mobilenet_v2": (lambda: vision("mobilenet_v2"), 13),
    "vit_b_16": (lambda: vision("vit_b_16"), 13),
    "mobilenet_v3_small": (lambda: vision("mobilenet_v3_small", calibrate=True), 14),
    "swin_t": (lambda: vision("swin_t"), 14),
    "lraspp_mobilenet_v3_large": (
        lambda: segmentation("lraspp_mobilenet_v3_large", calibrate=True), 14),
    "fcn_resnet50": (lambda: segmentation("fcn_resnet50"), 13),
    "encoder_opset13": (encoder_layer, 13),
    "encoder_opset17": (encoder_layer, 17),
}


def export(name, out_dir):
    torch.manual_seed(0)
    make, opset = MODELS[name]
    model, example = make()
    model.eval()
    with torch.no_grad():
        expected = model(example)
    path = os.path.join(out_dir, name)
    os.makedirs(path, exist_ok=True)
    torch.onnx.export(model, (example,), os.path.join(path, "model.onnx"),
                      input_names=["input"], output_names=["output"],
                      opset_version=opset, do_constant_folding=True)
    np.save(os.path.join(path, "input.npy"), example.numpy())
    np.save(os.path.join(path, "output.npy"), expected.numpy())
    print(f"{name}: {path}/model.onnx (opset {opset})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--models", default=",".join(MODELS))
    ap.add_argument("--small", action="store_true",
                    help="the test suite's sizes (64x64 images, a d64 encoder)")
    ap.add_argument("--batch", type=int, default=1, help="the input's batch")
    args = ap.parse_args()
    global SMALL, BATCH
    SMALL, BATCH = args.small, args.batch
    for name in args.models.split(","):
        if name not in MODELS:
            raise SystemExit(f"unknown model {name}; choose from {', '.join(MODELS)}")
        export(name, args.out_dir)


if __name__ == "__main__":
    main()
