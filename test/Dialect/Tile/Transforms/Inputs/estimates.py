"""Compares the estimated_cycles of a tiled module's tile.matmul ops, in
order, with the cycles tessel-run --stats-json reports for their calls
(the reports of the given runs, in order).

  estimates.py TILED.mlir STATS.json...

Prints "N layers within 10%" or exits naming the first layer beyond it.
"""
import json
import re
import sys

estimates = [int(x) for x in
             re.findall(r"estimated_cycles = (\d+)", open(sys.argv[1]).read())]
reports = [r for path in sys.argv[2:] for r in json.load(open(path))["reports"]]
simulated = [r["counters"]["cycles"] for r in reports]
if len(estimates) != len(simulated):
    sys.exit("%d estimates, %d calls" % (len(estimates), len(simulated)))
for n, (e, s) in enumerate(zip(estimates, simulated)):
    if abs(e - s) > 0.1 * s:
        sys.exit("layer %d (%s): estimated %d, simulated %d"
                 % (n, reports[n]["program"], e, s))
print("%d layers within 10%%" % len(estimates))
