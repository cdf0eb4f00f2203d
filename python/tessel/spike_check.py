"""Runs generated Gemmini programs on Spike with libgemmini (Gemmini's own
functional model) and compares the bytes of every output segment exactly
with tessel-run's simulator and with the program's expected/ references.

    spike_check.py [options] PROGDIR...
    spike_check.py [options] --programs programs.test --work DIR

A PROGDIR is what gemmini_programs.py writes (prog.mlir, inputs.txt,
expected/*.npy). For each one: tessel-run writes PROGDIR/out/, and
`tessel-translate --gemmini-to-c` gives the program as C, which
PROGDIR/spike/main.c includes with every segment macro pointing at a C
array in Spike's memory (the plan's bases lie below its DRAM), the input
arrays holding the .npy bytes. main runs the program and prints each output
segment in hex; run-baremetal compiles and runs it.

--programs takes the programs (name, seed, --dim) from the generator lines
of a lit test such as test/Run/Gemmini/programs.test, so both tests cover
the same programs; each is generated into WORK/<its directory there>.

Programs for targets without a libgemmini (Spike's build has DIM 16 and
DIM 8) are skipped and named. Exit status 1 on any difference, naming the
program, the output and the first differing element.
"""
import argparse
import concurrent.futures
import os
import re
import shlex
import shutil
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.path.dirname(os.path.dirname(HERE))

# The presets Spike's libgemmini builds model (run-baremetal's --dim for
# each); their fields come from tessel-translate --print-target, so the
# presets are written once, in the tool.
SPIKE_PRESETS = {16: "gemmini-default", 8: "gemmini-dim8"}


def target_fields(text):
    """{field: value} of the first #gemmini.target<...> in `text`."""
    m = re.search(r"#gemmini\.target<([^>]*)>", text)
    fields = {}
    if m:
        for item in m.group(1).split(","):
            if item.strip():
                k, _, v = item.partition("=")
                fields[k.strip()] = v.strip()
    return fields


def spike_targets(translate):
    """{dim: the preset's full field values} for the presets Spike models."""
    out = {}
    for dim, preset in SPIKE_PRESETS.items():
        text = subprocess.run([translate, "--print-target=" + preset], check=True,
                              capture_output=True, text=True).stdout
        out[dim] = target_fields(text)
    return out

SEGMENT_RE = re.compile(
    r"#define (TESSEL_SEGMENT_\w+) 0x([0-9a-f]+)ull // (\w+), (\d+) bytes")
PROGRAM_RE = re.compile(r"static void (tessel_program_\w+)\(void\)")
# A generator line of programs.test.
LIT_RE = re.compile(
    r"gemmini_programs\.py\s+(\w+)\s+(\d+)\s+%t/(\S+)((?:\s+--dim\s+\d+)?)")


class Skip(Exception):
    """No functional model for the program's target."""


class Mismatch(Exception):
    """Spike's bytes differ from tessel-run's or expected/."""


class Failure(Exception):
    """A step before the comparison failed (a tool, a missing file)."""


def macro(name):
    return "TESSEL_SEGMENT_" + re.sub(r"[^A-Za-z0-9]", "_", name)


def spike_dim(prog_text, targets):
    """The run-baremetal --dim for the program's target, or Skip. Fields the
    program leaves out take Gemmini's defaults (the DIM 16 preset)."""
    fields = dict(targets[16])
    fields.update(target_fields(prog_text))
    for dim, target in targets.items():
        if fields == target:
            return dim
    raise Skip("target %s: Spike's libgemmini is built for DIM 16 and DIM 8 only"
               % ", ".join("%s = %s" % kv for kv in sorted(fields.items())
                           if targets[16].get(kv[0]) != kv[1]))


def read_inputs(progdir):
    """{segment name: .npy path} from inputs.txt's --input flags."""
    words = shlex.split(open(os.path.join(progdir, "inputs.txt")).read())
    inputs = {}
    i = 0
    while i < len(words):
        w = words[i]
        if w == "--input":
            w, i = "--input=" + words[i + 1], i + 1
        if w.startswith("--input="):
            name, _, path = w[len("--input="):].partition("=")
            if not os.path.isabs(path) and not os.path.exists(path):
                path = os.path.join(progdir, os.path.basename(path))
            inputs[name] = path
        i += 1
    return inputs


def c_array(name, data, size):
    # Zero-filled past the input's bytes, as tessel-run's segments are.
    body = ",".join(str(b) for b in data)
    return ("static uint8_t %s[%d] __attribute__((aligned(64))) = {%s};\n"
            % (name, size, body or "0"))


