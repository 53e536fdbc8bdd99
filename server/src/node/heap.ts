/** Garbage collection asked for: by the language server after a long batch, by a command-line check as it goes. */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** One full garbage collection, through `gc` got once, when first needed; nothing where the runtime has no `gc`. */
export function fullCollection(): void {
  if (gc === null) {
    gc = undefined;
    try {
      v8.setFlagsFromString('--expose-gc');
      const exposed: unknown = vm.runInNewContext('gc');
      if (typeof exposed === 'function') gc = exposed as () => void;
    } catch {
      // A runtime without it: V8's own memory reducer gives the room back, later.
    }
  }
  gc?.();
}

/** V8's `gc`: null until it is looked for, undefined when the runtime has none. */
let gc: (() => void) | undefined | null = null;

/**
 * Keeps a long run's heap near what it holds: after each piece of work,
 * {@link after} collects when the heap has grown by `slack` bytes since the
 * last collection left it. V8 alone lets the heap grow to three or four
 * times what is live before it collects in full; a check of a large
 * archive leaves garbage article by article (each article's text and
 * normalized form outlive the young generation while its citations are
 * checked), so its peak would follow the archive's size, not the work.
 */
export class HeapBound {
  private live = 0;

  constructor(private readonly slack: number) {}

  after(): void {
    const used = v8.getHeapStatistics().used_heap_size;
    if (used <= this.live + this.slack) return;
    fullCollection();
    this.live = v8.getHeapStatistics().used_heap_size;
  }
}
