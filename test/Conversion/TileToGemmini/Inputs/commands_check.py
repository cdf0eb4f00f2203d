"""What conv_commands.py and matmul_commands.py share: running a tool, and
comparing a dumped tessel program's commands with gemmini.h's."""
import subprocess
import sys


def run(*args, **kw):
    p = subprocess.run(args, capture_output=True, text=True, **kw)
    if p.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{p.stdout}{p.stderr}")
    return p.stdout


def compare(name, translate, commands, sdk, words, prog, listing):
    """Prints `NAME: N commands identical` or the first difference between
    the program `prog` (listed into `listing` by `translate`) and what
    gemmini.h issues for the case `words`, as `commands` prints both;
    returns whether they are equal."""
    open(listing, "w").write(run(translate, "--gemmini-to-asm", prog))
    mine = run(sys.executable, commands, "--tessel", prog, listing).splitlines()
    theirs = run(sys.executable, commands, "--sdk", sdk, *words).splitlines()
    if mine == theirs:
        print(f"{name}: {len(mine)} commands identical")
        return True
    i = next((i for i, (x, y) in enumerate(zip(mine, theirs)) if x != y),
             min(len(mine), len(theirs)))
    print(f"{name}: differs at command {i} of {len(mine)} (gemmini.h: {len(theirs)}): "
          f"tessel '{mine[i] if i < len(mine) else ''}', "
          f"gemmini.h '{theirs[i] if i < len(theirs) else ''}'")
    return False
