// The policies a server or CLI works with: each loaded file checked once, its evaluation compiled
// once, and every version ever seen remembered by its hash — a case runs under the version it
// opened with, even after the file changes.
//
// Two hashes, two questions: policy.hash (dsl/, the sha256 of the text alone) names the text in
// the compiled workflow's id and the case state's policy.hash; the version hash (PolicyEntry.hash,
// engine/store/version-hash.ts) covers the text and the sources of its form templates, so a
// template edited after a contract was signed does not change that case's documents. The version
// hash is the one a case references (cases.policy_hash) and the key of the store's policy_versions.
//
// With a store (sync), the store is the truth: the loaded files seed it (a text never stored
// becomes a new version and the current one), and each sync adopts the versions published on any
// instance since (engine/store/policy-versions.ts). A version not in memory is read from the store
// by its hash and re-checked from its text and templates.
import path from 'node:path';
import type { CaseData } from '../../dsl/case-model.ts';
import { hasErrors, printDiagnostics, sha256Hex, type Policy, type PrintedDiagnostic } from '../../dsl/index.ts';
import { msg } from '../../dsl/message.ts';
import { TextError } from '../../dsl/messages.ts';
import { compilePolicy, type CompiledPolicy } from '../evaluate/compile.ts';
import { evaluate, type Evaluation, type EvaluateInput } from '../evaluate/evaluate.ts';
import { conditionsOf } from '../evaluate/when.ts';
import { upgradeStoredPolicy } from '../../dsl/format-upgrades.ts';
import { loadBundledPolicies, loadPolicyText, type LoadedPolicy, type TemplateSources } from '../policies/load.ts';
import { versionHash } from '../store/version-hash.ts';
import { policyVersions, type PolicyVersionInput } from '../store/policy-versions.ts';
import type { SecurityEventInput, Store } from '../store/index.ts';

/**
 * A version the store holds that this landflow's checker refuses (one made stricter since it was
 * published): no case pinned to it can run until an operator publishes a version that checks. Not
 * the request's fault: the server answers 500 and logs it, the command line reports an internal
 * fault (engine/cli/main.ts); the message names the first error.
 */
export class PinnedPolicyError extends TextError {
  override name = 'PinnedPolicyError';
  constructor(readonly diagnostics: PrintedDiagnostic[]) {
    const first = diagnostics.find((d) => d.severity === 'error');
    super(msg('http.policyErrors.pinned', first ? { at: `${first.file}:${first.line}:${first.column}`, problem: first.text } : {}));
  }
}

export interface PolicyEntry {
  id: string;
  file: string;
  dir: string;
  source: string;
  /** The version's hash (policy text and templates); of the text alone when it does not check. */
  hash: string;
  /** The form templates of this version (empty unless it checks). */
  templates: TemplateSources;
  /** Present when the file checks without errors. */
  policy?: Policy;
  /** A best-effort meta for listing a policy that has errors. */
  meta?: Policy['meta'];
  diagnostics: PrintedDiagnostic[];
  errors: number;
  warnings: number;
}

/** A checked policy version with its evaluation bound: what a case runs under. */
export interface PinnedPolicy {
  id: string;
  /** The version's hash: what a case is pinned to. */
  hash: string;
  source: string;
  /** The form templates this version prints with, by the name its forms give. */
  templates: TemplateSources;
  /** The file name as the policy was loaded. */
  fileName: string;
  dir: string;
  policy: Policy;
  compiled: CompiledPolicy;
  evaluate(input: { procedure: EvaluateInput['procedure']; mode?: string | null; kase: CaseData; at?: string }): Evaluation;
  /** A step's or a vote rule's `when`: holds unless it evaluates to false (unknown data does not excuse a step). */
  holds(expr: string, kase: CaseData): boolean;
}

export interface PolicyCatalog {
  list(): PolicyEntry[];
  get(id: string): PolicyEntry | undefined;
  /** The loaded version of a policy, if it checks. */
  current(id: string): PinnedPolicy | undefined;
  /**
   * Checks a policy text with its templates (a version read from the store) and remembers it by hash.
   * Without templates (a case opened before they were pinned) they are read from the policy folder.
   */
  pin(source: string, fileName: string, templates?: TemplateSources): PinnedPolicy;
  /** Makes a checked text the current version of its policy; earlier versions stay reachable by hash. */
  add(entry: PolicyEntry, compiled?: CompiledPolicy): void;
  /**
   * Seeds the store with the loaded versions (the first sync with a store), then adopts the
   * current version of every policy the store names, when a publication happened since the last
   * sync (one cheap query otherwise). `at` dates the seeding.
   */
  sync(store: Store, at: string): Promise<void>;
  /** A version by hash: from memory, else read from the store and checked. undefined: the store has none. */
  version(store: Store, hash: string): Promise<PinnedPolicy | undefined>;
  /** Stores a checked version and makes it current on every instance (with `event`, in one transaction), then here. */
  publish(
    store: Store,
    entry: PolicyEntry,
    opts: { at: string; by: string; event?: SecurityEventInput },
    compiled?: CompiledPolicy,
  ): Promise<void>;
}

export class PolicyRegistry implements PolicyCatalog {
  private readonly entries = new Map<string, PolicyEntry>();
  private readonly versions = new Map<string, PinnedPolicy>();
  /** The entry of every version in versions, by its hash: what sync makes current. */
  private readonly versionEntries = new Map<string, PolicyEntry>();
  /** The last publication adopted from each store synced with. */
  private readonly seen = new WeakMap<Store, number>();

  constructor(entries: PolicyEntry[] = []) {
    for (const e of entries) this.add(e);
  }

