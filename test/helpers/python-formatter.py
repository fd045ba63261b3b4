"""Real logging.Formatter output for random records, for test/log-format.test.ts.

Reads a JSON list of {"fmt", "style", "datefmt"} on stdin; writes one JSON object per
case: {"lines": [...], "records": [{attribute: value}]}, the records being what the
Formatter was given. Usage: python3 python-formatter.py SEED N < cases.json
"""
import json
import logging
import random
import sys
import threading

seed, n = int(sys.argv[1]), int(sys.argv[2])
rnd = random.Random(seed)
logging.addLevelName(11, "DEBUGV")
logging.addLevelName(21, "AUDIT")
logging.addLevelName(5, "TRACE")
LEVELS = [5, 10, 11, 20, 21, 30, 40, 50]
WORDS = ["alpha", "beta", "GET", "/v2/servers", "x=1", "a:b", "-", "[id]", "{k}", "%s", "50%", "ok.", "a - b", "c: d", "é", "日本"]


def ident():
    return rnd.choice("abcdefghijklmnopqrstuvwxyz_") + "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz0123456789_") for _ in range(rnd.randint(0, 8)))


def logger_name():
    if rnd.random() < 0.1:
        return "root"
    return ".".join(ident() for _ in range(rnd.randint(1, 4)))


def message():
    return " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 7)))


out = []
for case in json.load(sys.stdin):
    fmt = logging.Formatter(case["fmt"], case.get("datefmt"), style=case.get("style", "%"))
    lines, records = [], []
    for _ in range(n):
        # 2001..2035, local time (TZ), with a random sub-second part.
        created = rnd.uniform(978307200, 2051222400)
        rec = logging.LogRecord(logger_name(), rnd.choice(LEVELS), "/srv/app/" + ident() + ".py",
                                rnd.randint(1, 99999), message(), None, None, func=ident())
        rec.created = created
        rec.msecs = int((created - int(created)) * 1000) + 0.0
        rec.relativeCreated = rnd.uniform(0, 1e7)
        rec.threadName = rnd.choice(["MainThread", "Thread-%d (worker)" % rnd.randint(1, 99), "pool_%d" % rnd.randint(0, 9)])
        rec.thread = rnd.randint(1, 2**47)
        rec.processName = rnd.choice(["MainProcess", "ForkPoolWorker-%d" % rnd.randint(1, 9)])
        rec.process = rnd.randint(1, 4194304)
        rec.taskName = rnd.choice(["Task-%d" % rnd.randint(1, 999), "None"])
        rec.request_id = "req-%08x" % rnd.getrandbits(32)
        line = fmt.format(rec)
        lines.append(line)
        records.append({k: getattr(rec, k) for k in (
            "created", "msecs", "levelname", "levelno", "name", "module", "funcName", "filename",
            "pathname", "lineno", "process", "processName", "thread", "threadName", "taskName",
            "message", "request_id")})
    out.append({"lines": lines, "records": records})
json.dump(out, sys.stdout)
