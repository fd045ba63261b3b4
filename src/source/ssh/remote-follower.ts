import { REMOTE_FOLLOWER_PY } from './remote-follower-py.js';

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
 *   match PATH            glob mode: one path the pattern matched (watch mode: one
 *                         not listed before; the first listing ends in caught)
 *
 * Arguments: MODE (follow | read | glob | watch), PATH (or pattern), and to resume,
 * the identity and offset reached (`-` and 0 for a first connection). The
 * same identity rules as the local follower: a new dev:ino at the name is a
 * rotation (the old descriptor is drained first), a size below the offset
 * is a truncation (the rest of the copy logrotate made is read first, found
 * by the bytes before the offset); a file to resume that is no longer at the name is looked
 * for in its directory by identity (rotated while disconnected). Files that came and went
 * at the name between two polls are found by birth time (see missed). remote-follower-py.ts
 * is the same follower in Python, used where the host has python3.
 */
export const REMOTE_FOLLOWER = String.raw`
set -u
mode=$1 f=$2 want=$3 off=$4
dir=$(dirname -- "$f")
base=$(basename -- "$f")
CAP=1048576
POLL=0.2
# Seconds between two expansions of a pattern watched for new files.
WATCH=1
caught=
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
# Birth time of a file in ns as one integer (0: the filesystem or stat keeps none).
birthof() {
  b=$(stat -L -c '%.9W' -- "$1" 2>/dev/null | sed 's/\.//')
  case $b in *[!0-9]* | '') b=0 ;; esac
}
fail() { frame err "$1"; exit 0; }
cur=
next=
# Open file $2 on fd $1: its identity (opened, with its birth in born) is the
# name's before and after the open, and $3 when given (a missed generation is
# opened by identity: a rename since the look put another file there).
open_fd() {
  if [ -d "$2" ]; then fail 'Is a directory'; fi
  if [ ! -r "$2" ]; then
    if [ -e "$2" ]; then fail 'Permission denied'; fi
    return 1
  fi
  a=$(ident "$2")
  [ $# -lt 3 ] || [ "$a" = "$3" ] || return 1
  eval "command exec $1<\"\$2\"" 2>/dev/null || return 1
  b=$(ident "$2")
  [ -n "$a" ] && [ "$a" = "$b" ] || { eval "exec $1<&-"; return 1; }
  opened=$a
  # The birth of what was opened (the name may hold another file by now), or of the name.
  birthof "/dev/fd/$1"
  [ "$b" != 0 ] || birthof "$2"
  born=$b
}
# The file just opened on fd $1 is the stream, read from offset $2.
take_fd() {
  [ "$1" = 3 ] || eval "exec 3<&$1 $1<&-"
  cur=$opened
  off=$2
  low=$born
  : >"$last"
  if [ "$off" -gt 0 ]; then dd bs=1 skip="$off" count=0 <&3 2>/dev/null; fi
  frame open "$cur" "$off"
}
# Open a file on fd 3 at offset $2 (0), by identity $3 when given.
open_at() {
  if [ $# -ge 3 ]; then open_fd 3 "$1" "$3"; else open_fd 3 "$1"; fi && take_fd 3 "$2"
}
# The file at the name is new: open it at once (fd 7), so it cannot go before
# the generations born between the last one read and it are read; then it.
open_next() {
  open_fd 7 "$f" || return 1
  next=$opened nextborn=$born
  missed "$nextborn"
  opened=$next born=$nextborn next=
  take_fd 7 0
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
  if [ -n "$old" ]; then
    drain_old
    drop_old
  fi
  exec 5<&3
  exec 3<&-
  old=$cur
  remember "$cur"
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
close_stream() { drain; frame end; exec 3<&-; remember "$cur"; cur=; }
# The last identities read to their end (32 at most): never a missed generation.
done_ids=
remember() {
  set -- $done_ids "$1"
  while [ $# -gt 32 ]; do shift; done
  done_ids="$*"
}
# Generations that came and went between two looks (born after the file
# read before, up to $1, 0: no bound, under a rotated form of the name), in
# birth order: each is read whole and then kept as the old file, as the
# local follower does. Needs birth times: where there are none nothing is guessed.
missed() {
  [ "$low" -gt 0 ] || return 0
  hi=$1
  todo=$(stat -L -c '%.9W %d:%i %n' -- "$dir/$base"?* 2>/dev/null | sed 's/\.//' | while read -r b id name; do
    case $name in *.gz | *.bz2 | *.xz | *.zst | *.lz4 | *.lzma | *.Z | *.zip | *.br) continue ;; esac
    case $b in *[!0-9]* | '') continue ;; esac
    [ "$b" -ge "$low" ] || continue
    [ "$hi" = 0 ] || [ "$b" -le "$hi" ] || continue
    case " $done_ids $cur $old $next " in *" $id "*) continue ;; esac
    printf '%s %s\n' "$b" "$id"
  done | sort -n)
  for id in $todo; do
    case $id in *:*) take_missed "$id" ;; esac
  done
}
# Open a missed generation by identity (its name may shift as a rotation renames backups), read it, keep it.
take_missed() {
  for try in 1 2 3; do
    g=$(stat -L -c '%d:%i %n' -- "$dir/$base"?* 2>/dev/null | while read -r id name; do
      if [ "$id" = "$1" ]; then
        printf '%s\n' "$name"
        break
      fi
    done)
    [ -n "$g" ] && [ -f "$g" ] && [ -r "$g" ] || return 0
    if open_at "$g" 0 "$1"; then
      keep_old
      return 0
    fi
  done
}

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
watch)
  # Re-expand the pattern every WATCH_POLLS polls (builtins only, and one
  # sleep): each path once, the first listing ending in caught. The client
  # tells new files from the ones it follows, and from their rotated names.
  set +f
  IFS=
  nl='
'
  seen=$nl
  while :; do
    for g in $f; do
      case $seen in *"$nl$g$nl"*) continue ;; esac
      case $g in *"$nl"*) continue ;; esac
      if [ -e "$g" ] && [ ! -d "$g" ]; then
        seen=$seen$g$nl
        printf '@LVF match %s\n' "$g"
      fi
    done
    if [ -z "$caught" ]; then caught=1; frame caught; else frame tick; fi
    sleep "$WATCH"
  done
  ;;
read)
  open_at "$f" 0 || fail 'No such file or directory'
  drain
  frame eof
  exit 0
  ;;
esac

# Birth of the file read before (ns): generations born since then are ours to
# read. Before any, the follower's start: what was rotated away before it is not.
low=$(date +%s%N 2>/dev/null)
case $low in *[!0-9]* | '') low=0 ;; esac
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
      open_next || missed 0
    else
      frame gone "$want"
    fi
  fi
fi
if [ -z "$cur" ]; then open_next || true; fi
waiting=
idle=0
dirtime=
while :; do
  poll_old
  if [ -n "$cur" ]; then drain; fi
  if [ -z "$caught" ]; then caught=1; frame caught; fi
  look "$f"
  if [ "$now" != "$cur" ]; then
    if [ -n "$cur" ]; then keep_old; fi
    if [ -n "$now" ] && open_next; then
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
  # Missing: a generation may have come and gone meanwhile (the directory changed).
  if [ -z "$cur" ] && [ -z "$now" ]; then
    if [ -z "$waiting" ]; then
      waiting=1
      frame wait
    fi
    t=$(stat -L -c '%.9Y' -- "$dir" 2>/dev/null)
    if [ "$t" != "$dirtime" ]; then
      dirtime=$t
      missed 0
    fi
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
export type RemoteMode = 'follow' | 'read' | 'glob' | 'watch';

/**
 * Which follower runs remotely: `auto` (python3 where the remote PATH has
 * it, else sh), or one of them (LOGVIEW_SSH_FOLLOWER=sh|python).
 */
export type FollowerKind = 'auto' | 'sh' | 'python';

/** LOGVIEW_SSH_FOLLOWER, `auto` unless it says `sh` or `python`. */
export function followerKind(env: NodeJS.ProcessEnv = process.env): FollowerKind {
  const v = env.LOGVIEW_SSH_FOLLOWER;
  return v === 'sh' || v === 'python' ? v : 'auto';
}

/**
 * Picks the follower on the remote side: $0 the Python one, $1 the sh one,
 * then the arguments. A python3 that does not run (a pyenv shim without a
 * version) or is older than 3.5 counts as none.
 */
const CHOOSE =
  'py=$0 s=$1; shift; if python3 -c "import sys; sys.exit(sys.version_info < (3, 5))" >/dev/null 2>&1; then exec python3 -c "$py" "$@"; fi; exec sh -c "$s" "$@"';

/** The remote command line: the follower script (run by python3 or sh) with its arguments. */
export function remoteCommand(mode: RemoteMode, path: string, resume?: { ident: string; offset: number }, kind: FollowerKind = followerKind()): string {
  const args = ['lvf', mode, path, resume?.ident ?? '-', String(resume?.offset ?? 0)].map(shellQuote);
  const line =
    kind === 'sh'
      ? ['sh', '-c', shellQuote(REMOTE_FOLLOWER)]
      : kind === 'python'
        ? ['python3', '-c', shellQuote(REMOTE_FOLLOWER_PY)]
        : ['sh', '-c', shellQuote(CHOOSE), shellQuote(REMOTE_FOLLOWER_PY), shellQuote(REMOTE_FOLLOWER)];
  return [...line, ...args].join(' ');
}
