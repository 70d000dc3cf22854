// `npm run bench`: each suite prints its ratios against a reference run in the same process.
// Suites register here; `npm run bench -- NAME` runs one.
type Suite = { name: string; run: () => Promise<void> };

const suites: Record<string, () => Promise<Suite>> = {
  calendar: () => import('./calendar.ts').then((m) => m.suite),
  store: () => import('./store.ts').then((m) => m.suite),
  scale: () => import('./scale.ts').then((m) => m.suite),
  documents: () => import('./documents.ts').then((m) => m.suite),
  expr: () => import('./expr.ts').then((m) => m.suite),
  policy: () => import('./policy.ts').then((m) => m.suite),
  load: () => import('./load.ts').then((m) => m.suite),
  server: () => import('./server.ts').then((m) => m.suite),
  compare: () => import('./compare.ts').then((m) => m.suite),
  pools: () => import('./pools.ts').then((m) => m.suite),
};

export async function runBenches(argv: string[]): Promise<number> {
  const wanted = argv.filter((a) => !a.startsWith('-'));
  const names = Object.keys(suites).filter((n) => wanted.length === 0 || wanted.includes(n));
  for (const name of names) {
    const suite = await suites[name]!();
    console.log(`\n== ${suite.name} ==`);
    await suite.run();
  }
  if (names.length === 0) console.log('no bench suites selected');
  return 0;
}
