// Recall of the planted defects (bench/generate.mjs) in a genai-qa lint JSON report: every
// finding is mapped back to a global question index through its file and line.

const pairKey = (x, y) => (x < y ? `${x}-${y}` : `${y}-${x}`);

/**
 * Recall and false positives of the planted defects in a `genai-qa lint --format json`
 * report. `planted` is the generator's planted.json, `locate` a questionLocator.
 */
export function analyse(report, planted, locate) {
  const byRule = {};
  for (const d of report) byRule[d.ruleId] = (byRule[d.ruleId] ?? 0) + 1;

  // Near-duplicate pairs. A later plant may overwrite the copy at the same index: only the
  // last pair written at an index is still in the corpus.
  const lastAt = new Map();
  planted.nearDuplicates.forEach(([, b], k) => lastAt.set(b, k));
  const pairs = planted.nearDuplicates
    .map(([a, b], k) => ({ a, b, k }))
    .filter((p) => lastAt.get(p.b) === p.k)
    .map((p) => ({ ...p, exact: locate.text(p.a) === locate.text(p.b) }));
  const superseded = planted.nearDuplicates.length - pairs.length;
  // Questions copied from the same original are near-duplicates of each other too.
  const root = new Map();
  const find = (x) => (root.has(x) && root.get(x) !== x ? find(root.get(x)) : x);
  for (const { a, b } of pairs) root.set(find(b), find(a));
  const sameCluster = (x, y) => x !== y && (root.has(x) || root.has(y)) && find(x) === find(y);
  const plantedPairs = new Map(pairs.map((p) => [pairKey(p.a, p.b), p]));

  const ends = (d) => ({ at: locate(d.file, d.line), others: (d.related ?? []).map((r) => locate(r.file, r.line)) });
  const classifyPair = (d) => {
    const { at, others } = ends(d);
    for (const o of others) if (plantedPairs.has(pairKey(at, o))) return { kind: 'planted', key: pairKey(at, o) };
    for (const o of others) if (sameCluster(at, o)) return { kind: 'transitive' };
    return { kind: 'other', at, others };
  };

  // A pair counts as found when a duplicate-question finding links the two directly, or
  // links the copy to another copy of the same original (the rule reports each question
  // once, against one earlier question: the second copy of an original may be reported
  // against the first copy).
  const dq = {
    planted: pairs.length,
    exact: pairs.filter((p) => p.exact).length,
    superseded,
    found: 0,
    foundExact: 0,
    foundViaAnotherCopy: 0,
    betweenCopies: 0,
    falsePositives: [],
    missed: [],
  };
  const direct = new Set();
  const linked = new Set(); // questions linked to another member of their planted cluster
  for (const d of report.filter((x) => x.ruleId === 'duplicate-question')) {
    const { at, others } = ends(d);
    let matched = false;
    for (const o of others) {
      if (plantedPairs.has(pairKey(at, o))) direct.add(pairKey(at, o));
      else if (sameCluster(at, o)) dq.betweenCopies++;
      else continue;
      matched = true;
      linked.add(at).add(o);
    }
    if (!matched) dq.falsePositives.push({ question: at, related: others, message: d.message });
  }
  for (const p of pairs) {
    const viaCopy = !direct.has(pairKey(p.a, p.b)) && linked.has(p.b);
    if (direct.has(pairKey(p.a, p.b)) || viaCopy) {
      dq.found++;
      if (p.exact) dq.foundExact++;
      if (viaCopy) dq.foundViaAnotherCopy++;
    } else dq.missed.push({ a: p.a, b: p.b, exact: p.exact, question: locate.text(p.b) });
  }

  // Repeated sentences: a question can receive two plants, and then needs two findings.
  const wanted = new Map();
  for (const q of planted.repeatedSentences) wanted.set(q, (wanted.get(q) ?? 0) + 1);
  const got = new Map();
  for (const d of report.filter((x) => x.ruleId === 'repeated-sentence')) {
    const q = locate(d.file, d.line);
    got.set(q, (got.get(q) ?? 0) + 1);
  }
  const rs = { planted: planted.repeatedSentences.length, found: 0, falsePositives: 0, missed: [] };
  for (const [q, n] of wanted) {
    const m = Math.min(n, got.get(q) ?? 0);
    rs.found += m;
    if (m < n) rs.missed.push(q);
  }
  for (const [q, n] of got) rs.falsePositives += Math.max(0, n - (wanted.get(q) ?? 0));

  // Broken links: plant k is the image images/missing-k.png in question brokenLinks[k].
  const bl = { planted: planted.brokenLinks.length, found: 0, falsePositives: 0, missed: [] };
  const matched = new Set();
  for (const d of report.filter((x) => x.ruleId === 'broken-link')) {
    const q = locate(d.file, d.line);
    const k = Number(/missing-(\d+)\.png/.exec(d.message)?.[1] ?? NaN);
    if (planted.brokenLinks[k] === q && !matched.has(k)) matched.add(k);
    else bl.falsePositives++;
  }
  bl.found = matched.size;
  planted.brokenLinks.forEach((q, k) => matched.has(k) || bl.missed.push(q));

  // Other duplicate findings, kept apart: on a planted pair (the copy keeps the question
  // verbatim unless it starts "What is" or "How does") or accidental (anywhere else: the
  // generator can write the same question twice, and every answer that ends with its
  // boilerplate code block shares that passage).
  const split = (ruleId) => {
    const r = { onPlantedPairs: 0, accidental: 0, accidentalExamples: [] };
    for (const d of report.filter((x) => x.ruleId === ruleId)) {
      const c = classifyPair(d);
      if (c.kind === 'other') {
        r.accidental++;
        if (r.accidentalExamples.length < 5) r.accidentalExamples.push({ question: c.at, related: c.others, message: d.message });
      } else r.onPlantedPairs++;
    }
    return r;
  };
  return {
    findings: report.length,
    byRule,
    nearDuplicates: dq,
    repeatedSentences: rs,
    brokenLinks: bl,
    duplicateId: split('duplicate-id'),
    duplicatePassage: split('duplicate-passage'),
  };
}
