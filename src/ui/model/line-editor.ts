import type { KeyName } from '../keys.js';

/** What an edit key did. */
export type EditResult = 'edited' | 'cancel' | 'ignored';

/**
 * The one line editor behind every prompt (search, logger finder): typing,
 * Backspace (on an empty line: cancel), Ctrl-U (clear), Ctrl-W (delete a
 * word). Enter, Esc and the arrows belong to the prompt's key table.
 */
export class LineEditor {
  text = '';

  edit(k: KeyName): EditResult {
    switch (k) {
      case 'backspace':
        if (this.text === '') return 'cancel';
        this.text = [...this.text].slice(0, -1).join('');
        return 'edited';
      case 'ctrl-u':
        this.text = '';
        return 'edited';
      case 'ctrl-w':
        this.text = this.text.replace(/\S*\s*$/, '');
        return 'edited';
      default:
        if ([...k].length !== 1) return 'ignored';
        this.text += k;
        return 'edited';
    }
  }
}

/** A prompt line: what it is for, its editor, and an error to show (an invalid regex). */
export interface Prompt {
  kind: 'search' | 'find' | 'where' | 'time' | 'save';
  editor: LineEditor;
  error?: string;
  /** The save prompt: the marked records rather than the shown ones. */
  marked?: boolean;
}

export function newPrompt(kind: Prompt['kind'], text = ''): Prompt {
  const editor = new LineEditor();
  editor.text = text;
  return { kind, editor };
}
