import { describe, expect, it } from 'vitest';
import { brief, local, parseFixture, parseText } from './formats-helpers.js';

describe('oslo.log text', () => {
  const recs = parseFixture('../oslo_text.log');

  it('reads default and context shapes, with request ids, user, project and instance as fields', () => {
    expect(recs.every((r) => r.format === 'oslo')).toBe(true);
    expect(brief(recs[0]!)).toEqual({ format: 'oslo', level: 'info', logger: 'oslo_service.service', message: 'Starting 4 workers' });
    expect(recs[0]!.time).toBe(local(2024, 5, 16, 0, 0, 23, 709));
    // new context shape: [global_request_id request_id user project domain system_scope user_domain project_domain]
    expect(recs[2]!.fields).toEqual({
      request_id: 'req-38101a0b-2096-447d-96ea-a692162415ae',
      global_request_id: 'req-e2c35e53-06d3-4feb-84b9-705c94d40e5b',
      user: '113d3a99c3da401fbd62cc2caa5b96d2',
      project: '54fadb412c4e40cdbaed9335e4c35a9e',
    });
    // `None` for a missing global id, then [instance: uuid]
    expect(recs[3]!.fields).toEqual({
      request_id: 'req-3ea4052c-895d-4b64-9e2d-04d64c4d94ab',
      instance: 'b9000564-fe1a-409b-b8cc-1e88b294cd1d',
    });
    expect(recs[3]!.message).toBe('VM Started (Lifecycle Event)');
  });

  it('moves the debug suffix (funcName pathname:lineno) into fields', () => {
    expect(recs[1]!.message).toBe('Full set of CONF:');
    expect(recs[1]!.fields).toEqual({
      funcName: 'oslo_session',
      pathname: '/usr/lib/python3/dist-packages/nova/compute/manager.py',
      lineno: 375,
    });
  });

  it('reads TRACE and CRITICAL levels', () => {
    expect(brief(recs[6]!).level).toBe('trace');
    expect(brief(recs.at(-1)!).level).toBe('critical');
  });

  it('folds exception lines carrying the exception prefix into the record they belong to', () => {
    const err = recs[8]!;
    expect(err.message).toBe('Instance failed to spawn: RuntimeError: Failed to allocate the network(s), not rescheduling.');
    expect(err.line).toBe(9);
    expect(err.raw.length).toBe(13);
    expect(err.body[0]).toBe('Traceback (most recent call last):');
    expect(err.body).toContain('The above exception was the direct cause of the following exception:');
    expect(err.body.at(-1)).toBe('RuntimeError: Failed to allocate the network(s), not rescheduling.');
    const wsgi = recs[9]!;
    expect(wsgi.logger).toBe('nova.api.openstack.wsgi');
    expect(wsgi.body).toEqual([
      'Traceback (most recent call last):',
      '  File "/usr/lib/python3/dist-packages/nova/compute/manager.py", line 398, in oslo_session',
      "    {}['missing']",
      '    ~~^^^^^^^^^^^',
      "KeyError: 'missing'",
    ]);
    expect(recs).toHaveLength(11);
  });

  it('reads the old context shape and a source-file prefix (loghub)', () => {
    const [r] = parseText(
      'nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO nova.osapi_compute.wsgi.server ' +
        '[req-38101a0b-2096-447d-96ea-a692162415ae 113d3a99c3da401fbd62cc2caa5b96d2 54fadb412c4e40cdbaed9335e4c35a9e - - -] ' +
        '10.11.10.1 "GET /v2/servers/detail HTTP/1.1" status: 200\n',
    );
    expect(brief(r!)).toEqual({ format: 'oslo', level: 'info', logger: 'nova.osapi_compute.wsgi.server', message: '10.11.10.1 "GET /v2/servers/detail HTTP/1.1" status: 200' });
    expect(r!.fields).toEqual({
      request_id: 'req-38101a0b-2096-447d-96ea-a692162415ae',
      user: '113d3a99c3da401fbd62cc2caa5b96d2',
      project: '54fadb412c4e40cdbaed9335e4c35a9e',
      file: 'nova-api.log.1.2017-05-16_13:53:08',
    });
  });

  it('keeps an exception line whose record is not there as a record of its own', () => {
    const recs2 = parseText(
      '2024-05-16 00:00:24.805 25746 INFO a.b [-] one\n' +
        '2024-05-16 00:00:24.900 25746 ERROR a.b Traceback (most recent call last):\n' +
        '2024-05-16 00:00:24.900 25746 ERROR a.b   File "x.py", line 1\n',
    );
    expect(recs2.map((r) => r.message)).toEqual(['one', 'Traceback (most recent call last):']);
    expect(recs2[1]!.body).toEqual(['  File "x.py", line 1']);
  });
});

