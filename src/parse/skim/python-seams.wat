;; The Python seam skim (python-seam-run.ts): LevelSkim's take() for runs of
;; lines at once, on bytes copied into this memory. pythonSeamLevel
;; (python-head.ts) in WebAssembly: it answers from the first line, where the
;; JavaScript takes a few hundred milliseconds to become fast code, on every
;; thread that parses.
;;
;; Memory: the input window at [0, 131072) (python-seam-run.ts copies it), 16
;; spare bytes after it (a vector load may read past the last byte), constant
;; bytes from 196608 (names at 196632, the traceback line at 196928), the seam table from 262144 (40 bytes an entry) and
;; its fractions from 589824 (8 bytes an entry), 8192 entries.
(module
  (memory (export "memory") 10)
  ;; kamaki's HTTP loggers, 19 bytes each: their lines are not seams.
  (data (i32.const 196632) "kamaki.clients.send")
  (data (i32.const 196652) "kamaki.clients.recv")
  ;; The line that opens a Python traceback, 34 bytes (after the identifier table).
  (data (i32.const 196928) "Traceback (most recent call last):")
  ;; Identifier bytes at 196672 (256 of them; python-seam-run.ts writes them): 1 may start
  ;; one (letters, _), 2 only continue one (digits, -).

  ;; Level numbers (model/level.ts), set by the loader.
  (global $debug (export "debug") (mut i32) (i32.const 0))
  (global $info (export "info") (mut i32) (i32.const 0))
  (global $warning (export "warning") (mut i32) (i32.const 0))
  (global $error (export "error") (mut i32) (i32.const 0))
  (global $critical (export "critical") (mut i32) (i32.const 0))
  ;; What the last run took: its lines, and the seam table's size after it.
  (global $lines (export "lines") (mut i32) (i32.const 0))
  (global $seams (export "seams") (mut i32) (i32.const 0))
;; The held record is in a Python traceback (its lines so far opened one and
  ;; no exception line closed it): the assembler's inTraceback. In and out of
  ;; a run (python-seam-run.ts keeps it); a seam taken clears it.
  (global $tb (export "tb") (mut i32) (i32.const 0))
  ;; Where, in the line $seam last answered for, the time ends and the logger is.
  (global $timeEnd (mut i32) (i32.const 0))
  (global $loggerStart (mut i32) (i32.const 0))
  (global $loggerEnd (mut i32) (i32.const 0))

  ;; The first newline in [p, end), or end.
  (func $newline (param $p i32) (param $end i32) (result i32)
    (local $m i32)
    (block $tail
      (loop $vec
        (br_if $tail (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (local.set $m (i8x16.bitmask (i8x16.eq (v128.load (local.get $p)) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))))
        (if (local.get $m) (then (return (i32.add (local.get $p) (i32.ctz (local.get $m))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $vec)))
    (block $none
      (loop $byte
        (br_if $none (i32.ge_u (local.get $p) (local.get $end)))
        (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 10)) (then (return (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $byte)))
    (local.get $end))

  ;; Whether [p, end) starts with the n bytes at w (bytesStartWith).
  (func $startsWith (param $p i32) (param $end i32) (param $w i32) (param $n i32) (result i32)
    (local $k i32)
    (if (i32.gt_u (i32.add (local.get $p) (local.get $n)) (local.get $end)) (then (return (i32.const 0))))
    (block $diff
      (loop $l
        (if (i32.ge_u (local.get $k) (local.get $n)) (then (return (i32.const 1))))
        (br_if $diff (i32.ne (i32.load8_u (i32.add (local.get $p) (local.get $k))) (i32.load8_u (i32.add (local.get $w) (local.get $k)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $l)))
    (i32.const 0))

  ;; The value of the two digits at p when it is in [lo, hi], else -1 (twoDigits).
  (func $two (param $p i32) (param $lo i32) (param $hi i32) (result i32)
    (local $v i32)
    (local.set $v (i32.add (i32.mul (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)) (i32.const 10))
                           (i32.sub (i32.load8_u offset=1 (local.get $p)) (i32.const 48))))
    (select (local.get $v) (i32.const -1) (i32.and (i32.ge_s (local.get $v) (local.get $lo)) (i32.le_s (local.get $v) (local.get $hi)))))

;; Whether the line text [p, e) surely continues a held record's traceback,
  ;; as the assembler reads it: the traceback's first line (no format reads it
  ;; as a head: LevelSkim checks that before it lets a run take it), or, in a
  ;; traceback, the exception line of a lower-case dotted type
  ;; (`requests.exceptions.ConnectionError: boom`), which parsePythonHead reads
  ;; as an untimed `name: message` head (only a timed head ends a traceback).
  ;; Sets $tb as the assembler sets inTraceback; 0 when unsure.
  (func $traceback (param $p i32) (param $e i32) (result i32)
    (local $c i32) (local $j i32)
    (if (i32.eq (i32.sub (local.get $e) (local.get $p)) (i32.const 34))
      (then
        (if (call $startsWith (local.get $p) (local.get $e) (i32.const 196928) (i32.const 34))
          (then (global.set $tb (i32.const 1)) (return (i32.const 1))))))
    (if (i32.eqz (global.get $tb)) (then (return (i32.const 0))))
    ;; isLower, then scanLoggerName, then `:` at the end or before a space.
    (local.set $c (i32.load8_u (local.get $p)))
    (if (i32.and (i32.gt_u (i32.sub (local.get $c) (i32.const 97)) (i32.const 25)) (i32.ne (local.get $c) (i32.const 95)))
      (then (return (i32.const 0))))
    (local.set $j (i32.add (local.get $p) (i32.const 1)))
    (block $b
      (loop $l
        (br_if $b (i32.ge_u (local.get $j) (local.get $e)))
        (local.set $c (i32.load8_u (local.get $j)))
        (if (i32.load8_u offset=196672 (local.get $c))
          (then
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $l)))
        (br_if $b (i32.ne (local.get $c) (i32.const 46)))
        (br_if $b (i32.ge_u (i32.add (local.get $j) (i32.const 1)) (local.get $e)))
        (br_if $b (i32.ne (i32.load8_u offset=196672 (i32.load8_u offset=1 (local.get $j))) (i32.const 1)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $l)))
    (if (i32.ge_u (local.get $j) (local.get $e)) (then (return (i32.const 0))))
    (if (i32.ne (i32.load8_u (local.get $j)) (i32.const 58)) (then (return (i32.const 0))))
    (if (i32.lt_u (i32.add (local.get $j) (i32.const 1)) (local.get $e))
      (then (if (i32.ne (i32.load8_u offset=1 (local.get $j)) (i32.const 32)) (then (return (i32.const 0))))))
    (global.set $tb (i32.const 0))
    (i32.const 1))

  ;; pythonSeamLevel of the line text [s, e): its level, or 0 (not sure).
  ;; Written for the baseline compiler (the code that runs first): few calls,
  ;; the time's digits checked 16 bytes at a time, words compared as integers.
  ;; Bytes past e may be read (the window has 16 spare bytes); they never decide.
  (func $seam (param $s i32) (param $e i32) (result i32)
    (local $i i32) (local $j i32) (local $c i32) (local $n i32) (local $level i32) (local $k i32) (local $w i32) (local $timeAt i32)
    (if (i32.lt_s (i32.sub (local.get $e) (local.get $s)) (i32.const 19)) (then (return (i32.const 0))))
    ;; YYYY-MM-DD?HH:MM:SS: digits at 0-3, 5-6, 8-9, 11-12, 14-15 (bit mask 0xDB6F) and 17-18.
    (if (i32.ne
          (i32.and
            (i8x16.bitmask (i8x16.le_u (i8x16.sub (v128.load (local.get $s)) (v128.const i8x16 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48))
                                       (v128.const i8x16 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9)))
            (i32.const 0xDB6F))
          (i32.const 0xDB6F))
      (then (return (i32.const 0))))
    (if (i32.gt_u (i32.sub (i32.load8_u offset=17 (local.get $s)) (i32.const 48)) (i32.const 9)) (then (return (i32.const 0))))
    (if (i32.gt_u (i32.sub (i32.load8_u offset=18 (local.get $s)) (i32.const 48)) (i32.const 9)) (then (return (i32.const 0))))
    (local.set $c (i32.load8_u offset=10 (local.get $s)))
    (if (i32.or
          (i32.or
            (i32.or (i32.ne (i32.load8_u offset=4 (local.get $s)) (i32.const 45)) (i32.ne (i32.load8_u offset=7 (local.get $s)) (i32.const 45)))
            (i32.or (i32.ne (i32.load8_u offset=13 (local.get $s)) (i32.const 58)) (i32.ne (i32.load8_u offset=16 (local.get $s)) (i32.const 58))))
          (i32.and (i32.ne (local.get $c) (i32.const 32)) (i32.ne (local.get $c) (i32.const 84))))
      (then (return (i32.const 0))))
    (if (i32.or
          (i32.or
            (i32.lt_s (call $two (i32.add (local.get $s) (i32.const 5)) (i32.const 1) (i32.const 12)) (i32.const 0))
            (i32.lt_s (call $two (i32.add (local.get $s) (i32.const 8)) (i32.const 1) (i32.const 31)) (i32.const 0)))
          (i32.or
            (i32.lt_s (call $two (i32.add (local.get $s) (i32.const 11)) (i32.const 0) (i32.const 23)) (i32.const 0))
            (i32.or
              (i32.lt_s (call $two (i32.add (local.get $s) (i32.const 14)) (i32.const 0) (i32.const 59)) (i32.const 0))
              (i32.lt_s (call $two (i32.add (local.get $s) (i32.const 17)) (i32.const 0) (i32.const 60)) (i32.const 0)))))
      (then (return (i32.const 0))))
    ;; Fraction: , or . and at least one digit.
    (local.set $i (i32.add (local.get $s) (i32.const 19)))
    (if (i32.lt_u (local.get $i) (local.get $e))
      (then
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.or (i32.eq (local.get $c) (i32.const 44)) (i32.eq (local.get $c) (i32.const 46)))
          (then
            (local.set $j (i32.add (local.get $i) (i32.const 1)))
            (block $end
              (loop $digits
                (br_if $end (i32.ge_u (local.get $j) (local.get $e)))
                (br_if $end (i32.gt_u (i32.sub (i32.load8_u (local.get $j)) (i32.const 48)) (i32.const 9)))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $digits)))
            (if (i32.eq (local.get $j) (i32.add (local.get $i) (i32.const 1))) (then (return (i32.const 0))))
            (local.set $i (local.get $j))))))
    ;; A blank after the time, then the level word.
    (local.set $timeAt (local.get $i))
    (if (i32.ge_u (local.get $i) (local.get $e)) (then (return (i32.const 0))))
    (local.set $c (i32.load8_u (local.get $i)))
    (if (i32.and (i32.ne (local.get $c) (i32.const 32)) (i32.ne (local.get $c) (i32.const 9))) (then (return (i32.const 0))))
    (block $b1
      (loop $l1
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $b1 (i32.ge_u (local.get $i) (local.get $e)))
        (local.set $c (i32.load8_u (local.get $i)))
        (br_if $l1 (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9))))))
    ;; commonLevelBytes, as little-endian words: the word must end within the line (i + n <= e).
    (local.set $w (i32.load (local.get $i)))
    (block $word
      (if (i32.eq (local.get $w) (i32.const 0x4F464E49)) ;; INFO
        (then (local.set $level (global.get $info)) (local.set $n (i32.const 4)) (br $word)))
      (if (i32.and (i32.eq (local.get $w) (i32.const 0x55424544)) (i32.eq (i32.load8_u offset=4 (local.get $i)) (i32.const 71))) ;; DEBUG
        (then
          (local.set $level (global.get $debug))
          (local.set $n (i32.const 5))
          (if (i32.lt_u (i32.add (local.get $i) (i32.const 5)) (local.get $e))
            (then (if (i32.eq (i32.load8_u offset=5 (local.get $i)) (i32.const 86)) (then (local.set $n (i32.const 6))))))
          (br $word)))
      (if (i32.eq (local.get $w) (i32.const 0x4E524157)) ;; WARN, WARNING
        (then
          (local.set $level (global.get $warning))
          (local.set $n (i32.const 4))
          (if (i32.lt_u (i32.add (local.get $i) (i32.const 6)) (local.get $e))
            (then
              (if (i32.eq (i32.and (i32.load offset=4 (local.get $i)) (i32.const 0xFFFFFF)) (i32.const 0x474E49))
                (then (local.set $n (i32.const 7))))))
          (br $word)))
      (if (i32.and (i32.eq (local.get $w) (i32.const 0x4F525245)) (i32.eq (i32.load8_u offset=4 (local.get $i)) (i32.const 82))) ;; ERROR
        (then (local.set $level (global.get $error)) (local.set $n (i32.const 5)) (br $word)))
      (if (i64.eq (i64.load (local.get $i)) (i64.const 0x4C41434954495243)) ;; CRITICAL
        (then (local.set $level (global.get $critical)) (local.set $n (i32.const 8)) (br $word)))
      (return (i32.const 0)))
    (if (i32.gt_u (i32.add (local.get $i) (local.get $n)) (local.get $e)) (then (return (i32.const 0))))
    ;; A blank after the word (within the line), then the logger.
    (local.set $k (i32.add (local.get $i) (local.get $n)))
    (if (i32.ge_u (local.get $k) (local.get $e)) (then (return (i32.const 0))))
    (local.set $c (i32.load8_u (local.get $k)))
    (if (i32.and (i32.ne (local.get $c) (i32.const 32)) (i32.ne (local.get $c) (i32.const 9))) (then (return (i32.const 0))))
    (block $b2
      (loop $l2
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $b2 (i32.ge_u (local.get $k) (local.get $e)))
        (local.set $c (i32.load8_u (local.get $k)))
        (br_if $l2 (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9))))))
    ;; scanLoggerName: identifiers joined by single dots, then the end or a space.
    (if (i32.ge_u (local.get $k) (local.get $e)) (then (return (i32.const 0))))
    (if (i32.ne (i32.load8_u offset=196672 (i32.load8_u (local.get $k))) (i32.const 1)) (then (return (i32.const 0))))
    (local.set $j (i32.add (local.get $k) (i32.const 1)))
    (block $b3
      (loop $l3
        (br_if $b3 (i32.ge_u (local.get $j) (local.get $e)))
        (local.set $c (i32.load8_u (local.get $j)))
        (if (i32.load8_u offset=196672 (local.get $c))
          (then
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $l3)))
        (br_if $b3 (i32.ne (local.get $c) (i32.const 46)))
        (br_if $b3 (i32.ge_u (i32.add (local.get $j) (i32.const 1)) (local.get $e)))
        (br_if $b3 (i32.ne (i32.load8_u offset=196672 (i32.load8_u offset=1 (local.get $j))) (i32.const 1)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $l3)))
    (if (i32.lt_u (local.get $j) (local.get $e))
      (then (if (i32.ne (i32.load8_u (local.get $j)) (i32.const 32)) (then (return (i32.const 0))))))
    (if (i32.eq (i32.sub (local.get $j) (local.get $k)) (i32.const 19))
      (then
        (if (i32.or (call $startsWith (local.get $k) (local.get $j) (i32.const 196632) (i32.const 19))
                    (call $startsWith (local.get $k) (local.get $j) (i32.const 196652) (i32.const 19)))
          (then (return (i32.const 0))))))
    (global.set $timeEnd (local.get $timeAt))
    (global.set $loggerStart (local.get $k))
    (global.set $loggerEnd (local.get $j))
    (local.get $level))

  ;; Entry k of the seam table for the seam line at p, which $seam just read:
  ;; 10 numbers at 262144 + 40 k (start + base, line, level, time end + base,
  ;; logger start + base, logger end + base, the logger's FNV-1a hash, the
  ;; date and hour as time.ts keys them, the milliseconds since that hour
  ;; without the fraction) and the fraction's milliseconds, added up as
  ;; localIsoTimeBytes adds them, at 589824 + 8 k. Without $spans only the
  ;; first three: print's drop reads no more, and the rest was a third of
  ;; the module's time there.
  (func $note (param $k i32) (param $p i32) (param $base i32) (param $line i32) (param $level i32) (param $spans i32)
    (local $at i32) (local $h i32) (local $j i32) (local $end i32) (local $frac f64) (local $scale f64)
    (local.set $at (i32.add (i32.const 262144) (i32.mul (local.get $k) (i32.const 40))))
    (i32.store offset=0 (local.get $at) (i32.add (local.get $p) (local.get $base)))
    (i32.store offset=4 (local.get $at) (local.get $line))
    (i32.store offset=8 (local.get $at) (local.get $level))
    (if (i32.eqz (local.get $spans)) (then (return)))
    (i32.store offset=12 (local.get $at) (i32.add (global.get $timeEnd) (local.get $base)))
    (i32.store offset=16 (local.get $at) (i32.add (global.get $loggerStart) (local.get $base)))
    (i32.store offset=20 (local.get $at) (i32.add (global.get $loggerEnd) (local.get $base)))
    (local.set $h (i32.const 0x811C9DC5))
    (local.set $j (global.get $loggerStart))
    (block $done
      (loop $bytes
        (br_if $done (i32.ge_u (local.get $j) (global.get $loggerEnd)))
        (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (local.get $j))) (i32.const 16777619)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $bytes)))
    (i32.store offset=24 (local.get $at) (local.get $h))
    ;; ((y * 13 + mo) * 32 + d) * 25 + h
    (i32.store offset=28 (local.get $at)
      (i32.add
        (i32.mul
          (i32.add
            (i32.mul
              (i32.add
                (i32.mul
                  (i32.add (i32.mul (call $two (local.get $p) (i32.const 0) (i32.const 99)) (i32.const 100))
                           (call $two (i32.add (local.get $p) (i32.const 2)) (i32.const 0) (i32.const 99)))
                  (i32.const 13))
                (call $two (i32.add (local.get $p) (i32.const 5)) (i32.const 0) (i32.const 99)))
              (i32.const 32))
            (call $two (i32.add (local.get $p) (i32.const 8)) (i32.const 0) (i32.const 99)))
          (i32.const 25))
        (call $two (i32.add (local.get $p) (i32.const 11)) (i32.const 0) (i32.const 99))))
    (i32.store offset=32 (local.get $at)
      (i32.mul
        (i32.add (i32.mul (call $two (i32.add (local.get $p) (i32.const 14)) (i32.const 0) (i32.const 99)) (i32.const 60))
                 (call $two (i32.add (local.get $p) (i32.const 17)) (i32.const 0) (i32.const 99)))
        (i32.const 1000)))
    ;; The fraction's digits from p + 20, scaled and rounded as localIsoTimeBytes does (the same doubles).
    (local.set $end (global.get $timeEnd))
    (if (i32.gt_u (local.get $end) (i32.add (local.get $p) (i32.const 20)))
      (then
        (local.set $scale (f64.const 100))
        (local.set $j (i32.add (local.get $p) (i32.const 20)))
        (block $fdone
          (loop $fdigits
            (br_if $fdone (i32.ge_u (local.get $j) (local.get $end)))
            (local.set $frac (f64.add (local.get $frac) (f64.mul (f64.convert_i32_s (i32.sub (i32.load8_u (local.get $j)) (i32.const 48))) (local.get $scale))))
            (local.set $scale (f64.div (local.get $scale) (f64.const 10)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $fdigits)))
        (local.set $frac (f64.div (f64.floor (f64.mul (local.get $frac) (f64.const 1000))) (f64.const 1000)))))
    (f64.store (i32.add (i32.const 589824) (i32.mul (local.get $k) (i32.const 8))) (local.get $frac)))

  ;; LevelSkim.takes for the lines starting in [start, limit) and ending (with
  ;; their newline) before end: while holding a record (held = 1) it takes
  ;; indented lines and sure seams below `floor`; not holding, only sure seams
  ;; below it. Each seam it takes is noted in the seam table from entry
  ;; `outFrom` on (positions plus `base`, its line as `lineFrom` plus the lines
  ;; before it), until `outMax` entries. Stops before the first line it does
  ;; not take (left to take() in JavaScript), an unterminated one, or one
  ;; longer than maxLine, or once the table is full; returns where it stopped.
  ;; $spans: note each seam's whole entry ($note), not only where and what it is.
  ;; $tracebacks: holding, take a traceback's lines too ($traceback).
  (func (export "run")
    (param $start i32) (param $limit i32) (param $end i32) (param $held i32) (param $floor i32) (param $maxLine i32)
    (param $base i32) (param $lineFrom i32) (param $outFrom i32) (param $outMax i32) (param $spans i32) (param $tracebacks i32)
    (result i32)
    (local $p i32) (local $nl i32) (local $e i32) (local $c i32) (local $level i32) (local $lines i32) (local $out i32) (local $at i32)
    (local.set $p (local.get $start))
    (local.set $out (local.get $outFrom))
    (block $stop
      (loop $line
        (br_if $stop (i32.ge_u (local.get $p) (local.get $limit)))
        (br_if $stop (i32.ge_u (local.get $out) (local.get $outMax)))
        (local.set $nl (call $newline (local.get $p) (local.get $end)))
        (br_if $stop (i32.ge_u (local.get $nl) (local.get $end)))
        (br_if $stop (i32.gt_u (i32.sub (local.get $nl) (local.get $p)) (local.get $maxLine)))
        (local.set $e (local.get $nl))
        (if (i32.gt_u (local.get $e) (local.get $p))
          (then (if (i32.eq (i32.load8_u offset=0 (i32.sub (local.get $e) (i32.const 1))) (i32.const 13)) (then (local.set $e (i32.sub (local.get $e) (i32.const 1)))))))
        (block $taken
          (if (local.get $held)
            (then
              ;; Indented (and not empty): the held record goes on.
              (if (i32.lt_u (local.get $p) (local.get $e))
                (then
                  (local.set $c (i32.load8_u (local.get $p)))
                  (br_if $taken (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9))))))))
          (local.set $level (call $seam (local.get $p) (local.get $e)))
          (if (i32.eqz (local.get $level))
            (then
              (br_if $taken (i32.and (i32.and (local.get $held) (local.get $tracebacks))
                                     (i32.and (i32.lt_u (local.get $p) (local.get $e)) (call $traceback (local.get $p) (local.get $e)))))
              (br $stop)))
          (br_if $stop (i32.ge_s (local.get $level) (local.get $floor)))
          (local.set $held (i32.const 1))
          (global.set $tb (i32.const 0))
          (call $note (local.get $out) (local.get $p) (local.get $base) (i32.add (local.get $lines) (local.get $lineFrom)) (local.get $level) (local.get $spans))
          (local.set $out (i32.add (local.get $out) (i32.const 1))))
        (local.set $lines (i32.add (local.get $lines) (i32.const 1)))
        (local.set $p (i32.add (local.get $nl) (i32.const 1)))
        (br $line)))
    (global.set $lines (local.get $lines))
    (global.set $seams (local.get $out))
    (local.get $p))
)
