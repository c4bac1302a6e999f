"""Prints what the tests wrote (their measured figures), then each failed test with its message, then the one closing line CI reads ("N passed, N failed, N skipped"), from the TRX files of a test run."""
import glob
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}

passed = failed = skipped = 0
figures = []
failures = []
aborted = []
files = glob.glob(f"{sys.argv[1]}/**/*.trx", recursive=True)
for path in files:
    root = ET.parse(path).getroot()
    summary = root.find("t:ResultSummary", NS)
    for info in summary.iterfind(".//t:RunInfo", NS) if summary is not None else []:
        text = info.find("t:Text", NS)
        # Only the run's own abort: a failing test writes an Error line here too, and it is counted as its result.
        if info.get("outcome") == "Error" and text is not None and text.text and "test run was aborted" in text.text.lower():
            aborted.append(text.text.strip())
    for result in root.iterfind(".//t:UnitTestResult", NS):
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
# A run the test host did not finish (a hang past --blame-hang-timeout, a crash) has no result for the tests it was
# running: the blame collector's sequence files name them (started, not completed). Each counts as failed.
unfinished = []
if aborted:
    for path in glob.glob(f"{sys.argv[1]}/**/Sequence_*.xml", recursive=True):
        unfinished += [test.get("Name") for test in ET.parse(path).getroot() if test.get("Completed") != "True" and test.get("Name") not in unfinished]
    failed += max(1, len(unfinished))
    failures += [(name, "Unfinished", "the test run was aborted while it ran: " + "; ".join(aborted), "") for name in unfinished]
    if not unfinished:
        failures.append(("(the test run)", "Aborted", "; ".join(aborted), ""))
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