describe('log4j family', () => {
  it('Hadoop: a real Java stack trace (Caused by, ... N more) is the body of its record', () => {
    const recs = parseFixture('log4j_stacktrace.log');
    expect(recs.map(brief)).toEqual([
      { format: 'log4j', level: 'info', logger: 'org.apache.hadoop.mapreduce.v2.app.MRAppMaster', message: 'Created MRAppMaster' },
      { format: 'log4j', level: 'error', logger: 'org.apache.hadoop.ipc.Server', message: 'store failed' },
      { format: 'log4j', level: 'warning', logger: 'org.apache.hadoop.mapreduce.v2.app.MRAppMaster', message: 'retrying' },
    ]);
    const body = recs[1]!.body;
    expect(body[0]).toBe('java.lang.IllegalStateException: cannot open store');
    expect(body[1]).toMatch(/^\tat /);
    expect(body).toContain('Caused by: java.io.IOException: Connection refused');
    expect(body.at(-1)).toMatch(/^\t\.\.\. \d+ more$/);
    expect(recs[1]!.fields).toEqual({ thread: 'IPC Server handler 0 on 62270' });
    expect(recs[0]!.time).toBe(local(2015, 10, 18, 18, 1, 47, 978));
  });

  it('Spark yy/MM/dd', () => {
    const recs = parseFixture('spark.log');
    expect(recs.map(brief)[1]).toEqual({ format: 'log4j', level: 'warning', logger: 'util.NativeCodeLoader', message: 'Unable to load native-hadoop library for your platform' });
    expect(recs[0]!.time).toBe(local(2017, 6, 9, 20, 10, 40));
    expect(recs[2]!.body).toEqual(['java.lang.ArithmeticException: / by zero', '\tat Main.run(Main.scala:5)']);
  });

  it('Zookeeper: the class in [thread:Class@line] is the logger', () => {
    const recs = parseFixture('zookeeper.log');
    expect(recs.map((r) => [r.level, r.logger])).toEqual([[3, 'FastLeaderElection'], [5, 'QuorumCnxManager$RecvWorker'], [6, 'LearnerHandler']]);
    expect(recs[0]!.fields).toEqual({ thread: 'QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181', line: 774 });
    expect(recs[0]!.message).toBe('Notification time out: 3200');
  });

  it('Spring Boot 2 and 3', () => {
    const recs = parseFixture('spring_boot.log');
    expect(recs.map(brief)).toEqual([
      { format: 'log4j', level: 'info', logger: 'com.example.demo.DemoApplication', message: 'Starting DemoApplication using Java 17' },
      { format: 'log4j', level: 'warning', logger: 'o.a.c.c.C.[Tomcat].[localhost].[/]', message: 'Initializing Spring embedded WebApplicationContext' },
      { format: 'log4j', level: 'error', logger: 'o.s.boot.SpringApplication', message: 'Application run failed' },
    ]);
    expect(recs[2]!.fields).toEqual({ thread: 'main', app: 'demo', pid: 12345 });
    expect(recs[2]!.time).toBe(Date.UTC(2024, 4, 16, 8, 0, 2, 789));
    expect(recs[2]!.body[0]).toBe('java.lang.IllegalStateException: boom');
  });

  it('logback and log4j patterns', () => {
    const recs = parseFixture('logback.log');
    expect(recs.map((r) => [r.level, r.logger, r.message])).toEqual([
      [3, 'com.example.App', 'Application started'],
      [2, 'com.example.db.Pool', 'Connection acquired'],
      [6, 'com.example.App', 'Failed'],
      [5, 'Scheduler', 'Job late'],
    ]);
    expect(recs[0]!.time).toBeNaN(); // time of day only
    expect(recs[3]!.fields).toEqual({ line: 88, thread: 'worker-2' });
  });
});

