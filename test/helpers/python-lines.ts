import fc from 'fast-check';

// Near misses too: a skim reading bytes must stop exactly where the parser's words do.
const LEVELS = ['DEBUG', 'DEBUGV', 'INFO', 'WARN', 'WARNING', 'ERROR', 'CRITICAL', 'AUDIT', 'Info', 'TRACE', 'INFOX', 'WARNIN', 'WARNINGS', 'DEBU', 'DEBUGVV', 'ERRORS', 'CRITICA', 'CRITICALS'];
const LOGGERS = ['kamaki.cli', 'kamaki.clients.send', 'kamaki.clients.recv', 'kamaki.clients.sendx', 'nova.compute', 'app', 'Foo.Bar', 'a-b.c_d', '9bad', 'app.', 'a..b', '_x', 'x-'];

/** Lines of a Python log and the shapes around it that a skim must not misread. */
export const pythonLine: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({
      ms: fc.integer({ min: 0, max: 999 }),
      sep: fc.constantFrom(' ', 'T'),
      frac: fc.constantFrom(',', '.', ''),
      gap: fc.constantFrom(' ', '  ', '\t', ''),
      level: fc.constantFrom(...LEVELS),
      after: fc.constantFrom(' ', ': ', '\t', ''),
      logger: fc.constantFrom(...LOGGERS, '[kamaki.cli]'),
      tail: fc.constantFrom(' message', ': message', '', '\tx', ' - y', '\r', ' \r'),
      zone: fc.constantFrom('', 'Z', '+02:00'),
    })
    .map((p) => `2024-05-16${p.sep}12:34:56${p.frac}${p.frac ? String(p.ms).padStart(3, '0') : ''}${p.zone}${p.gap}${p.level}${p.after}${p.logger}${p.tail}`),
  fc.constantFrom(
    '',
    '  File "x.py", line 1, in <module>',
    '\tcontinued',
    'Traceback (most recent call last):',
    'KeyError: \'missing\'',
    'requests.exceptions.ConnectionError: boom',
    'kamaki.cli: plain message',
    'kamaki.cli',
    ' indented message for a bare name',
    '> POST /tokens',
    '< 200 OK',
    'ERROR:root:basicConfig',
    '2024-05-16 12:34:56,789 1234 ERROR nova.compute [-] oslo shaped',
    '2024-05-16 12:34:56,789 - app - WARNING - dashed',
    'kamaki.cli(DEBUG) 2024-05-16 12:34:56,789',
    '{"level":"error","msg":"json"}',
    '2024-13-16 12:34:56,789 ERROR app bad month',
    '2024-05-16 24:34:56,789 ERROR app bad hour',
    '2024-05-1a 12:34:56,789 ERROR app bad digit',
    '2024-05-16 12:34:56,',
    '2024-05-16 12:34:56,789',
    '2024-05-16 12:34:56 ERROR',
    '2024-05-16 12:34:5',
  ),
);


const SEAM_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'];

/**
 * A record of Python's logging as it writes them: a plain head, then maybe a
 * traceback (whose exception line has a type of any shape: lower-case dotted,
 * CamelCase, near misses) and what may follow one.
 */
export const pythonRecord: fc.Arbitrary<string[]> = fc
  .record({
    level: fc.constantFrom(...SEAM_LEVELS),
    logger: fc.constantFrom('kamaki.cli', 'app.worker', 'nova.compute.manager'),
    traceback: fc.boolean(),
    frames: fc.array(fc.constantFrom('  File "x.py", line 1, in <module>', '    run()', '\tdeep'), { maxLength: 3 }),
    end: fc.constantFrom(
      'requests.exceptions.ConnectionError: boom',
      'kamaki.clients.ClientError: Container pithos not found',
      'app.Error:',
      'app.errors.Bad:x',
      'app.errors.Bad: x',
      '_private.err: y',
      "KeyError: 'missing'",
      'ValueError: bad 12',
      'a.: b',
      'a..b: c',
      'x-y.z: w',
      '',
      'Traceback (most recent call last):',
      'Traceback (most recent call last): ',
      'During handling of the above exception, another exception occurred:',
    ),
    after: fc.array(fc.constantFrom('  trailing indented', 'Traceback (most recent call last):', 'app.more: z', 'not an exception'), { maxLength: 2 }),
  })
  .map((r) => [`2024-05-16 12:34:56,789 ${r.level} ${r.logger} message`, ...(r.traceback ? ['Traceback (most recent call last):', ...r.frames, r.end, ...r.after] : r.after.slice(0, 1))]);

/** Lines of Python logs: whole records with tracebacks, and any of pythonLine among them. */
export const pythonLog: fc.Arbitrary<string[]> = fc.array(fc.oneof({ arbitrary: pythonRecord, weight: 3 }, { arbitrary: pythonLine.map((l) => [l]), weight: 1 }), { minLength: 1, maxLength: 40 }).map((rs) => rs.flat());
