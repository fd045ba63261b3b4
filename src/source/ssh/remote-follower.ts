/**
 * The follower that runs on the remote host, in POSIX sh with coreutils
 * (stat -c, head -c, dd, wc, mktemp) and nothing else. It reads the file
 * through a descriptor it keeps open (fd 3), so a rotated-away file is
 * drained through it, and reports in frames, each a header line
 * `@LVF VERB ARGS` and, for `data N`, exactly N bytes:
 *
 *   open DEV:INO OFFSET   a stream begins: this file, read from OFFSET
 *   data N                N bytes of it, at the offset reached so far
 *   end                   the stream is done (truncated, deleted)
 *   keep                  the stream's file was rotated away: it is kept open as the old stream
 *   old N                 N bytes written late to the old file (a daemon not yet HUPed)
 *   oldend                the old file had nothing new for GRACE polls: closed
 *   caught                what the file held at start has been sent
 *   wait                  the file is missing (sent once while it is)
 *   gone DEV:INO          the file to resume was rotated away and is no longer there
 *   err REASON            the file cannot be read: nothing more comes
 *   tick                  nothing new (a dead connection shows as a failed write)
 *   eof                   read mode: the whole file was sent
 *   match PATH            glob mode: one path the pattern matched
 *
 * Arguments: MODE (follow | read | glob), PATH (or pattern), and to resume,
 * the identity and offset reached (`-` and 0 for a first connection). The
 * same identity rules as the local follower: a new dev:ino at the name is a
 * rotation (the old descriptor is drained first), a size below the offset
 * is a truncation (the rest of the copy logrotate made is read first, found
 * by the bytes before the offset); a file to resume that is no longer at the name is looked
 * for in its directory by identity (rotated while disconnected).
 */
