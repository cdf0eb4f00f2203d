"""Inputs and NumPy references for storage-cast.mlir."""
import sys

import numpy as np

mode, d = sys.argv[1], sys.argv[2]
f32 = np.float32

if mode == "inputs":
    rng = np.random.default_rng(11)
    x = rng.uniform(-80, 80, (4, 6))
    # Ties of x / 0.5 (round half to even: 0, 2, -2, 4), saturation at both
    # ends, and ties of x / 0.25 for the u8 type.
    x[0, :6] = [0.25, 0.75, -0.75, 1.25, 300.0, -300.0]
    x[1, :2] = [0.125, -0.375]
    np.save(f"{d}/x.npy", x.astype(f32))
    np.save(f"{d}/k8.npy", rng.integers(-128, 128, (4, 6)).astype(np.int8))
    np.save(f"{d}/ku8.npy", rng.integers(0, 256, (4, 6)).astype(np.uint8))
    np.save(f"{d}/k16.npy", rng.integers(-2**15, 2**15, (4, 6)).astype(np.int16))
    np.save(f"{d}/ku32.npy", rng.integers(0, 2**32, (4, 6)).astype(np.uint32))
    sys.exit(0)

x = np.load(f"{d}/x.npy").astype(np.float64)
k8 = np.load(f"{d}/k8.npy").astype(np.int64)
ku8 = np.load(f"{d}/ku8.npy").astype(np.int64)
out = lambda n: np.load(f"{d}/out/{n}.npy")


def check(name, got, want, dtype):
    assert got.dtype == dtype, (name, got.dtype)
    assert np.array_equal(got, want.astype(dtype)), (name, got, want)


def stored(s, z, lo, hi):
    return np.clip(np.rint(x / s) + z, lo, hi)


check("i8_stored", out("i8_stored"), stored(0.5, 0, -128, 127), np.int8)
print("i8 stored ok")
check("i8_values", out("i8_values"), k8 * 0.5, f32)
print("i8 values ok")

s = np.array([0.1, 0.2, 0.05, 0.5, 0.25, 1.0])
z = np.array([3, -5, 0, 10, -1, 0])
check("pa_stored", out("pa_stored"), stored(s, z, -128, 127), np.int8)
print("per-axis stored ok")
check("pa_values", out("pa_values"), (k8 - z) * s, f32)
print("per-axis values ok")

check("u8_stored", out("u8_stored"), stored(0.25, 128, 0, 255), np.uint8)
print("u8 stored ok")
check("u8_values", out("u8_values"), (ku8 - 128) * 0.25, f32)
print("u8 values ok")

check("i32_stored", out("i32_stored"), stored(0.001, 0, -2**31, 2**31 - 1),
      np.int32)
print("i32 stored ok")
check("i16_back", out("i16_back"), np.load(f"{d}/k16.npy"), np.int16)
print("i16 round trip ok")
check("u32_back", out("u32_back"), np.load(f"{d}/ku32.npy"), np.uint32)
print("u32 round trip ok")