# Prints a segment as lines of hex (the runtime's printf has no cheaper way
# out), after a line naming it.
DUMP_C = r"""
static void dump(const char *name, const uint8_t *p, unsigned long n) {
  static const char digits[] = "0123456789abcdef";
  char line[2 * 64 + 2];
  printf("segment %s %lu\n", name, n);
  for (unsigned long i = 0; i < n; i += 64) {
    int k = 0;
    for (unsigned long j = i; j < n && j < i + 64; j++) {
      line[k++] = digits[p[j] >> 4];
      line[k++] = digits[p[j] & 15];
    }
    line[k++] = '\n';
    line[k] = 0;
    printf("%s", line);
  }
}

"""


def write_main(progdir, c_text, entry):
    """main.c placing the segments and printing the outputs; returns the
    output segments as (macro, size)."""
    segments = SEGMENT_RE.findall(c_text)
    if not segments:
        raise Failure("the emitted C declares no segments")
    programs = PROGRAM_RE.findall(c_text)
    fn = "tessel_program_" + re.sub(r"[^A-Za-z0-9]", "_", entry)
    if fn not in programs:
        if len(programs) != 1:
            raise Failure("no program %s among %s" % (entry, programs))
        fn = programs[0]
    inputs = {macro(n): p for n, p in read_inputs(progdir).items()}
    out = ["#include <stdint.h>\n#include <stdio.h>\n#include \"include/gemmini.h\"\n\n"]
    outputs = []
    for mac, _base, kind, size in segments:
        size = int(size)
        arr = "seg_" + mac[len("TESSEL_SEGMENT_"):]
        data = b""
        if mac in inputs:
            data = np.load(inputs[mac]).tobytes()
            if len(data) > size:
                raise Failure("input %s has %d bytes for a %d-byte segment"
                               % (inputs[mac], len(data), size))
        elif kind in ("inputs", "weights"):
            raise Failure("no input for %s segment %s" % (kind, mac))
        out.append(c_array(arr, data, size))
        out.append("#define %s ((uint64_t)(uintptr_t)%s)\n" % (mac, arr))
        if kind == "outputs":
            outputs.append((mac, size))
    out.append('\n#include "prog.c"\n\n')
    out.append(DUMP_C)
    out.append("int main(void) {\n  %s();\n  gemmini_fence();\n" % fn)
    for mac, size in outputs:
        out.append('  dump("%s", (const uint8_t *)(uintptr_t)%s, %d);\n' % (mac, mac, size))
    out.append('  printf("end\\n");\n  return 0;\n}\n')
    d = os.path.join(progdir, "spike")
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "prog.c"), "w").write(c_text)
    open(os.path.join(d, "main.c"), "w").write("".join(out))
    return outputs


def parse_dump(stdout):
    """{macro: bytes} from main's output (Spike prints lines of its own)."""
    dumps, cur, ended = {}, None, False
    for line in stdout.splitlines():
        if line.startswith("segment "):
            _, name, n = line.split()
            cur = dumps.setdefault(name, bytearray())
        elif line == "end":
            ended = True
            cur = None
        elif cur is not None and re.fullmatch(r"[0-9a-f]+", line):
            cur += bytes.fromhex(line)
        else:
            cur = None
    if not ended:
        raise Failure("the program's output is incomplete")
    return dumps


def first_difference(got, ref, what):
    """None, or a description of the first differing element."""
    ref_bytes = ref.tobytes()
    got = bytes(got[:len(ref_bytes)])
    if got == ref_bytes:
        return None
    g = np.frombuffer(got, ref.dtype).reshape(ref.shape)
    ne = np.argwhere(g != ref)
    idx = tuple(int(i) for i in ne[0])
    byte = next(i for i in range(len(got)) if got[i] != ref_bytes[i])
    return ("Spike vs %s: first difference at byte %d, element %s: Spike %s, %s %s; "
            "%d of %d elements differ" % (what, byte, list(idx), g[idx], what, ref[idx],
                                          len(ne), ref.size))


def run(cmd, timeout, cwd=None):
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True, timeout=timeout)
    if r.returncode != 0:
        raise Failure("%s exited with %d:\n%s%s" % (
            os.path.basename(cmd[0]), r.returncode, r.stdout[-2000:], r.stderr[-2000:]))
    return r.stdout


