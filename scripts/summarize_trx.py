"""Prints what the tests wrote (their measured figures), then each failed test with its message, then the one closing line CI reads ("N passed, N failed, N skipped"), from the TRX files of a test run."""
import glob
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}

passed = failed = skipped = 0
figures = []
failures = []
files = glob.glob(f"{sys.argv[1]}/**/*.trx", recursive=True)
for path in files:
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", NS):
        outcome = result.get("outcome")
        stdout = result.find("t:Output/t:StdOut", NS)
        if stdout is not None and stdout.text and stdout.text.strip():
            figures.append((result.get("testName"), stdout.text.strip()))
        if outcome == "Passed":
            passed += 1
        elif outcome in ("NotExecuted", "Inconclusive"):
            skipped += 1
        else:
            failed += 1
            message = result.find("t:Output/t:ErrorInfo/t:Message", NS)
            trace = result.find("t:Output/t:ErrorInfo/t:StackTrace", NS)
            failures.append((result.get("testName"), outcome, message.text if message is not None else "",
                             trace.text if trace is not None else ""))
if not files:
    print("no test results were written", file=sys.stderr)
    failed = max(failed, 1)
if figures:
    print("Figures the tests printed:")
    for name, text in sorted(figures):
        print(f"  {name}:")
        for line in text.splitlines():
            print(f"    {line}")
if failures:
    # Last, so that the tail of a CI log (often all that is kept) names what failed and why.
    print("Failed:")
    for name, outcome, message, trace in sorted(failures):
        print(f"  {name} ({outcome}):")
        for line in (message or "").strip().splitlines()[:40]:
            print(f"    {line}")
        for line in (trace or "").strip().splitlines()[:8]:
            print(f"    {line}")
print(f"{passed} passed, {failed} failed, {skipped} skipped")
