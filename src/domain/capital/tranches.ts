/**
 * Capital in tranches. Each allocation of a year, and each amount an adjustment adds, is a tranche
 * with its own "added on" date and so its own disbursement deadline. Payments of a project, source
 * and year are attributed to its tranches in the ledger's order (date, then entry): first in, first
 * out — the tranche whose deadline comes first is used first, among those already added and still open
 * on the payment's date — unless the entry names a tranche. A reversal gives back to the tranches its payment used,
 * last first. Never is a tranche paid beyond its amount: what fits nowhere is left unplaced, with the
 * reason (the capital that had room was past its deadline, or there was none).
 *
 * Serving the earliest deadline first is what makes the check exact: if any attribution of the
 * payments to open tranches exists, this one finds it.
 */

export type Tranche = {
  /** Identity within its project, source and year (e.g. plan id and date). */
  key: string;
  addedOn: string;
  amount: number;
  /** Last day payments may use it (after any extension). */
  deadline: string;
};

export type LedgerLine = {
  id: number | string;
  date: string;
  /** Positive for a payment; negative for a reversal of `reversesId`. */
  amount: number;
  reversesId?: number | string | null | undefined;
  /** The tranche the entry names by its "added on" date, if any. */
  trancheOn?: string | null | undefined;
};

export type Unplaced = {
  id: number | string;
  amount: number;
  reason: 'after_deadline' | 'before_capital' | 'exceeds_allocation' | 'no_tranche';
  /** For `after_deadline`: the deadline of the capital that had room (the latest of them). */
  deadline?: string;
};

export type Attribution = {
  /** Paid per tranche key (never above the tranche's amount). */
  paid: Map<string, bigint>;
  /** The parts of each entry, by tranche key (reversals negative). */
  parts: Map<number | string, { key: string; amount: bigint }[]>;
  unplaced: Unplaced[];
};

export const trancheOrder = (a: Tranche, b: Tranche) =>
  a.deadline.localeCompare(b.deadline) || a.addedOn.localeCompare(b.addedOn) || a.key.localeCompare(b.key);

/** Ledger order: by date, then as entered. */
export const ledgerOrder = <L extends LedgerLine>(lines: L[]) =>
  lines
    .map((l, i) => ({ l, i }))
    .sort((a, b) => a.l.date.localeCompare(b.l.date) || a.i - b.i)
    .map((x) => x.l);

export function attribute(tranches: Tranche[], ledger: LedgerLine[]): Attribution {
  const ordered = [...tranches].sort(trancheOrder);
  const paid = new Map<string, bigint>(ordered.map((t) => [t.key, 0n]));
  const parts = new Map<number | string, { key: string; amount: bigint }[]>();
  const unplaced: Unplaced[] = [];
  for (const line of ledgerOrder(ledger)) {
    const amount = BigInt(line.amount);
    if (amount < 0n) {
      // Give back to the tranches the payment used, the last part first (its parts keep what is left of them).
      let left = -amount;
      const mine: { key: string; amount: bigint }[] = [];
      for (const part of [...(parts.get(line.reversesId ?? '') ?? [])].reverse()) {
        if (left === 0n) break;
        const back = part.amount < left ? part.amount : left;
        if (back <= 0n) continue;
        part.amount -= back;
        paid.set(part.key, paid.get(part.key)! - back);
        mine.push({ key: part.key, amount: -back });
        left -= back;
      }
      parts.set(line.id, mine);
      continue;
    }
    let left = amount;
    const mine: { key: string; amount: bigint }[] = [];
    const named = line.trancheOn ? ordered.filter((t) => t.addedOn === line.trancheOn) : ordered;
    let pastDeadline: string | null = null;
    let notYetAdded = false;
    for (const t of named) {
      if (left === 0n) break;
      const room = BigInt(t.amount) - paid.get(t.key)!;
      if (room <= 0n) continue;
      if (t.deadline < line.date) {
        if (pastDeadline === null || t.deadline > pastDeadline) pastDeadline = t.deadline;
        continue;
      }
      if (t.addedOn > line.date) {
        notYetAdded = true;
        continue;
      }
      const take = room < left ? room : left;
      paid.set(t.key, paid.get(t.key)! + take);
      mine.push({ key: t.key, amount: take });
      left -= take;
    }
    parts.set(line.id, mine);
    if (left > 0n)
      unplaced.push(
        !named.length
          ? { id: line.id, amount: Number(left), reason: 'no_tranche' }
          : pastDeadline !== null
            ? { id: line.id, amount: Number(left), reason: 'after_deadline', deadline: pastDeadline }
            : notYetAdded
              ? { id: line.id, amount: Number(left), reason: 'before_capital' }
              : { id: line.id, amount: Number(left), reason: 'exceeds_allocation' },
      );
  }
  return { paid, parts, unplaced };
}

/** Amounts per deadline: allocated, paid and left, earliest deadline first. */
export function byDeadline<T extends Tranche>(tranches: T[], paidOf: (t: T) => bigint) {
  const out = new Map<string, { deadline: string; allocated: bigint; paid: bigint }>();
  for (const t of tranches) {
    const row = out.get(t.deadline) ?? { deadline: t.deadline, allocated: 0n, paid: 0n };
    row.allocated += BigInt(t.amount);
    row.paid += paidOf(t);
    out.set(t.deadline, row);
  }
  return [...out.values()]
    .sort((a, b) => a.deadline.localeCompare(b.deadline))
    .map((r) => ({
      deadline: r.deadline,
      allocated: Number(r.allocated),
      paid: Number(r.paid),
      left: Number(r.allocated - r.paid),
    }));
}

/**
 * The deadline that matters on `today` for one project's tranches: the earliest one, on or after
 * today, of capital still unpaid; when nothing is left open, the last one.
 */
export function currentDeadline<T extends Tranche>(tranches: T[], paidOf: (t: T) => bigint, today: string): string | null {
  if (!tranches.length) return null;
  const open = tranches
    .filter((t) => BigInt(t.amount) > paidOf(t) && t.deadline >= today)
    .map((t) => t.deadline)
    .sort();
  return (
    open[0] ??
    tranches
      .map((t) => t.deadline)
      .sort()
      .at(-1)!
  );
}
