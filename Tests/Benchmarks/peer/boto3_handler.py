#!/usr/bin/env python3
"""The way the pipelines FilePipeline replaces process a file, as their Python Lambdas do: one poller takes a batch of
up to 10 messages and handles them in series; per S3 record head_object, get_object (the body read whole, SHA-256),
put_item of a small record; then delete_message per message. The benchmark's `peer` section runs it beside the worker,
on the same moto and the same files, and compares CPU per file (Tests/Benchmarks/PeerSection.cs).

Configuration as the worker's: AWS_ENDPOINT_URL, AWS_REGION, credentials, AWS__Resources__QueueUrl and
AWS__Resources__TableName. Prints "ready" once its clients exist; runs until it is terminated.
"""

import datetime
import hashlib
import json
import os
import signal
import sys
import urllib.parse

try:
    import boto3
    from botocore.config import Config
except ImportError:
    print("boto3 is missing: pip install boto3 (the peer section compares the worker with a boto3 handler)", file=sys.stderr)
    sys.exit(3)


def main() -> int:
    queue_url = os.environ["AWS__Resources__QueueUrl"]
    table = os.environ["AWS__Resources__TableName"]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    # botocore reads AWS_DEFAULT_REGION; the worker's environment names the region as the AWS SDK for .NET does.
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
    s3 = boto3.client("s3", region_name=region, config=Config(s3={"addressing_style": "path"}))
    sqs = boto3.client("sqs", region_name=region)
    dynamodb = boto3.client("dynamodb", region_name=region)
    print("ready", flush=True)
    while True:
        response = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=20)
        for message in response.get("Messages", []):
            body = json.loads(message["Body"])
            for record in body.get("Records", []):
                bucket = record["s3"]["bucket"]["name"]
                key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
                head = s3.head_object(Bucket=bucket, Key=key)
                content = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
                now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
                dynamodb.put_item(TableName=table, Item={
                    "Bucket": {"S": bucket},
                    "Key": {"S": key},
                    "Status": {"S": "PROCESSED"},
                    "UpdatedAt": {"S": now},
                    "ProcessedAt": {"S": now},
                    "Size": {"N": str(head["ContentLength"])},
                    "ETag": {"S": head["ETag"].strip('"')},
                    "DeclaredContentType": {"S": head.get("ContentType", "")},
                    "Sha256": {"S": hashlib.sha256(content).hexdigest()},
                })
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])


if __name__ == "__main__":
    sys.exit(main())
