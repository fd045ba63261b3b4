#!/usr/bin/env python3
"""A rename storm, as the red team ran it: append numbered lines at RATE lines/s
and every RENAME_MS rename the file away (PATH.1, PATH.2, ...) and reopen the
name, for SECONDS.

usage: rename-storm.py PATH RATE SECONDS RENAME_MS [FIRST]

Each line is `seq=N t=MS` (MS: time.time() in ms). Lines go out in batches
every 5 ms, one write() per line, to an O_APPEND descriptor, like a logging
handler under load. Prints {"pid": PID} when ready, and at the end
{"first": FIRST, "last": LAST, "renames": K}.
"""
import json
import os
import sys
import time

path, rate, seconds, rename_ms = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
first = int(sys.argv[5]) if len(sys.argv) > 5 else 1

print(json.dumps({'pid': os.getpid()}), flush=True)
fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
seq = first
renames = 0
start = time.monotonic()
next_rename = start + rename_ms / 1000.0
while True:
    now = time.monotonic()
    elapsed = now - start
    if elapsed >= seconds:
        break
    due = first + int(elapsed * rate)
    t = int(time.time() * 1000)
    while seq <= due:
        os.write(fd, b'2024-05-16 00:00:00,000 INFO storm seq=%09d t=%d\n' % (seq, t))
        seq += 1
    if now >= next_rename:
        renames += 1
        os.rename(path, '%s.%d' % (path, renames))
        os.close(fd)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        next_rename += rename_ms / 1000.0
    time.sleep(0.005)
os.close(fd)
print(json.dumps({'first': first, 'last': seq - 1, 'renames': renames}), flush=True)
