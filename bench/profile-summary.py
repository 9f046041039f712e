#!/usr/bin/env python3
"""Where a Flight Recorder profile's samples go: the share of each thread (Flink names a task's thread after its
operator chain) and, within the busiest threads, the methods most often on the stack.

    bench/profile-summary.py <recording.jfr> [threads=8] [methods per thread=10] [thread filter regex]

Record with, for example, BENCH_JVM_OPTS="-Xms12g -Xmx12g -Xmn6g -XX:+UseParallelGC
-XX:StartFlightRecording=filename=/tmp/job.jfr,settings=profile" bench/throughput.sh 1000000.
"""
import collections
import json
import re
import subprocess
import sys


def samples(recording):
    printed = subprocess.run(
        ["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", recording],
        check=True, capture_output=True, text=True).stdout
    for event in json.loads(printed)["recording"]["events"]:
        values = event["values"]
        thread = (values.get("sampledThread") or {}).get("javaName") or "?"
        frames = [f"{frame['method']['type']['name']}.{frame['method']['name']}"
                  for frame in (values.get("stackTrace") or {}).get("frames", [])]
        yield thread, frames


FRAMEWORK = tuple(prefix.replace(".", "/") for prefix in (
    "org.apache.flink.streaming.runtime.", "org.apache.flink.streaming.api.operators.", "org.apache.flink.runtime.io.",
    "org.apache.flink.runtime.taskmanager.", "java.lang.Thread.",
    "org.apache.flink.connector.base.source.reader.SourceReaderBase", "org.apache.flink.util.function."))


def thread_group(name):
    # "Organization checks -> Sink (1/2)#0" and "(2/2)#0" are one operator chain.
    return re.sub(r"\s*\(\d+/\d+\)(#\d+)?$", "", re.sub(r"-\d+$", "-N", name))


def main():
    recording = sys.argv[1]
    top_threads = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    top_methods = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    only = re.compile(sys.argv[4]) if len(sys.argv) > 4 else None
    by_thread = collections.Counter()
    methods = collections.defaultdict(collections.Counter)
    total = 0
    for thread, frames in samples(recording):
        if only and not only.search(thread):
            continue
        group = thread_group(thread)
        total += 1
        by_thread[group] += 1
        for method in set(frames):
            methods[group][method] += 1
    print(f"{total} samples")
    for group, count in by_thread.most_common(top_threads):
        print(f"\n{100 * count / total:5.1f} %  {group}")
        # Leave out the frames nearly every sample of the thread has (its run loop) and Flink's own dispatch around
        # the operators: they say nothing about where the operators spend their time.
        shown = [(method, hits) for method, hits in methods[group].most_common()
                 if hits < 0.9 * count and not method.startswith(FRAMEWORK) and "$$Lambda" not in method]
        for method, hits in shown[:top_methods]:
            print(f"        {100 * hits / count:5.1f} %  {method}")


if __name__ == "__main__":
    main()