describe('syslog and the journal', () => {
  it('RFC 3164 with and without PRI, space-padded day, program as logger', () => {
    const recs = parseFixture('syslog_3164.log');
    expect(recs.map(brief)).toEqual([
      { format: 'syslog', level: 'critical', logger: 'su', message: "'su root' failed for lonvick on /dev/pts/8" },
      { format: 'syslog', level: 'notice', logger: 'myproc', message: 'Use the BFG!' },
      { format: 'syslog', level: 'none', logger: 'CRON', message: '(root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)' },
      { format: 'syslog', level: 'none', logger: 'sshd(pam_unix)', message: 'authentication failure; logname= uid=0' },
    ]);
    expect(recs[1]!.fields).toEqual({ host: '10.0.0.99', pid: 8710 });
    const d = new Date(recs[1]!.time);
    expect([d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()]).toEqual([1, 5, 17, 32, 18]);
  });

  it('a year-less time takes the current year, or last year if that would be in the future', () => {
    const now = new Date();
    const past = new Date(now.getTime() - 3 * 86_400_000);
    const future = new Date(now.getTime() + 3 * 86_400_000);
    const mon = (d: Date): string => d.toLocaleString('en-US', { month: 'short' });
    const day = (d: Date): string => String(d.getDate()).padStart(2, ' ');
    const [a, b] = parseText(`${mon(past)} ${day(past)} 10:00:00 h p: past\n${mon(future)} ${day(future)} 10:00:00 h p: future\n`);
    expect(new Date(a!.time).getFullYear()).toBe(past.getFullYear());
    expect(new Date(b!.time).getFullYear()).toBe(future.getFullYear() - 1);
  });

  it('RFC 5424 with structured data', () => {
    const recs = parseFixture('syslog_5424.log');
    expect(recs.map(brief)).toEqual([
      { format: 'syslog', level: 'notice', logger: 'evntslog', message: 'An application event log entry...' },
      { format: 'syslog', level: 'critical', logger: 'su', message: "'su root' failed for lonvick on /dev/pts/8" },
      { format: 'syslog', level: 'error', logger: 'myproc', message: "%% It's time to make the do-nuts." },
    ]);
    expect(recs[0]!.fields).toEqual({
      host: 'mymachine.example.com',
      msgid: 'ID47',
      'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' },
    });
    expect(recs[0]!.time).toBe(Date.UTC(2003, 9, 11, 22, 14, 15, 3));
    expect(Math.floor(recs[2]!.time)).toBe(Date.UTC(2003, 7, 24, 12, 14, 15, 0)); // µs kept as a fraction
  });

  it('journalctl short, short-precise and short-iso', () => {
    const short = parseFixture('journal_short.log');
    expect(short.map((r) => [r.format, r.logger, r.fields])).toEqual([
      ['syslog', 'systemd', { host: 'host', pid: 1 }],
      ['syslog', 'kernel', { host: 'host' }],
      ['syslog', 'sshd', { host: 'host', pid: 4242 }],
    ]);
    expect(new Date(short[2]!.time).getMilliseconds()).toBe(123);
    const iso = parseFixture('journal_short_iso.log');
    expect(iso.map((r) => [r.format, r.time, r.logger, r.message])).toEqual([
      ['syslog', Date.UTC(2024, 4, 16, 8, 0, 0), 'systemd', 'Started Session 1 of user root.'],
      ['syslog', Date.UTC(2024, 4, 16, 8, 0, 1), 'kernel', 'usb 1-1: new high-speed USB device number 2 using xhci_hcd'],
    ]);
  });
});

describe('Apache', () => {
  it('error log 2.2 and 2.4 (module as logger, pid and client as fields)', () => {
    const recs = parseFixture('apache_error.log');
    expect(recs.map(brief)).toEqual([
      { format: 'apache', level: 'notice', logger: '', message: 'workerEnv.init() ok /etc/httpd/conf/workers2.properties' },
      { format: 'apache', level: 'error', logger: '', message: 'mod_jk child workerEnv in error state 6' },
      { format: 'apache', level: 'error', logger: 'core', message: 'File does not exist: /usr/local/apache2/htdocs/favicon.ico' },
      { format: 'apache', level: 'warning', logger: 'ssl', message: 'AH01909: server certificate does NOT include an ID which matches the server name' },
    ]);
    expect(recs[0]!.time).toBe(local(2005, 12, 4, 4, 47, 44));
    expect(recs[2]!.fields).toEqual({ pid: 35708, tid: 4328636416, client: '72.15.99.187:54321' });
  });

  it('combined access log: level from status', () => {
    const recs = parseFixture('apache_access.log');
    expect(recs.map((r) => [r.format, r.level])).toEqual([['apache', 3], ['apache', 5], ['apache', 6]]);
    expect(recs[0]!.time).toBe(Date.UTC(2000, 9, 10, 20, 55, 36));
    expect(recs[0]!.fields).toEqual({
      client: '127.0.0.1', user: 'frank', method: 'GET', path: '/apache_pb.gif', protocol: 'HTTP/1.0', status: 200, size: 2326,
      referer: 'http://www.example.com/start.html', user_agent: 'Mozilla/4.08 [en] (Win98; I ;Nav)',
    });
    expect(recs[0]!.message).toBe('"GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"');
  });
});