  /** Every *.yaml of a folder, checked with its examples run (engine/policies/load.ts). */
  static fromDir(dir: string): PolicyRegistry {
    const reg = new PolicyRegistry();
    for (const l of loadBundledPolicies(path.resolve(dir))) reg.add(entryFromLoaded(l), l.compiled);
    return reg;
  }

  /** Adds or replaces a policy; the previous version stays reachable by its hash. */
  add(entry: PolicyEntry, compiled?: CompiledPolicy): void {
    this.entries.set(entry.id, entry);
    if (entry.policy && !this.versions.has(entry.hash)) {
      this.versions.set(entry.hash, bind(entry, entry.policy, compiled));
      this.versionEntries.set(entry.hash, entry);
    }
  }

  list(): PolicyEntry[] {
    return [...this.entries.values()];
  }

  get(id: string): PolicyEntry | undefined {
    return this.entries.get(id);
  }

  current(id: string): PinnedPolicy | undefined {
    const e = this.entries.get(id);
    return e?.policy ? this.versions.get(e.hash) : undefined;
  }

  pin(source: string, fileName: string, templates?: TemplateSources): PinnedPolicy {
    const current = [...this.entries.values()].find((e) => path.basename(e.file) === path.basename(fileName));
    const dir = current?.dir ?? '.';
    // A stored text keeps the keys it was written with; the format's renames are applied to read it.
    const l = loadPolicyText(upgradeStoredPolicy(source), path.join(dir, path.basename(fileName)), {
      reads: templates ? { pinned: templates } : 'checkWithoutRunning',
    });
    const read = entryFromLoaded(l);
    // Read through a rename, the version is still named by the text as stored: new cases opened
    // under it are pinned to a hash the store holds.
    const entry = l.source === source || !read.policy ? read : { ...read, hash: versionHash(sha256Hex(source), l.templates) };
    if (!entry.policy) throw new PinnedPolicyError(entry.diagnostics);
    const hit = this.versions.get(entry.hash);
    if (hit) return hit;
    const pinned = bind(entry, entry.policy, l.compiled);
    this.versions.set(pinned.hash, pinned);
    this.versionEntries.set(pinned.hash, entry);
    return pinned;
  }

  async sync(store: Store, at: string): Promise<void> {
    const pv = await policyVersions(store);
    let seen = this.seen.get(store);
    if (seen === undefined) {
      for (const e of this.entries.values()) if (e.policy) await pv.publish(versionInput(e), { at, by: SEEDER, ifNew: true });
      seen = -1;
    }
    const last = await pv.lastPublication();
    if (last === seen) return;
    for (const pub of await pv.current()) {
      if (this.entries.get(pub.policyId)?.hash === pub.hash) continue;
      const v = await this.version(store, pub.hash);
      const entry = v && this.versionEntries.get(v.hash);
      if (entry) this.entries.set(entry.id, entry);
    }
    this.seen.set(store, last);
  }

  async version(store: Store, hash: string): Promise<PinnedPolicy | undefined> {
    const hit = this.versions.get(hash);
    if (hit) return hit;
    const stored = await (await policyVersions(store)).get(hash);
    if (!stored) return undefined;
    const pinned = this.pin(stored.source, stored.fileName, stored.templates ?? undefined);
    // A case opened before templates were pinned names its version by another hash than the text
    // and today's templates give: it is remembered under the name the case uses too.
    if (pinned.hash !== hash) this.versions.set(hash, pinned);
    return pinned;
  }

  async publish(
    store: Store,
    entry: PolicyEntry,
    opts: { at: string; by: string; event?: SecurityEventInput },
    compiled?: CompiledPolicy,
  ): Promise<void> {
    if (!entry.policy) throw new Error(`policy ${entry.id} does not check: not published`);
    await (await policyVersions(store)).publish(versionInput(entry), opts);
    this.add(entry, compiled);
  }
}

/** Who the store names as having stored the versions seeded from the loaded files. */
const SEEDER = 'landflow';

/** A checked entry as the store keeps it. */
function versionInput(e: PolicyEntry): PolicyVersionInput {
  return { hash: e.hash, policyId: e.id, fileName: path.basename(e.file), source: e.source, templates: e.templates };
}

function bind(entry: PolicyEntry, policy: Policy, given?: CompiledPolicy): PinnedPolicy {
  const compiled = given ?? compilePolicy(policy);
  return {
    id: policy.meta.id,
    hash: entry.hash,
    source: entry.source,
    templates: entry.templates,
    fileName: path.basename(entry.file),
    dir: entry.dir,
    policy,
    compiled,
    evaluate: (input) =>
      evaluate(compiled, {
        procedure: input.procedure,
        kase: input.kase,
        ...(input.mode ? { mode: input.mode } : {}),
        ...(input.at ? { at: input.at } : {}),
      }),
    holds: conditionsOf(compiled),
  };
}

/** A policy entry from engine/policies' loader (file made absolute). */
export function entryFromLoaded(l: LoadedPolicy): PolicyEntry {
  const file = path.resolve(l.file);
  const base = { file, dir: path.dirname(file), source: l.source, templates: l.templates };
  if (l.unreadable) return { ...base, id: l.id, hash: sha256Hex(l.source), diagnostics: [], errors: 1, warnings: 0 };
  const printed = [...printDiagnostics(l.diagnostics, l.source), ...l.templateDiagnostics];
  const pol = l.policy;
  return {
    ...base,
    id: pol?.meta.id ?? path.basename(file).replace(/\.ya?ml$/, ''),
    hash: pol ? versionHash(pol.hash, l.templates) : sha256Hex(l.source),
    ...(pol ? { policy: pol, meta: pol.meta } : {}),
    diagnostics: printed,
    errors: printed.filter((d) => d.severity === 'error').length,
    warnings: printed.filter((d) => d.severity === 'warning').length,
  };
}

export { hasErrors };
