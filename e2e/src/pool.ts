/**
 * Runs `task` over `items`, at most `size` at a time, keeping the results in the items' order.
 * Chromium spends most of a scenario starting a renderer for the new page, so a few in flight
 * keep both cores busy.
 */
export async function inPool<T, R>(
  items: readonly T[],
  size: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}
