/** A command line that cannot be split into words (an unterminated quote). */
export class CommandSyntaxError extends Error {}

/**
 * `cmd:` text -> argv, as a POSIX shell splits words: blanks separate,
 * '...' is literal, "..." keeps blanks (backslash escapes " \ $ ` there),
 * a backslash outside quotes escapes the next character. Nothing is expanded
 * and no shell runs: `cmd:sh -c '...'` is the way to a pipeline.
 */
export function splitCommand(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === '\\') {
      if (i + 1 < text.length) word += text[++i];
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new CommandSyntaxError('unterminated single quote');
      word += text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && j + 1 < text.length && '"\\$`'.includes(text[j + 1]!)) j++;
        word += text[j];
      }
      if (j >= text.length) throw new CommandSyntaxError('unterminated double quote');
      i = j;
    } else word += c;
  }
  if (inWord) words.push(word);
  if (words.length === 0) throw new CommandSyntaxError('no command');
  return words;
}
