"""The accelerator form against the quantized model, layer by layer on the
same inputs: `lsb.py make DIR` writes a module of independent quantized
layers (matmul, conv, depthwise conv; per-channel and per-tensor weights;
ReLU, ReLU6 and none; int8 and uint8 operands and results with zero
points), each returning its requantized 8-bit codes, and its inputs;
`lsb.py check DIR` compares the two runs' codes: at most one step apart
everywhere, and mostly equal."""
import sys

import numpy as np

mode, d = sys.argv[1], sys.argv[2]
r = np.random.default_rng(21)


def qtype(scale, axis=None, bits=8, zero=0, unsigned=False):
    store = ("u8" if unsigned else "i8") if bits == 8 else "i32"
    if axis is None:
        z = f":{zero}" if zero else ""
        return f"!quant.uniform<{store}:f32, {scale!r}{z}>"
    return f"!quant.uniform<{store}:f32:{axis}, {{{','.join(repr(float(s)) for s in scale)}}}>"


def asymmetric(lo, hi, unsigned):
    """Scale and zero point mapping [lo, hi] onto the 8-bit range."""
    qmin, qmax = (0, 255) if unsigned else (-128, 127)
    scale = (hi - lo) / 255
    return scale, int(np.clip(np.rint(qmin - lo / scale), qmin, qmax))


def dense(a):
    # Little-endian float32 bytes: the hex form of a dense attribute.
    return 'dense<"0x' + a.astype("<f4").tobytes().hex().upper() + '">'