describe('Go, Rust, glog, logcat', () => {
  it('Go log: time, Lshortfile as a field, level only from a level word', () => {
    const recs = parseFixture('golog.log');
    expect(recs.map(brief)).toEqual([
      { format: 'golog', level: 'none', logger: '', message: 'Starting server on :8080' },
      { format: 'golog', level: 'error', logger: '', message: 'ERROR: cannot open config' },
      { format: 'golog', level: 'none', logger: '', message: 'request handled in 3ms' },
    ]);
    expect(Math.floor(recs[1]!.time)).toBe(local(2009, 11, 10, 23, 0, 1, 123));
    expect(recs[1]!.fields).toEqual({ source: 'main.go:42' });
  });

  it('env_logger: module path as dotted logger', () => {
    expect(parseFixture('env_logger.log').map(brief)).toEqual([
      { format: 'rust', level: 'info', logger: 'my_app', message: 'starting up' },
      { format: 'rust', level: 'warning', logger: 'my_app.db.pool', message: 'pool exhausted' },
      { format: 'rust', level: 'error', logger: 'my_app.http', message: 'request failed' },
    ]);
  });

  it('tracing fmt: spans as a field, target as logger', () => {
    const recs = parseFixture('tracing_fmt.log');
    expect(recs.map((r) => [r.level, r.logger, r.fields?.spans])).toEqual([
      [3, 'fmt', undefined],
      [3, 'fmt.yak_shave', 'shaving_yaks{yaks=3}'],
      [1, 'fmt.yak_shave', 'shaving_yaks{yaks=3}:shave{yak=1}'],
      [6, 'fmt.yak_shave', undefined],
    ]);
    expect(recs[2]!.message).toBe('hello! I\'m gonna shave a yak excitement="yay!"');
    expect(Math.floor(recs[0]!.time)).toBe(Date.UTC(2024, 4, 16, 10, 0, 0, 289));
  });

  it('glog', () => {
    const recs = parseFixture('glog.log');
    expect(recs.map((r) => [r.format, r.level, r.message])).toEqual([
      ['glog', 3, 'Serving on :8080'],
      ['glog', 5, 'cache miss rate high'],
      ['glog', 6, 'request failed: deadline exceeded'],
      ['glog', 7, 'cannot continue'],
    ]);
    expect(recs[0]!.fields).toEqual({ thread: 12345, source: 'server.go:42' });
  });

  it('logcat threadtime: tag as logger', () => {
    const recs = parseFixture('logcat.log');
    expect(recs.map((r) => [r.level, r.logger, r.message])).toEqual([
      [3, 'ActivityManager', 'Start proc 4321:com.example/u0a55 for activity'],
      [5, 'PackageManager', 'Unknown permission android.permission.FOO'],
      [6, 'AndroidRuntime', 'FATAL EXCEPTION: main'],
      [6, 'AndroidRuntime', 'java.lang.RuntimeException: boom'],
      [2, 'OkHttp', '--> GET https://example.org/'],
    ]);
    expect(recs[0]!.fields).toEqual({ pid: 1234, tid: 5678 });
  });
});

describe('logfmt', () => {
  it('slog TextHandler and logrus text', () => {
    const recs = parseFixture('slog_text.log');
    expect(recs.map(brief)).toEqual([
      { format: 'logfmt', level: 'info', logger: '', message: 'hello' },
      { format: 'logfmt', level: 'warning', logger: '', message: 'disk almost full' },
      { format: 'logfmt', level: 'error', logger: 'store', message: 'two' },
    ]);
    expect(recs[0]!.time).toBe(Date.UTC(2024, 4, 16, 10, 0, 0, 123));
    expect(recs[1]!.fields).toEqual({ path: '/var', free: '1%' });
    expect(recs[2]!.body).toEqual(['lines']);
    expect(parseFixture('logrus_text.log')[1]!.fields).toEqual({ number: '122', omg: 'true' });
  });
});

describe('plain text', () => {
  it('takes a level only from an unambiguous level word near the start', () => {
    expect(parseFixture('plain.log').map((r) => [r.format, r.level])).toEqual([
      ['plain', 0],
      ['plain', 6], // ERROR: disk full
      ['plain', 5], // warning: deprecated option
      ['plain', 5], // 12:00:01 WARN retrying
      ['plain', 0], // "error handling" further in is not a level
      ['plain', 3], // [Info]
    ]);
  });
});
