import { mapEntries, nodeAt, scalarString, type LMap } from '../compose/model.js';
import { parseImage } from '../compose/image-ref.js';

export interface DriftRow {
  service: string;
  dev: string;
  prod: string;
  difference: 'only in dev' | 'only in prod' | 'image repository differs';
}

/** Services in one set and not the other, and services whose image repository differs between dev and prod. */
export function driftRows(dev: LMap, prod: LMap): DriftRow[] {
  const d = servicesImages(dev);
  const p = servicesImages(prod);
  const rows: DriftRow[] = [];
  for (const name of [...new Set([...d.keys(), ...p.keys()])].sort()) {
    const di = d.get(name);
    const pi = p.get(name);
    if (di === undefined) rows.push({ service: name, dev: '', prod: pi || '(build)', difference: 'only in prod' });
    else if (pi === undefined) rows.push({ service: name, dev: di || '(build)', prod: '', difference: 'only in dev' });
    else if (di && pi && parseImage(di).repository !== parseImage(pi).repository) rows.push({ service: name, dev: di, prod: pi, difference: 'image repository differs' });
  }
  return rows;
}

/** service -> image ('' when it has none, i.e. it is built). */
function servicesImages(tree: LMap): Map<string, string> {
  return new Map(mapEntries(nodeAt(tree, ['services'])).map(([name, e]) => [name, scalarString(nodeAt(e.value, ['image'])) ?? '']));
}
