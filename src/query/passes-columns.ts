import { Level } from '../model/level.js';
import { HIDDEN } from './logger-rules.js';

/**
 * The test every filter makes without a record's text, print's
 * (RecordFilter) and the TUI's (RecordView) alike: the record's logger
 * threshold (HIDDEN, or the lowest level shown; a record without a level
 * passes any), and its time against the range (ms since the epoch; a record
 * without a time passes any).
 */
export function passesColumns(level: Level, threshold: number, time: number, since: number | undefined, until: number | undefined): boolean {
  if (threshold === HIDDEN || (level !== Level.none && level < threshold)) return false;
  return Number.isNaN(time) || !((since !== undefined && time < since) || (until !== undefined && time > until));
}
