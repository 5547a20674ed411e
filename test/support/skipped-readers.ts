/**
 * A vitest reporter that ends the run with one line saying how many checks were skipped for
 * lack of which Debian reader, so that a green run on a fresh machine does not hide them:
 *
 *   Skipped for lack of a reader: 23 checks (poppler-utils 17, qpdf 6): apt-get install poppler-utils qpdf
 *
 * It reads the reason that test/support/readers.ts puts into a skipped test's name.
 */
import type { Reporter, TestModule } from 'vitest/node';

const REASON = /not installed: apt-get install ([a-z0-9.+\- ]+)\)/g;

export default class SkippedReaders implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const byPackage = new Map<string, number>();
    let total = 0;
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        if (test.result().state !== 'skipped') continue;
        // A check may lack more than one reader: each reason in its name counts.
        const packages = new Set([...test.fullName.matchAll(REASON)].flatMap((m) => m[1]!.trim().split(/\s+/)));
        if (packages.size === 0) continue;
        total++;
        for (const pkg of packages) byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + 1);
      }
    }
    const line =
      total === 0
        ? 'Skipped for lack of a reader: none'
        : `Skipped for lack of a reader: ${total} check${total === 1 ? '' : 's'} (${[...byPackage].map(([p, n]) => `${p} ${n}`).join(', ')}): apt-get install ${[...byPackage.keys()].join(' ')}`;
    process.stdout.write(`\n${line}\n`);
  }
}
