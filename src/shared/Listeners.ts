// A minimal typed event source: addListener returns its own unsubscribe.

export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  add(fn: (value: T) => void): () => void {
    this.set.add(fn);
    return () => this.set.delete(fn);
  }

  get size(): number {
    return this.set.size;
  }

  emit(value: T): void {
    for (const fn of this.set) fn(value);
  }
}
