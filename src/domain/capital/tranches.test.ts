import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attribute, byDeadline, currentDeadline, type LedgerLine, type Tranche } from './tranches';

const day = fc.integer({ min: 0, max: 700 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10));

const tranches = fc
  .array(fc.record({ addedOn: day, amount: fc.integer({ min: 1, max: 5_000 }), deadline: day }), { minLength: 1, maxLength: 5 })
  .map((ts) => ts.map((t, i): Tranche => ({ ...t, key: `t${i}` })));

/** Payments, reversals of earlier payments (never more than each paid), and payments naming a tranche. */
const ledger = (ts: Tranche[]) =>
  fc
    .array(
      fc.record({
        date: day,
        amount: fc.integer({ min: 1, max: 4_000 }),
        reverse: fc.option(fc.nat(), { nil: null }),
        named: fc.option(fc.constantFrom(...ts.map((t) => t.addedOn), '2020-01-01'), { nil: null, freq: 4 }),
      }),
      { maxLength: 20 },
    )
    .map((rows) => {
      const out: LedgerLine[] = [];
      rows.forEach((r, i) => {
        const payments = out.filter((l) => l.amount > 0);
        if (r.reverse !== null && payments.length) {
          const p = payments[r.reverse % payments.length]!;
          out.push({ id: i, date: p.date, amount: -Math.max(1, Math.floor(p.amount / 3)), reversesId: p.id });
        } else out.push({ id: i, date: r.date, amount: r.amount, trancheOn: r.named });
      });
      return out;
    });

const cases = tranches.chain((ts) => fc.tuple(fc.constant(ts), ledger(ts)));

describe('capital in tranches', () => {
  it('never pays a tranche beyond its amount, nor below nothing', () => {
    fc.assert(
      fc.property(cases, ([ts, lines]) => {
        const { paid } = attribute(ts, lines);
        for (const t of ts) {
          expect(paid.get(t.key)! >= 0n).toBe(true);
          expect(paid.get(t.key)! <= BigInt(t.amount)).toBe(true);
        }
      }),
    );
  });

  it('loses nothing: what is paid into tranches and what is left unplaced add up to the ledger', () => {
    fc.assert(
      fc.property(cases, ([ts, lines]) => {
        const { paid, parts, unplaced } = attribute(ts, lines);
        const placed = [...paid.values()].reduce((s, v) => s + v, 0n);
        const positive = lines.filter((l) => l.amount > 0).reduce((s, l) => s + BigInt(l.amount), 0n);
        const givenBack = lines
          .filter((l) => l.amount < 0)
          .reduce((s, l) => s + (parts.get(l.id) ?? []).reduce((a, p) => a - p.amount, 0n), 0n);
        const left = unplaced.reduce((s, u) => s + BigInt(u.amount), 0n);
        expect(placed + left).toBe(positive - givenBack);
      }),
    );
  });

  it('a payment uses only tranches added by its date and still open, and the one it names', () => {
    fc.assert(
      fc.property(cases, ([ts, lines]) => {
        const { parts } = attribute(ts, lines);
        for (const l of lines.filter((x) => x.amount > 0))
          for (const part of parts.get(l.id) ?? []) {
            const t = ts.find((x) => x.key === part.key)!;
            expect(t.deadline >= l.date).toBe(true);
            expect(t.addedOn <= l.date).toBe(true);
            if (l.trancheOn) expect(t.addedOn).toBe(l.trancheOn);
          }
      }),
    );
  });

  it('first in, first out finds room whenever the open capital suffices: everything paid before the first deadline fits', () => {
    fc.assert(
      fc.property(tranches, fc.array(fc.integer({ min: 1, max: 1_000 }), { maxLength: 10 }), (ts, amounts) => {
        const first = ts.map((t) => t.deadline).sort()[0]!;
        // every tranche already added on the day paid
        ts = ts.map((t) => ({ ...t, addedOn: t.addedOn < first ? t.addedOn : first }));
        const total = ts.reduce((s, t) => s + t.amount, 0);
        const fitting = amounts.filter((_, i) => amounts.slice(0, i + 1).reduce((s, a) => s + a, 0) <= total);
        const { unplaced } = attribute(
          ts,
          fitting.map((amount, i) => ({ id: i, date: first, amount })),
        );
        expect(unplaced).toEqual([]);
      }),
    );
  });

  it('amounts by deadline add up to the tranches, and the current deadline is the first open one', () => {
    const ts: Tranche[] = [
      { key: 'a', addedOn: '2026-01-20', amount: 400, deadline: '2027-01-31' },
      { key: 'b', addedOn: '2026-10-05', amount: 50, deadline: '2027-12-31' },
      { key: 'c', addedOn: '2026-02-01', amount: 100, deadline: '2027-01-31' },
    ];
    const { paid } = attribute(ts, [
      { id: 1, date: '2026-11-01', amount: 450 },
      { id: 2, date: '2027-02-15', amount: 60 },
    ]);
    expect(byDeadline(ts, (t) => paid.get(t.key)!)).toEqual([
      { deadline: '2027-01-31', allocated: 500, paid: 450, left: 50 },
      { deadline: '2027-12-31', allocated: 50, paid: 50, left: 0 },
    ]);
    expect(currentDeadline(ts, (t) => paid.get(t.key)!, '2026-12-01')).toBe('2027-01-31');
    expect(currentDeadline(ts, (t) => paid.get(t.key)!, '2027-02-20')).toBe('2027-12-31');
  });
});
