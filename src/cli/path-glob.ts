import { homedir } from 'node:os';
import { basename, resolve } from 'node:path';

/**
 * Shell-style path globs for the config file: `*` and `?` within one path
 * segment, `**` across segments, `[abc]` classes, `{a,b}` alternatives, a
 * leading `~/` for the home directory. A glob without `/` matches a file's
 * base name (`*.access.log`); one with `/` matches its absolute path.
 */
export function compileGlob(glob: string, home = homedir()): (path: string) => boolean {
  const pattern = glob.startsWith('~/') ? home + glob.slice(1) : glob;
  let src = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') {
          i++;
          src += '(?:.*/)?';
        } else src += '.*';
      } else src += '[^/]*';
    } else if (c === '?') src += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) src += '\\[';
      else {
        const body = pattern.slice(i + 1, close).replace(/\\/g, '\\\\');
        src += '[' + (body.startsWith('!') ? '^' + body.slice(1) : body) + ']';
        i = close;
      }
    } else if (c === '{') {
      depth++;
      src += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      src += ')';
    } else if (c === ',' && depth > 0) src += '|';
    else src += c.replace(/[.+^$()|\\/]/g, '\\$&');
  }
  if (depth > 0) throw new Error(`unclosed '{' in glob '${glob}'`);
  const re = new RegExp('^' + src + '$');
  const onName = !pattern.includes('/');
  return (path) => re.test(onName ? basename(path) : resolve(path));
}
