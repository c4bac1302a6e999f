"""moto's CPU per ReceiveMessage against the number of messages in the queue (docs/benchmarks.md, third pass).

    python3 Tests/Benchmarks/tools/moto_receive_cost.py

Starts its own moto_server on port 5596, fills one fresh queue per depth with 1.2 KB messages and times five
receives of 10 (the worker's system attributes, no wait) by moto's utime + stime from /proc.
"""
import boto3, subprocess, time, urllib.request
port = 5596
p = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
ep = f"http://127.0.0.1:{port}"
for _ in range(100):
    try: urllib.request.urlopen(ep + "/moto-api/"); break
    except Exception: time.sleep(0.1)
sqs = boto3.client("sqs", endpoint_url=ep, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
def cpu():
    with open(f"/proc/{p.pid}/stat") as f: v = f.read().split(")")[1].split()
    return (int(v[11]) + int(v[12])) / 100
for depth in [10, 50, 100, 200, 300]:
    q = sqs.create_queue(QueueName=f"d{depth}")["QueueUrl"]
    for i in range(0, depth, 10):
        sqs.send_message_batch(QueueUrl=q, Entries=[{"Id": str(j), "MessageBody": "x"*1200} for j in range(10)])
    c0 = cpu()
    for r in range(5):
        m = sqs.receive_message(QueueUrl=q, MaxNumberOfMessages=10, WaitTimeSeconds=0, VisibilityTimeout=0,
            MessageSystemAttributeNames=["ApproximateReceiveCount","SentTimestamp"])["Messages"]
    c1 = cpu()
    print(f"{depth:4d} messages in the queue: {1000*(c1-c0)/5:6.1f} ms of moto CPU per ReceiveMessage of {len(m)}", flush=True)
p.terminate()
