// Which records go into which upload, for kinds whose records go whole into one (sizes only; `plan.ts` builds
// the bodies).
// Bin packing with a second limit (≤200 entries per upload), NP-hard in general. A cheap lower bound: uploads ≥
// max(⌈n / m⌉, ⌈Σ(entry + 1) / (room + 1)⌉, #records over half the room), m being `maxEntities` or how many
// of the smallest records fit together. Next fit in written order first: it reaches the bound whenever 200
// records fit (the common case) and keeps the user's order, so appending records changes only the last
// uploads. Else, when ids are distinct, first-fit and worst-fit decreasing (into B uploads from the bound up)
// are tried and the fewest uploads win; on random users of 180 B to 60 KB (test/import/plan-bounds.test.ts)
// that reaches the bound in 39 of 40 cases, never more than one over. Records in each upload keep written order.

/** Max body bytes and records per upload. */
export interface PackRoom {
  bytes: number;
  entities: number;
}

/** Uploads (here record indexes per upload, each ascending, ordered by their first record) and a lower bound on
 * their number for these sizes (not always reachable; see above). */
export interface Packing<Upload = number[]> {
  uploads: Upload[];
  lowerBound: number;
}

/** `sizes[i]` is the serialized size of record i; `envelope` the size of a body with no record. `distinct`: whether
 * the records may be reordered (no id repeats); asked only when written order misses the bound. Every record
 * must fit an upload on its own. */
export function packRecords(
  sizes: readonly number[],
  envelope: number,
  room: PackRoom,
  distinct: () => boolean,
): Packing {
  // Entries and their separating commas: an upload of k entries holds Σ(size + 1) ≤ capacity.
  const capacity = room.bytes - envelope + 1;
  const need = sizes.map((size) => size + 1);
  const total = need.reduce((sum, n) => sum + n, 0);
  const lowerBound = Math.max(
    Math.ceil(sizes.length / Math.min(room.entities, mostPerUpload(need, capacity))),
    Math.ceil(total / capacity),
    // Records over half the room: no two of them can share an upload.
    need.filter((n) => 2 * n > capacity).length,
  );
  const written = nextFit(need, capacity, room.entities);
  if (written.length <= lowerBound || !distinct()) return { uploads: written, lowerBound };

  const decreasing = need.map((_, i) => i).sort((a, b) => need[b]! - need[a]! || a - b);
  const ffd = firstFitDecreasing(decreasing, need, capacity, room.entities);
  let best = ffd.length < written.length ? ffd : written;
  for (let count = lowerBound; count < best.length; count++) {
    // Two quotas: the record limit alone, or an even share, which helps when both limits are nearly full.
    const even = Math.ceil(sizes.length / count);
    const balanced =
      worstFitDecreasing(decreasing, need, capacity, count, room.entities) ??
      (even < room.entities ? worstFitDecreasing(decreasing, need, capacity, count, even) : undefined);
    if (balanced) {
      best = balanced;
      break;
    }
  }
  return { uploads: best === written ? written : inWrittenOrder(best), lowerBound };
}

/** The most records any one upload can hold: as many of the smallest as fit (at least one: each fits alone). */
function mostPerUpload(need: readonly number[], capacity: number): number {
  const ascending = [...need].sort((a, b) => a - b);
  let count = 0;
  for (let used = 0; count < ascending.length && used + ascending[count]! <= capacity; count++)
    used += ascending[count]!;
  return Math.max(1, count);
}

function nextFit(need: readonly number[], capacity: number, maxEntities: number): number[][] {
  const uploads: number[][] = [];
  let current: number[] = [];
  let free = capacity;
  need.forEach((n, i) => {
    if (current.length === maxEntities || n > free) {
      if (current.length > 0) uploads.push(current);
      current = [];
      free = capacity;
    }
    current.push(i);
    free -= n;
  });
  if (current.length > 0) uploads.push(current);
  return uploads;
}

function firstFitDecreasing(
  order: readonly number[],
  need: readonly number[],
  capacity: number,
  maxEntities: number,
): number[][] {
  const uploads: { items: number[]; free: number }[] = [];
  const smallest = need[order[order.length - 1]!]!;
  // Uploads before `open` can take no more records: skipping them keeps typical data linear.
  let open = 0;
  for (const i of order) {
    let u = open;
    while (u < uploads.length && (uploads[u]!.items.length === maxEntities || uploads[u]!.free < need[i]!))
      u++;
    if (u === uploads.length) uploads.push({ items: [], free: capacity });
    uploads[u]!.items.push(i);
    uploads[u]!.free -= need[i]!;
    while (
      open < uploads.length &&
      (uploads[open]!.items.length === maxEntities || uploads[open]!.free < smallest)
    )
      open++;
  }
  return uploads.map((u) => u.items);
}

/** Exactly `count` uploads of at most `quota` records, or undefined when this greedy cannot fit them all. */
function worstFitDecreasing(
  order: readonly number[],
  need: readonly number[],
  capacity: number,
  count: number,
  quota: number,
): number[][] | undefined {
  if (quota * count < order.length) return undefined;
  const uploads = Array.from({ length: count }, () => ({ items: [] as number[], free: capacity }));
  for (const i of order) {
    let best: (typeof uploads)[number] | undefined;
    for (const upload of uploads)
      if (upload.items.length < quota && upload.free >= need[i]! && (!best || upload.free > best.free))
        best = upload;
    if (!best) return undefined;
    best.items.push(i);
    best.free -= need[i]!;
  }
  return uploads.map((u) => u.items);
}

function inWrittenOrder(uploads: number[][]): number[][] {
  return uploads
    .filter((items) => items.length > 0)
    .map((items) => [...items].sort((a, b) => a - b))
    .sort((a, b) => a[0]! - b[0]!);
}
