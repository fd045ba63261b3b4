/**
 * The remote follower in Python 3 (3.5 or later, standard library only),
 * used where the remote host has python3: the same arguments, the same
 * frames and the same identity rules as the sh one (remote-follower.ts),
 * step for step, so the client cannot tell them apart. What it buys: a poll
 * is a few system calls instead of a handful of processes (stat, head, wc,
 * sleep...), and data is read and written in one process without temporary
 * files, so the remote side idles at ~0 CPU and a backlog moves at pipe speed.
 * Birth times (for generations missed between two polls) come from stat(1),
 * as Python's os.stat has none on Linux before 3.12; only at a rotation.
 */
export const REMOTE_FOLLOWER_PY = String.raw`
import errno, glob, os, stat, subprocess, sys, time

mode, f, want, off = sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
CAP = 1048576
POLL = 0.2
GRACE = 25
WATCH = 1.0
COMPRESSED = ('.gz', '.bz2', '.xz', '.zst', '.lz4', '.lzma', '.Z', '.zip', '.br')
d = os.path.dirname(f) or '.'
base = os.path.basename(f)


def out(b):
    # A closed connection ends the follower (sh: SIGPIPE).
    try:
        while b:
            n = os.write(1, b)
            b = b[n:]
    except OSError:
        os._exit(1)


def frame(*a):
    out(b'@LVF ' + b' '.join(x if isinstance(x, bytes) else str(x).encode() for x in a) + b'\n')


def fail(reason):
    frame('err', reason)
    sys.exit(0)


def ident(p):
    try:
        st = os.stat(p)
    except OSError:
        return ''
    return '%d:%d' % (st.st_dev, st.st_ino)


def look(p):
    try:
        st = os.stat(p)
    except OSError:
        return '', 0
    return '%d:%d' % (st.st_dev, st.st_ino), st.st_size


def births(paths):
    """Birth time (ns, 0: none kept) and identity of each path, by stat(1)."""
    if not paths:
        return []
    try:
        r = subprocess.run(['stat', '-L', '-c', '%.9W %d:%i %n', '--'] + paths, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return []
    res = []
    for line in r.stdout.split(b'\n'):
        parts = line.split(b' ', 2)
        if len(parts) < 3:
            continue
        b = parts[0].replace(b'.', b'', 1)
        res.append((int(b) if b.isdigit() else 0, parts[1].decode(), os.fsdecode(parts[2])))
    return res


def birthof(p):
    r = births([p])
    return r[0][0] if r else 0


cur = None
fd3 = None
last = b''
old = None
fd5 = None
oldleft = 0
oldgot = False
low = 0
done_ids = []


def open_fd(p, wanted=None):
    """(fd, identity, birth) of p opened, its identity the name's before and
    after the open (and wanted when given: a missed generation is opened by
    identity, a rename since the look put another file there), or None."""
    if os.path.isdir(p):
        fail('Is a directory')
    if not os.access(p, os.R_OK):
        if os.path.exists(p):
            fail('Permission denied')
        return None
    a = ident(p)
    if wanted is not None and a != wanted:
        return None
    try:
        fd = os.open(p, os.O_RDONLY)
    except OSError:
        return None
    st = os.fstat(fd)
    if not a or a != ident(p) or a != '%d:%d' % (st.st_dev, st.st_ino):
        os.close(fd)
        return None
    # The birth of what was opened (the name may hold another file by now).
    return fd, a, birthof('/proc/%d/fd/%d' % (os.getpid(), fd)) or birthof(p)


def take(opened, offset):
    """The opened file is the stream, read from offset."""
    global cur, fd3, off, last, low
    if fd3 is not None:
        os.close(fd3)
    fd3, cur, low = opened
    off, last = offset, b''
    if off > 0:
        os.lseek(fd3, off, os.SEEK_SET)
    frame('open', cur, off)


def open_at(p, offset, wanted=None):
    opened = open_fd(p, wanted)
    if opened is None:
        return False
    take(opened, offset)
    return True


nxt = None


def open_next():
    """The file at the name is new: opened at once, so it cannot go before the
    generations born between the last one read and it are read; then it."""
    global nxt
    nxt = open_fd(f)
    if nxt is None:
        return False
    missed(nxt[2])
    opened, nxt = nxt, None
    take(opened, 0)
    return True


def drain_old():
    global oldgot
    oldgot = False
    while True:
        b = os.read(fd5, CAP)
        if not b:
            return
        oldgot = True
        out(b'@LVF old %d\n' % len(b) + b)
        if len(b) < CAP:
            return


def drain(fd=None):
    global off, last, oldleft
    fd = fd3 if fd is None else fd
    while True:
        b = os.read(fd, CAP)
        if not b:
            return
        # A daemon writes to the rotated-away file until it reopens the name:
        # what it wrote there last goes before the first bytes read here.
        if old is not None:
            drain_old()
            if oldgot:
                oldleft = GRACE
        out(b'@LVF data %d\n' % len(b) + b)
        off += len(b)
        last = (last + b)[-64:]
        if len(b) < CAP:
            return


def drop_old():
    global old, fd5
    frame('oldend')
    os.close(fd5)
    old = fd5 = None


def remember(i):
    done_ids.append(i)
    del done_ids[:-32]


def keep_old():
    global old, fd5, fd3, cur, oldleft
    drain()
    if old is not None:
        drain_old()
        drop_old()
    fd5, fd3, old = fd3, None, cur
    remember(cur)
    oldleft = GRACE
    cur = None
    frame('keep')


def poll_old():
    global oldleft
    if old is None:
        return
    drain_old()
    if oldgot:
        oldleft = GRACE
    else:
        oldleft -= 1
        if oldleft <= 0:
            drop_old()


def recover():
    k = len(last)
    if k == 0 or off < k:
        return
    for g in sorted(glob.glob(os.path.join(glob.escape(d), '*'))):
        try:
            if not os.path.isfile(g) or ident(g) in (cur, old) or os.path.getsize(g) <= off:
                continue
            fd4 = os.open(g, os.O_RDONLY)
        except OSError:
            continue
        try:
            if os.pread(fd4, k, off - k) == last:
                os.lseek(fd4, off, os.SEEK_SET)
                drain(fd4)
                return
        finally:
            os.close(fd4)


def close_stream():
    global fd3, cur
    drain()
    frame('end')
    os.close(fd3)
    fd3 = None
    remember(cur)
    cur = None


def candidates():
    return sorted(glob.glob(glob.escape(os.path.join(d, base)) + '?*'))


def missed(hi):
    """Generations that came and went between two looks (see the sh follower): read whole, in birth order."""
    if low <= 0:
        return
    todo = []
    for b, i, name in births(candidates()):
        if name.endswith(COMPRESSED) or b < low or (hi and b > hi) or i in done_ids or i in (cur, old, nxt and nxt[1]):
            continue
        todo.append((b, i))
    for b, i in sorted(todo):
        take_missed(i)


def take_missed(i):
    for _ in range(3):
        g = next((c for c in candidates() if ident(c) == i), None)
        if g is None or not os.path.isfile(g) or not os.access(g, os.R_OK):
            return
        if open_at(g, 0, i):
            keep_old()
            return


def expand():
    return sorted(g for g in glob.glob(f) if '\n' not in g and os.path.exists(g) and not os.path.isdir(g))


if mode == 'glob':
    for g in expand():
        frame('match', os.fsencode(g))
    frame('eof')
    sys.exit(0)
if mode == 'watch':
    seen = set()
    caught = False
    while True:
        for g in expand():
            if g not in seen:
                seen.add(g)
                frame('match', os.fsencode(g))
        frame('tick' if caught else 'caught')
        caught = True
        time.sleep(WATCH)
if mode == 'read':
    if not open_at(f, 0):
        fail('No such file or directory')
    drain()
    frame('eof')
    sys.exit(0)

low = int(time.time() * 1e9)
# Resume: the file reached before is at the name, or rotated away beside it.
if want != '-':
    now, size = look(f)
    if now == want and size >= off:
        open_at(f, off)
    else:
        found = next((g for g in sorted(glob.glob(os.path.join(glob.escape(d), '*'))) if ident(g) == want), None)
        if found is not None and look(found)[1] >= off and open_at(found, off):
            close_stream()
            if not open_next():
                missed(0)
        else:
            frame('gone', want)
if cur is None:
    open_next()
caught = False
waiting = False
idle = 0
dirtime = None
while True:
    poll_old()
    if cur is not None:
        drain()
    if not caught:
        caught = True
        frame('caught')
    now, size = look(f)
    if now != (cur or ''):
        if cur is not None:
            keep_old()
        if now and open_next():
            waiting = False
        elif not waiting:
            waiting = True
            frame('wait')
        continue
    if cur is not None and size < off:
        recover()
        frame('end')
        os.close(fd3)
        fd3 = cur = None
        open_at(f, 0)
        continue
    # Missing: a generation may have come and gone meanwhile (the directory changed).
    if cur is None and not now:
        if not waiting:
            waiting = True
            frame('wait')
        try:
            t = os.stat(d).st_mtime_ns
        except OSError:
            t = None
        if t != dirtime:
            dirtime = t
            missed(0)
    idle += 1
    if idle >= 5:
        idle = 0
        frame('tick')
    time.sleep(POLL)
`;