layers = []
if mode == "make":
    args, body, rets, rtypes = [], [], [], []
    # (kind, per-channel weight, activation, input, weight, output): the
    # 8-bit formats are "i8" (zero point 0), "i8z" (int8 with a zero point),
    # "u8" (uint8, zero point 0: a ReLU's output) and "u8z" (uint8 with a
    # zero point).
    cases = [("matmul", True, "relu", "i8", "i8", "i8"),
             ("matmul", False, "none", "i8", "i8", "i8"),
             ("matmul", True, "relu6", "i8", "i8", "i8"),
             ("conv", True, "relu", "i8", "i8", "i8"),
             ("conv", False, "relu6", "i8", "i8", "i8"),
             ("depthwise", True, "none", "i8", "i8", "i8"),
             ("conv", True, "none", "i8", "i8", "i8"),
             ("matmul", True, "relu", "i8", "i8", "i8"),
             ("matmul", False, "none", "u8z", "u8z", "u8z"),
             ("conv", True, "none", "i8z", "i8", "i8z"),
             ("conv", True, "relu", "u8", "i8", "u8"),
             ("depthwise", True, "relu", "u8", "i8", "u8"),
             ("conv", False, "none", "u8z", "u8z", "i8")]
    for i, (kind, per_channel, act, xf, wf, yf) in enumerate(cases):
        if kind == "matmul":
            m, k, n = r.integers(5, 40), r.integers(8, 70), r.integers(3, 33)
            xs, ws, acc_shape, ch = (m, k), (k, n), (m, n), n
        else:
            c = r.integers(2, 9)
            o = c if kind == "depthwise" else r.integers(2, 12)
            h = r.integers(5, 12)
            xs, ws = (1, c, h, h), (o, 1 if kind == "depthwise" else c, 3, 3)
            acc_shape, ch = (1, o, h, h), o
        x = r.standard_normal(xs).astype(np.float32)
        if xf == "u8":
            x = np.maximum(x, 0)
        elif xf != "i8":
            x = x + 1.5  # off centre: the zero point is not the middle
        w = (r.standard_normal(ws) * 0.3).astype(np.float32)
        if wf == "u8z":
            w = w + 0.4
        np.save(f"{d}/x{i}.npy", x)
        waxis = 1 if kind == "matmul" else 0
        red = tuple(a for a in range(len(ws)) if a != waxis)
        if xf in ("i8", "u8"):
            s_in, z_in = float(np.abs(x).max() / (255 if xf == "u8" else 127)), 0
        else:
            s_in, z_in = asymmetric(float(x.min()), float(x.max()), xf == "u8z")
        xq = qtype(s_in, zero=z_in, unsigned=xf.startswith("u8"))
        if wf == "u8z":
            s_w, z_w = asymmetric(float(w.min()), float(w.max()), True)
            wt = qtype(s_w, zero=z_w, unsigned=True)
            s_w = np.full(ch, s_w)
        else:
            s_w = (np.abs(w).max(axis=red) / 127).astype(np.float64)
            if not per_channel:
                s_w = np.full_like(s_w, np.abs(w).max() / 127)
            wt = qtype(s_w, waxis)
        acc_axis = len(acc_shape) - 1 if kind == "matmul" else 1
        at = qtype(s_in * s_w[0], None, 32) if wf == "u8z" else qtype(s_in * s_w, acc_axis, 32)
        bound = float(np.abs(x).max() * np.abs(w).sum(axis=red).max()) / 4
        s_out, z_out = bound / 127, 0
        if yf == "u8":
            s_out = bound / 255
        elif yf != "i8":
            s_out, z_out = 2 * bound / 255, 40 if yf == "u8z" else -30
        yq = qtype(s_out, zero=z_out, unsigned=yf.startswith("u8"))
        ystore = "ui8" if yf.startswith("u8") else "i8"
        xt = "x".join(map(str, xs))
        wts = "x".join(map(str, ws))
        accs = "x".join(map(str, acc_shape))
        args.append(f"%x{i}: tensor<{xt}xf32> {{onnx.name = \"x{i}\"}}")
        body.append(f"%w{i} = nn.constant {dense(w)} : tensor<{wts}xf32>")
        body.append(f"%qx{i} = qt.quantize %x{i} : tensor<{xt}xf32> -> tensor<{xt}x{xq}>")
        body.append(f"%qw{i} = qt.quantize %w{i} : tensor<{wts}xf32> -> tensor<{wts}x{wt}>")
        if kind == "matmul":
            op = f"nn.matmul %qx{i}, %qw{i}"
        else:
            g = f", group = {o} : i64" if kind == "depthwise" else ""
            op = (f"nn.conv %qx{i}, %qw{i} {{strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, "
                  f"dilations = array<i64: 1, 1>{g}}}")
        body.append(f"%a{i} = {op} : (tensor<{xt}x{xq}>, tensor<{wts}x{wt}>) -> tensor<{accs}x{at}>")
        body.append(f"%f{i} = qt.dequantize %a{i} : tensor<{accs}x{at}> -> tensor<{accs}xf32>")
        v = f"%f{i}"
        if act == "relu":
            body.append(f"%r{i} = nn.relu %f{i} : tensor<{accs}xf32>")
            v = f"%r{i}"
        elif act == "relu6":
            body.append(f"%r{i} = nn.clip %f{i} {{min = 0.0 : f64, max = {127.5 * s_out!r} : f64}} : tensor<{accs}xf32>")
            v = f"%r{i}"
        body.append(f"%q{i} = qt.quantize {v} : tensor<{accs}xf32> -> tensor<{accs}x{yq}>")
        body.append(f"%c{i} = qt.storage_cast %q{i} : tensor<{accs}x{yq}> -> tensor<{accs}x{ystore}>")
        rets.append(f"%c{i}")
        rtypes.append(f"tensor<{accs}x{ystore}> {{onnx.name = \"y{i}\"}}")
    with open(f"{d}/layers.mlir", "w") as f:
        f.write(f"func.func @main({', '.join(args)}) -> ({', '.join(rtypes)}) {{\n")
        for line in body:
            f.write(f"  {line}\n")
        f.write(f"  return {', '.join(rets)} : {', '.join(t.split(' {')[0] for t in rtypes)}\n}}\n")
    with open(f"{d}/inputs.txt", "w") as f:
        f.write(" ".join(f"--input x{i}={d}/x{i}.npy" for i in range(len(cases))))
    sys.exit(0)

total = same = 0
worst = 0
i = 0
while True:
    try:
        a = np.load(f"{d}/quant/y{i}.npy").astype(np.int64)
    except FileNotFoundError:
        break
    b = np.load(f"{d}/accel/y{i}.npy").astype(np.int64)
    diff = np.abs(a - b)
    worst = max(worst, int(diff.max()))
    total += a.size
    same += int((diff == 0).sum())
    i += 1
assert i >= 13 and worst <= 1, (i, worst)
# Every layer is on the array's semantics.
text = open(f"{d}/accel.mlir").read()
assert text.count("tile.matmul ") + text.count("tile.conv ") == i, text
assert same >= 0.95 * total, (same, total)
print(f"{i} layers: at most {worst} step apart, {same} of {total} codes equal")
