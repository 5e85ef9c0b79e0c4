/**
 * Cycle detection on a project's finish-to-start graph (edges predecessor → successor). Pure, so
 * the service can run it on the edges it read under the project lock.
 */
export type Edge = readonly [predecessor: string, successor: string];

/**
 * The cycle that adding `predecessor → successor` would close, as the task ids along it from
 * `predecessor` back to itself (`[a, b, c, a]`), or undefined when the edge keeps the graph acyclic.
 * The edge closes a cycle exactly when `predecessor` is already reachable from `successor`; the
 * path found is a shortest one (breadth-first), so the error names the tightest loop.
 */
export function cycleClosedBy(edges: readonly Edge[], predecessor: string, successor: string): string[] | undefined {
  if (predecessor === successor) return [predecessor, predecessor];
  const next = new Map<string, string[]>();
  for (const [from, to] of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const cameFrom = new Map<string, string>([[successor, successor]]);
  const queue = [successor];
  while (queue.length) {
    const at = queue.shift()!;
    for (const to of next.get(at) ?? []) {
      if (cameFrom.has(to)) continue;
      cameFrom.set(to, at);
      if (to === predecessor) return [predecessor, ...pathTo(cameFrom, successor, predecessor)];
      queue.push(to);
    }
  }
  return undefined;
}

/** successor … target, following `cameFrom` back from `target`. */
function pathTo(cameFrom: Map<string, string>, start: string, target: string): string[] {
  const path = [target];
  for (let at = target; at !== start; ) {
    at = cameFrom.get(at)!;
    path.unshift(at);
  }
  return path;
}
