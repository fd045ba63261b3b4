import { describe, expect, it } from 'vitest';
import { levelName } from '../src/model/level.js';
import type { LogRecord } from '../src/model/record.js';
import { parseText } from './formats-helpers.js';

function read(lines: string[]): LogRecord[] {
  return parseText(lines.join('\n') + '\n', { format: 'auto' });
}

function view(r: LogRecord): [string, string, string, string] {
  return [Number.isNaN(r.time) ? '-' : new Date(r.time).toISOString(), levelName(r.level) ?? '-', r.logger, r.message];
}

const local = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms = 0) => new Date(y, mo - 1, d, h, mi, s, ms).toISOString();

describe('inferred templates for text no format knows', () => {
  it('loguru: `time | LEVEL | name:function:line - message`, a traceback as body', () => {
    const recs = read([
      '2024-05-16 12:00:00.123 | INFO     | app.server:main:42 - starting',
      '2024-05-16 12:00:00.200 | WARNING  | app.db:connect:10 - slow',
      '2024-05-16 12:00:01.000 | ERROR    | app.db:connect:12 - failed',
      'Traceback (most recent call last):',
      '  File "x.py", line 1, in <module>',
      'ValueError: x',
      '2024-05-16 12:00:02.000 | SUCCESS  | app.db:connect:14 - recovered',
    ]);
    expect(recs.map(view)).toEqual([
      [local(2024, 5, 16, 12, 0, 0, 123), 'info', 'app.server', 'starting'],
      [local(2024, 5, 16, 12, 0, 0, 200), 'warning', 'app.db', 'slow'],
      [local(2024, 5, 16, 12, 0, 1), 'error', 'app.db', 'failed'],
      // A level word we do not know is no level: the line is still a record with its time.
      [local(2024, 5, 16, 12, 0, 2), '-', '', '| SUCCESS  | app.db:connect:14 - recovered'],
    ]);
    expect(recs[0]!.fields).toEqual({ function: 'main', line: 42 });
    expect(recs[2]!.body).toEqual(['Traceback (most recent call last):', '  File "x.py", line 1, in <module>', 'ValueError: x']);
  });

  it('dotted dates, zone abbreviations, bracketed thread, single-letter levels, `name:`', () => {
    const recs = read([
      '16.05.2024 12:00:00 CET [main] I com.example.Service: started',
      '16.05.2024 12:00:01 CET [worker-1] W com.example.Cache: miss',
      '16.05.2024 12:00:02 CET [worker-2] E com.example.Db: down',
    ]);
    expect(recs.map(view)).toEqual([
      ['2024-05-16T11:00:00.000Z', 'info', 'com.example.Service', 'started'],
      ['2024-05-16T11:00:01.000Z', 'warning', 'com.example.Cache', 'miss'],
      ['2024-05-16T11:00:02.000Z', 'error', 'com.example.Db', 'down'],
    ]);
    expect(recs[1]!.levelName).toBe('W');
    expect(recs[1]!.fields).toEqual({ context: 'worker-1' });
  });

  it('bracketed ISO time with T and offset, lower-case padded levels, `name[pid]`', () => {
    const recs = read([
      '[2024-05-16T12:00:00.5+02:00] warn   sshd-helper[811] - key rotated',
      '[2024-05-16T12:00:01.5+02:00] info   sshd-helper[811] - accepted',
      '[2024-05-16T12:00:02.5+02:00] debug2 sshd-helper[811] - state=3',
    ]);
    expect(recs.map(view)).toEqual([
      ['2024-05-16T10:00:00.500Z', 'warning', 'sshd-helper', 'key rotated'],
      ['2024-05-16T10:00:01.500Z', 'info', 'sshd-helper', 'accepted'],
      ['2024-05-16T10:00:02.500Z', 'debug', 'sshd-helper', 'state=3'],
    ]);
    expect(recs[0]!.fields).toEqual({ pid: 811 });
  });

  it('epoch seconds and milliseconds, Apache times, compact dates', () => {
    expect(read(['1715860800.250 [INFO] (db.pool) opened', '1715860801.000 [ERROR] (db.pool) lost']).map(view)).toEqual([
      ['2024-05-16T12:00:00.250Z', 'info', 'db.pool', 'opened'],
      ['2024-05-16T12:00:01.000Z', 'error', 'db.pool', 'lost'],
    ]);
    expect(read(['16/May/2024:12:00:00 +0000 Information svc.api: up', '16/May/2024:12:00:01 +0000 Warning svc.api: slow']).map(view)).toEqual([
      ['2024-05-16T12:00:00.000Z', 'info', 'svc.api', 'up'],
      ['2024-05-16T12:00:01.000Z', 'warning', 'svc.api', 'slow'],
    ]);
    expect(read(['20240516T120000Z FATAL core::engine: halt', '20240516T120001Z INFO core::engine: restart']).map(view)).toEqual([
      ['2024-05-16T12:00:00.000Z', 'critical', 'core::engine', 'halt'],
      ['2024-05-16T12:00:01.000Z', 'info', 'core::engine', 'restart'],
    ]);
  });

  it('HDFS (yymmdd HHMMSS pid LEVEL logger:) and Windows CBS (`time, Level   Component   message`)', () => {
    const hdfs = read([
      '081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating',
      '081109 203807 222 INFO dfs.DataNode$PacketResponder: PacketResponder 0 for block blk_-6952295868487656571 terminating',
      '081109 204015 308 WARN dfs.DataNode$DataXceiver: 10.251.43.210:50010:Got exception while serving blk_-4413464484066962340',
    ]);
    expect(hdfs.map(view)).toEqual([
      [local(2008, 11, 9, 20, 36, 15), 'info', 'dfs.DataNode$PacketResponder', 'PacketResponder 1 for block blk_38865049064139660 terminating'],
      [local(2008, 11, 9, 20, 38, 7), 'info', 'dfs.DataNode$PacketResponder', 'PacketResponder 0 for block blk_-6952295868487656571 terminating'],
      [local(2008, 11, 9, 20, 40, 15), 'warning', 'dfs.DataNode$DataXceiver', '10.251.43.210:50010:Got exception while serving blk_-4413464484066962340'],
    ]);
    expect(hdfs[0]!.fields).toEqual({ pid: 148 });
    const cbs = read([
      '2016-09-28 04:30:30, Info                  CBS    Loaded Servicing Stack v6.1.7601.23505',
      '2016-09-28 04:30:31, Info                  CSI    00000001@2016/9/27:20:30:31.455 WcpInitialize called',
      '2016-09-28 04:30:31, Warning               CBS    Failed to get next element [HRESULT = 0x800f080d]',
    ]);
    expect(cbs.map(view)).toEqual([
      [local(2016, 9, 28, 4, 30, 30), 'info', 'CBS', 'Loaded Servicing Stack v6.1.7601.23505'],
      [local(2016, 9, 28, 4, 30, 31), 'info', 'CSI', '00000001@2016/9/27:20:30:31.455 WcpInitialize called'],
      [local(2016, 9, 28, 4, 30, 31), 'warning', 'CBS', 'Failed to get next element [HRESULT = 0x800f080d]'],
    ]);
  });

  it('precision: no level or logger unless the lines agree on them', () => {
    // The word after the time is not always a level: no level column is believed.
    const mixed = read([
      '2024/05/16 12:00:00 Started worker pool',
      '2024/05/16 12:00:01 error count is 0',
      '2024/05/16 12:00:02 Stopping: worker pool',
    ]);
    expect(mixed.map((r) => [r.level, r.logger])).toEqual([[0, ''], [0, ''], [0, '']]);
    // Each timed line is still a record of its own.
    expect(mixed.length).toBe(3);
    // A single-letter column that is not always a single letter is no level.
    const letters = read(['12.05.2024 10:00:00 I went home', '12.05.2024 10:00:01 Then I slept', '12.05.2024 10:00:02 E ate']);
    expect(letters.map((r) => r.level)).toEqual([0, 0, 0]);
    // Prose that mentions a date here and there is plain text.
    const prose = read(['Meeting notes', 'We met on 2024-05-16 12:00:00 and agreed.', 'Next steps:', '  - ship it', 'Done.']);
    expect(prose.every((r) => r.format === 'plain')).toBe(true);
  });
});