export const REMOTE_FOLLOWER = String.raw`
set -u
mode=$1 f=$2 want=$3 off=$4
CAP=1048576
POLL=0.2
# Polls a rotated-away file is kept and read after its last new byte (5 s, as locally).
GRACE=25
tmp=$(mktemp 2>/dev/null || echo "/tmp/logview-follow.$$")
last="$tmp.last"
: >"$last"
trap 'rm -f "$tmp" "$tmp.old" "$tmp.2" "$last"' EXIT
trap 'exit 1' HUP PIPE TERM INT
ident() { stat -L -c '%d:%i' -- "$1" 2>/dev/null; }
sizeof() { stat -L -c '%s' -- "$1" 2>/dev/null || echo 0; }
# Identity and size from one stat (two stats could straddle a rotation): now, size.
look() {
  st=$(stat -L -c '%d:%i %s' -- "$1" 2>/dev/null)
  now=
  size=0
  if [ -n "$st" ]; then
    set -- $st
    now=$1
    size=$2
  fi
}
frame() { printf '@LVF %s\n' "$*"; }
fail() { frame err "$1"; exit 0; }
cur=
# Open a file on fd 3 at offset 0 (or $2): its identity is the name's before and after the open.
open_at() {
  if [ -d "$1" ]; then fail 'Is a directory'; fi
  if [ ! -r "$1" ]; then
    if [ -e "$1" ]; then fail 'Permission denied'; fi
    return 1
  fi
  a=$(ident "$1")
  command exec 3<"$1" || return 1
  b=$(ident "$1")
  [ -n "$a" ] && [ "$a" = "$b" ] || return 1
  cur=$a
  off=$2
  if [ "$off" -gt 0 ]; then dd bs=1 skip="$off" count=0 <&3 2>/dev/null; fi
  frame open "$cur" "$off"
}
# Send what the rotated-away file (fd 5) holds; oldgot=1 when there was something.
drain_old() {
  oldgot=
  while :; do
    head -c "$CAP" <&5 >"$tmp.old"
    on=$(wc -c <"$tmp.old")
    on=$((on + 0))
    [ "$on" -gt 0 ] || return 0
    oldgot=1
    frame old "$on"
    cat "$tmp.old"
    [ "$on" -ge "$CAP" ] || return 0
  done
}
# Send what fd $1 (default 3: the current file; 4: logrotate's copy of it)
# holds past the offset; keep the offset and the last 64 bytes sent.
drain() {
  fd=3
  [ $# -eq 0 ] || fd=$1
  while :; do
    head -c "$CAP" <&"$fd" >"$tmp"
    n=$(wc -c <"$tmp")
    n=$((n + 0))
    [ "$n" -gt 0 ] || return 0
    # A daemon writes to the rotated-away file until it reopens the name:
    # what it wrote there last goes before the first bytes read here.
    if [ -n "$old" ]; then
      drain_old
      if [ -n "$oldgot" ]; then oldleft=$GRACE; fi
    fi
    frame data "$n"
    cat "$tmp"
    off=$((off + n))
    cat "$last" "$tmp" | tail -c 64 >"$tmp.2" && mv -f "$tmp.2" "$last"
    [ "$n" -ge "$CAP" ] || return 0
  done
}
old=
oldleft=0
drop_old() { frame oldend; exec 5<&-; old=; }
# The current file was rotated away: keep it open (fd 5) for late lines.
keep_old() {
  drain
  if [ -n "$old" ]; then drop_old; fi
  exec 5<&3
  exec 3<&-
  old=$cur
  oldleft=$GRACE
  cur=
  frame keep
}
poll_old() {
  [ -n "$old" ] || return 0
  drain_old
  if [ -n "$oldgot" ]; then
    oldleft=$GRACE
  else
    oldleft=$((oldleft - 1))
    [ "$oldleft" -gt 0 ] || drop_old
  fi
}
# Truncated in place (copytruncate): what was written after the last read is
# in the copy. Find it beside the file (the same 64 bytes before the offset)
# and send the rest of it first.
recover() {
  k=$(wc -c <"$last")
  k=$((k + 0))
  [ "$k" -gt 0 ] && [ "$off" -ge "$k" ] || return 0
  sum=$(cksum <"$last")
  for g in "$(dirname -- "$f")"/*; do
    [ -f "$g" ] && [ "$(ident "$g")" != "$cur" ] && [ "$(ident "$g")" != "$old" ] || continue
    [ "$(sizeof "$g")" -gt "$off" ] || continue
    [ "$(tail -c +$((off - k + 1)) -- "$g" | head -c "$k" | cksum)" = "$sum" ] || continue
    command exec 4<"$g" || continue
    dd bs=1 skip="$off" count=0 <&4 2>/dev/null
    drain 4
    exec 4<&-
    return 0
  done
}
close_stream() { drain; frame end; exec 3<&-; cur=; }

case $mode in
glob)
  set +f
  IFS=
  for g in $f; do
    if [ -e "$g" ] && [ ! -d "$g" ]; then printf '@LVF match %s\n' "$g"; fi
  done
  frame eof
  exit 0
  ;;
read)
  open_at "$f" 0 || fail 'No such file or directory'
  drain
  frame eof
  exit 0
  ;;
esac

# Resume: the file reached before is at the name, or rotated away beside it.
if [ "$want" != - ]; then
  look "$f"
  if [ "$now" = "$want" ] && [ "$size" -ge "$off" ]; then
    open_at "$f" "$off" || true
  else
    found=
    for g in "$(dirname -- "$f")"/*; do
      if [ "$(ident "$g")" = "$want" ]; then found=$g; break; fi
    done
    if [ -n "$found" ] && [ "$(sizeof "$found")" -ge "$off" ] && open_at "$found" "$off"; then
      close_stream
    else
      frame gone "$want"
    fi
  fi
fi
if [ -z "$cur" ]; then open_at "$f" 0 || true; fi
caught=
waiting=
idle=0
while :; do
  poll_old
  if [ -n "$cur" ]; then drain; fi
  if [ -z "$caught" ]; then caught=1; frame caught; fi
  look "$f"
  if [ "$now" != "$cur" ]; then
    if [ -n "$cur" ]; then keep_old; fi
    if [ -n "$now" ] && open_at "$f" 0; then
      waiting=
    elif [ -z "$waiting" ]; then
      waiting=1
      frame wait
    fi
    continue
  fi
  if [ -n "$cur" ] && [ "$size" -lt "$off" ]; then
    recover
    frame end
    exec 3<&-
    cur=
    open_at "$f" 0 || true
    continue
  fi
  idle=$((idle + 1))
  if [ "$idle" -ge 5 ]; then idle=0; frame tick; fi
  sleep "$POLL"
done
`;

/** `s` as one word for a POSIX shell. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** What the follower is asked to do. */
export type RemoteMode = 'follow' | 'read' | 'glob';

/** The remote command line: the follower script run by sh with its arguments. */
export function remoteCommand(mode: RemoteMode, path: string, resume?: { ident: string; offset: number }): string {
  const args = ['lvf', mode, path, resume?.ident ?? '-', String(resume?.offset ?? 0)];
  return ['sh', '-c', shellQuote(REMOTE_FOLLOWER), ...args.map(shellQuote)].join(' ');
}
