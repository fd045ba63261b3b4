import type { LoggerTree } from '../../store/logger-tree.js';
import { LoggerFinder } from './logger-finder.js';
import { TreeModel } from './tree-model.js';

/** The logger tree pane: open or not, whether it has the keys, the tree's rows and the finder. */
export class TreePane {
  open = false;
  focus: 'list' | 'tree' = 'list';
  readonly model: TreeModel;
  readonly finder: LoggerFinder;

  constructor(tree: LoggerTree) {
    this.model = new TreeModel(tree);
    this.finder = new LoggerFinder(tree);
  }

  toggle(height: number): void {
    this.open = !this.open;
    this.focus = this.open ? 'tree' : 'list';
    if (this.open) this.model.scrollIntoView(height);
  }

  /** The logger under the cursor ('' for the root). */
  get current(): string {
    return this.model.current()?.node.name ?? '';
  }
}
