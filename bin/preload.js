// Plain JavaScript packages that a process running the sources through tsx (bin/build-cache.js,
// when there is no fresh bundle) loads before tsx's hooks: each module loaded after them goes
// through the hooks' thread, and chevrotain alone is some 650 modules (lodash-es), several times
// slower to load that way.
export const PRELOAD = ['chevrotain', 'decimal.js', 'yaml'];

export function preload() {
  return Promise.all(PRELOAD.map((name) => import(name)));
}
