#!/usr/bin/env python3
"""Real Python logging.handlers writers for the follow tests.

usage: python-handlers.py MODE PATH FIRST COUNT INTERVAL_MS [ARG]

MODE
  rotating   RotatingFileHandler(maxBytes=ARG, backupCount=3): many rollovers
  timed      TimedRotatingFileHandler(when='S', interval=1, delay=True): the file
             does not exist until the first record; rolls over every second
  watched    WatchedFileHandler; every ARG records the file is renamed away
             (PATH.renamed.N) and the handler reopens the name by itself
  hup        FileHandler ('a', O_APPEND) that reopens PATH on SIGHUP, like a
             daemon rotated by logrotate `create` + postrotate `kill -HUP`;
             never reopening (copytruncate) is the same writer without HUP

Each record's message is `seq=N t=MS` (MS = time.time() in ms when logged).
Prints one JSON line: {"first": FIRST, "last": LAST}.
"""
import json
import logging
import logging.handlers
import os
import signal
import sys
import time

mode, path, first, count, interval_ms = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
arg = int(sys.argv[6]) if len(sys.argv) > 6 else 0

if mode == 'rotating':
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=arg, backupCount=3)
elif mode == 'timed':
    handler = logging.handlers.TimedRotatingFileHandler(path, when='S', interval=1, backupCount=3, delay=True)
elif mode == 'watched':
    handler = logging.handlers.WatchedFileHandler(path)
elif mode == 'hup':
    handler = logging.FileHandler(path, mode='a')
else:
    sys.exit('unknown mode ' + mode)

handler.setFormatter(logging.Formatter('%(asctime)s %(levelname)s %(name)s %(message)s'))
log = logging.getLogger('writer')
log.setLevel(logging.INFO)
log.addHandler(handler)
log.propagate = False

reopen = False


def on_hup(signum, frame):
    global reopen
    reopen = True


signal.signal(signal.SIGHUP, on_hup)
# Ready: the test may rotate from now on.
print(json.dumps({'pid': os.getpid()}), flush=True)

renames = 0
for i in range(count):
    seq = first + i
    if reopen:
        reopen = False
        handler.acquire()
        try:
            handler.stream.close()
            handler.stream = handler._open()
        finally:
            handler.release()
    log.info('seq=%09d t=%d', seq, int(time.time() * 1000))
    if mode == 'watched' and arg and (i + 1) % arg == 0 and i + 1 < count:
        renames += 1
        os.rename(path, '%s.renamed.%d' % (path, renames))
    if interval_ms > 0:
        time.sleep(interval_ms / 1000.0)

handler.close()
print(json.dumps({'first': first, 'last': first + count - 1}), flush=True)
