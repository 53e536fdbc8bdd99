/**
 * Where the sources of a sheet disagree on a number, for the report: two
 * facts that share a tag, whose quoted words state numbers of the same kind
 * (a duration, a date, a weekday, an amount of money, a percentage)
 * with no value in common. Kept simple so that a reader can tell why two
 * facts are side by side: the same tag, the same kind, different values.
 * Ordinals ("first") are left out, they rank; and so are plain counts.
 */
import type { CitationCheck, SheetCheck } from '../check/results';
import { quantitiesIn, sameQuantity, type Quantity, type QuantityKind } from '../match/quantities';
import type { Fact } from '../model';

/** One side of a disagreement: a fact, and the citations whose quotes state the kind of number compared. */
export interface DisagreementSide {
  readonly fact: Fact;
  readonly citations: readonly CitationCheck[];
  /** The numbers of that kind, as the quotes write them. */
  readonly values: readonly string[];
}

export interface Disagreement {
  /** The first tag the two facts share. */
  readonly tag: string;
  readonly kind: QuantityKind;
  /** The kind in words ("Duration"). */
  readonly kindLabel: string;
  readonly facts: readonly [DisagreementSide, DisagreementSide];
}

const KIND_LABEL: Readonly<Record<QuantityKind, string>> = {
  count: 'Number',
  ordinal: 'Rank',
  percent: 'Percentage',
  fraction: 'Fraction',
  duration: 'Duration',
  money: 'Amount',
  date: 'Date',
  weekday: 'Day of the week',
};

// Counts are left out too: in news copy they count different things more often than not ("ten diplomats", "two countries").
const COMPARED: readonly QuantityKind[] = ['duration', 'weekday', 'date', 'money', 'percent', 'fraction'];

interface Stated {
  readonly citation: CitationCheck;
  readonly quantity: Quantity;
}

/** What each citation of a fact with a found quote states, by kind. */
function statedBy(citations: readonly CitationCheck[]): Map<QuantityKind, Stated[]> {
  const out = new Map<QuantityKind, Stated[]>();
  for (const c of citations) {
    if (!c.match || !c.citation.quote) continue;
    for (const q of quantitiesIn(c.citation.quote.value)) {
      if (!COMPARED.includes(q.kind)) continue;
      let list = out.get(q.kind);
      if (!list) out.set(q.kind, (list = []));
      list.push({ citation: c, quantity: q });
    }
  }
  return out;
}

/** Whether two sets of numbers of one kind have a value in common (either way, as dates may be partial). */
function agree(a: readonly Stated[], b: readonly Stated[]): boolean {
  return a.some((x) => b.some((y) => sameQuantity(x.quantity, y.quantity) || sameQuantity(y.quantity, x.quantity)));
}

function side(fact: Fact, stated: readonly Stated[]): DisagreementSide {
  const citations: CitationCheck[] = [];
  for (const s of stated) if (!citations.includes(s.citation)) citations.push(s.citation);
  const values = [...new Set(stated.map((s) => s.quantity.text.replace(/\s+/g, ' ')))];
  return { fact, citations, values };
}

/** The disagreements of a sheet, in the order of its facts. */
export function disagreementsOf(check: SheetCheck): Disagreement[] {
  const facts = check.sheet.facts.filter((f) => f.tags.length > 0);
  const stated = new Map<Fact, Map<QuantityKind, Stated[]>>();
  for (const f of facts) stated.set(f, statedBy(check.citations.filter((c) => c.fact === f)));
  const out: Disagreement[] = [];
  for (let i = 0; i < facts.length; i++) {
    for (let j = i + 1; j < facts.length; j++) {
      const a = facts[i];
      const b = facts[j];
      const tag = a.tags.find((t) => b.tags.some((u) => u.value === t.value))?.value;
      if (tag === undefined) continue;
      for (const kind of COMPARED) {
        const x = stated.get(a)!.get(kind);
        const y = stated.get(b)!.get(kind);
        if (!x || !y || agree(x, y)) continue;
        out.push({ tag, kind, kindLabel: KIND_LABEL[kind], facts: [side(a, x), side(b, y)] });
      }
    }
  }
  return out;
}
