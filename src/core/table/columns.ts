/**
 * Column order. Users build formulas and charts on imported tabs, so order must not reshuffle on refresh:
 * columns the tab already had keep their place (even when a refresh brings no values for one), new ones are
 * appended. A new import definition (other columns, another check) starts afresh. For a fresh tab the order is the
 * user's own column list, else the metadata's declared order, else first-seen order.
 */
export interface ColumnOrderInput {
  /** Columns found in the data, first-seen order. */
  discovered: string[];
  /** Columns declared in $metadata (flattened), declared order. */
  declared?: string[];
  /** The user's column list (`$select`), in their order; `Owner` stands for all `Owner.*` columns. */
  selected?: string[];
  /** The header the tab had after its previous import. */
  previous?: string[];
}

function expandSelection(selected: string[], available: string[]): string[] {
  const out: string[] = [];
  const add = (name: string) => {
    if (out.indexOf(name) < 0) out.push(name);
  };
  for (const raw of selected) {
    const name = raw.replace(/\//g, '.');
    const exact = available.filter((c) => c === name || c.toLowerCase() === name.toLowerCase());
    const nested = available.filter((c) => c.lastIndexOf(name + '.', 0) === 0);
    if (exact.length) add(exact[0]);
    else if (nested.length) nested.forEach(add);
    else add(name); // selected but absent from every row: keep an empty column so the layout is predictable
  }
  return out;
}

export function orderColumns(input: ColumnOrderInput): string[] {
  const known = (input.declared || []).slice();
  for (const c of input.discovered) if (known.indexOf(c) < 0) known.push(c);

  if (input.selected && input.selected.length) return expandSelection(input.selected, known);

  if (!input.previous || input.previous.length === 0) return known;
  // Every column the tab had keeps its place — one missing from this batch stays, empty — so formulas that
  // point at a column never shift; new columns are appended.
  return input.previous.concat(known.filter((c) => input.previous!.indexOf(c) < 0));
}