def check(progdir, args):
    """Runs one program; returns a one-line summary or raises."""
    prog = os.path.join(progdir, "prog.mlir")
    dim = spike_dim(open(prog).read(), args.targets)
    tools = lambda t: os.path.join(args.tools, t) if args.tools else t
    out = os.path.join(progdir, "out")
    shutil.rmtree(out, ignore_errors=True)  # no stale outputs to compare with
    flags = shlex.split(open(os.path.join(progdir, "inputs.txt")).read())
    run([tools("tessel-run"), prog] + flags + ["--output-dir", out], args.timeout)
    c_text = run([tools("tessel-translate"), "--gemmini-to-c", prog], args.timeout)
    outputs = write_main(progdir, c_text, args.entry)
    d = os.path.join(progdir, "spike")
    cmd = [os.path.join(args.spike, "run-baremetal")] + (["--dim", "8"] if dim == 8 else [])
    stdout = run(cmd + ["-o", os.path.join(d, "prog.elf"), os.path.join(d, "main.c")],
                 args.timeout, cwd=d)
    open(os.path.join(d, "stdout.txt"), "w").write(stdout)
    dumps = parse_dump(stdout)
    names = {macro(os.path.splitext(f)[0]): f for f in os.listdir(out) if f.endswith(".npy")}
    problems = []
    for mac, size in outputs:
        got = dumps.get(mac)
        if got is None or len(got) != size:
            problems.append("output %s: Spike printed %s of %d bytes"
                            % (mac, len(got) if got is not None else "none", size))
            continue
        name = names.get(mac)
        if name is None:
            problems.append("output %s: tessel-run wrote no %s" % (mac, out))
            continue
        for what, path in (("tessel-run", os.path.join(out, name)),
                           ("expected", os.path.join(progdir, "expected", name))):
            if what == "expected" and not os.path.exists(path):
                continue
            diff = first_difference(got, np.load(path), what)
            if diff:
                problems.append("output %s, %s" % (os.path.splitext(name)[0], diff))
    if problems:
        raise Mismatch("\n  ".join(problems))
    return "DIM %d, %d outputs" % (dim, len(outputs))


def from_lit(test, work):
    """(directory, generator command) for each generator line of a lit
    test."""
    jobs = []
    for line in open(test):
        if "RUN:" not in line or "gemmini_programs.py" not in line:
            continue
        m = LIT_RE.search(line)
        if not m:
            # Not silently narrower than the test it follows.
            sys.exit("spike_check: cannot read the generator line: " + line.strip())
        name, seed, sub, dim = m.groups()
        d = os.path.join(work, sub)
        jobs.append((d, [sys.executable, os.path.join(HERE, "gemmini_programs.py"),
                         name, seed, d] + dim.split()))
    if not jobs:
        sys.exit("spike_check: no gemmini_programs.py lines in " + test)
    return jobs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("progdirs", nargs="*")
    ap.add_argument("--programs", help="a lit test whose generator lines to run")
    ap.add_argument("--work", help="where --programs generates")
    ap.add_argument("--spike", default=os.path.join(SOURCE_ROOT, "..", "shared", "spike"),
                    help="the shared Spike directory (run-baremetal)")
    ap.add_argument("--tools", help="directory of tessel-run and tessel-translate (else PATH)")
    ap.add_argument("--entry", default="main", help="the program to run")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=300)
    args = ap.parse_args()
    args.targets = spike_targets(os.path.join(args.tools, "tessel-translate")
                                 if args.tools else "tessel-translate")
    # Absolute: run-baremetal runs in each program's spike/ directory.
    jobs = [(os.path.abspath(d), None) for d in args.progdirs]
    if args.programs:
        if not args.work:
            ap.error("--programs needs --work")
        jobs += from_lit(args.programs, args.work)
    if not jobs:
        ap.error("no programs")

    def one(job):
        d, generate = job
        try:
            if generate:
                run(generate, args.timeout)
            return "ok", check(d, args)
        except Skip as e:
            return "skipped", str(e)
        except Mismatch as e:
            return "DIFFERS", str(e)
        except (Failure, subprocess.SubprocessError, OSError, ValueError) as e:
            return "FAILED", str(e)

    # Each program is a gcc and a Spike process: a small pool keeps the
    # machine's cores busy without oversubscribing them.
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        results = list(pool.map(one, jobs))
    counts = {"ok": 0, "skipped": 0, "DIFFERS": 0, "FAILED": 0}
    for (d, _), (status, text) in zip(jobs, results):
        counts[status] += 1
        print("%s %s: %s" % (status, os.path.basename(os.path.normpath(d)), text))
    print("%d programs agree with Spike, %d differ, %d failed, %d skipped"
          % (counts["ok"], counts["DIFFERS"], counts["FAILED"], counts["skipped"]))
    return 1 if counts["DIFFERS"] or counts["FAILED"] or not counts["ok"] else 0


if __name__ == "__main__":
    sys.exit(main())
