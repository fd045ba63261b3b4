import { compileLogFormat } from '../parse/formats/log-format/compile.js';
import { DateFormatError } from '../parse/formats/log-format/strftime.js';
import { LogFormatError } from '../parse/formats/log-format/tokens.js';
import { formatNames, setAssignedFormats } from '../parse/registry.js';
import type { Format } from '../parse/head.js';
import { setJsonKeys } from '../parse/formats/json.js';
import { defaultConfigPath, loadConfig } from './config-file.js';
import { UsageError } from './usage-error.js';
import { defaultViewConfig, type ViewConfig } from './view-config.js';

/** The name records read with `--log-format` carry. */
export const LOG_FORMAT_NAME = 'log-format';

export interface FormatArgs {
  format: string;
  logFormat: string[];
  dateFormat?: string;
  /** `--config PATH`, false for `--no-config`, undefined for the default file. */
  config?: string | false;
}

/**
 * Compile `--log-format` and the config file's formats and register them;
 * returns the `--format` value sources are read with (the config file's
 * rules apply to sources left at `auto`). Throws UsageError for bad flags,
 * FormatConfigError for a bad config file.
 */
export function setupFormats(args: FormatArgs, env: NodeJS.ProcessEnv): { format: string; view: ViewConfig } {
  let view = defaultViewConfig();
  const formats: Format[] = [];
  let format = args.format;
  if (args.logFormat.length > 0) {
    if (format !== 'auto') throw new UsageError('give --format or --log-format, not both');
    try {
      formats.push(compileLogFormat(args.logFormat, { name: LOG_FORMAT_NAME, ...(args.dateFormat !== undefined ? { dateFormat: args.dateFormat } : {}) }));
    } catch (err) {
      if (err instanceof LogFormatError || err instanceof DateFormatError) throw new UsageError(`invalid --log-format: ${err.message}`);
      throw err;
    }
    format = LOG_FORMAT_NAME;
  } else if (args.dateFormat !== undefined) {
    throw new UsageError('--date-format needs --log-format');
  }
  let rule: (path: string) => string | undefined = () => undefined;
  if (args.config !== false) {
    const file = args.config ?? defaultConfigPath(env);
    const config = loadConfig(file, args.config !== undefined, formatNames());
    formats.push(...config.formats);
    setJsonKeys(config.jsonKeys);
    view = config.view;
    if (config.rules.length > 0) rule = (path) => config.rules.find((r) => r.matches(path))?.format;
  }
  setAssignedFormats(formats, rule);
  return { format, view };
}
