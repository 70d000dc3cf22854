// Which files a policy may name. A policy is written by officers, not admins, so the names it gives
// for form templates and example cases are untrusted: they are checked here, by their text alone,
// before anything touches a file system. Pure module (no Node APIs), so the editor in the browser
// reports the same refusals; engine/policies/files.ts then reads only what passed, inside its folder.
//
//   template: templates/qinzhou/退出合同.hbs   → <policy dir>/templates/qinzhou/退出合同.hbs
//   template: generic/退出合同                → a bundled template, policies/templates/generic/退出合同.hbs
//   caseFile: ../examples/household.json      → <policy dir>/../examples/household.json
//   caseFile: examples/household.json         → <policy dir>/examples/household.json

/** Why a name is refused, Chinese and English (for a diagnostic's {rule} / {ruleEn}). */
export interface PathRefusal {
  rule: string;
  ruleEn: string;
}

/** A template name as the policy gives it: a file of the policy set's templates folder, or a bundled one. */
export type TemplateName =
  | { ok: true; root: 'policy' | 'bundled'; /** Path inside that templates folder, ending in .hbs. */ rel: string }
  | ({ ok: false } & PathRefusal);

/** An example case file: inside `<policy dir>/examples/` or the project layout's `<policy dir>/../examples/`. */
export type CaseFileName =
  { ok: true; root: 'examples' | '../examples'; /** Path inside that folder. */ rel: string } | ({ ok: false } & PathRefusal);

export const TEMPLATES_FOLDER = 'templates';
export const EXAMPLES_FOLDER = 'examples';

const refuse = (rule: string, ruleEn: string): { ok: false } & PathRefusal => ({ ok: false, rule, ruleEn });

/** Segments of a relative path, or a refusal for absolute paths, backslashes and control characters. */
function segmentsOf(name: unknown): string[] | ({ ok: false } & PathRefusal) {
  if (typeof name !== 'string' || name.trim() === '') return refuse('路径为空', 'the path is empty');
  if (/[\u0000-\u001f\u007f]/.test(name)) return refuse('路径含控制字符', 'the path contains control characters');
  if (name.includes('\\')) return refuse('路径须用“/”分隔，不得含“\\”', 'use "/" between folders, never "\\"');
  if (name.startsWith('/') || name.startsWith('~') || /^[A-Za-z]:/.test(name))
    return refuse('不得使用绝对路径', 'absolute paths are not allowed');
  return name.split('/');
}

const plain = (s: string) => s !== '' && s !== '.' && s !== '..';

export function parseTemplateName(name: unknown): TemplateName {
  const parts = segmentsOf(name);
  if (!Array.isArray(parts)) return parts;
  const mustBe = refuse(
    '模板只能是政策目录 templates/ 下的 .hbs 文件，或内置模板编号（如 generic/退出合同）',
    "a template must be a .hbs file under the policy folder's templates/, or a bundled template id such as generic/退出合同",
  );
  if (!parts.every(plain)) return refuse('路径不得含“..”“.”或空段', 'the path may not contain "..", "." or empty segments');
  const local = parts[0] === TEMPLATES_FOLDER;
  const inside = local ? parts.slice(1) : parts;
  if (inside.length === 0) return mustBe;
  const last = inside[inside.length - 1]!;
  const ext = /\.[^.]*$/.exec(last)?.[0];
  if (ext !== undefined && ext.toLowerCase() !== '.hbs') return mustBe;
  // A policy-set template is named as a file (with .hbs); a bundled one by its id.
  if (local && ext === undefined) return mustBe;
  const rel = [...inside.slice(0, -1), ext === undefined ? `${last}.hbs` : last].join('/');
  return { ok: true, root: local ? 'policy' : 'bundled', rel };
}

export function parseCaseFileName(name: unknown): CaseFileName {
  const parts = segmentsOf(name);
  if (!Array.isArray(parts)) return parts;
  const up = parts[0] === '..';
  const rest = up ? parts.slice(1) : parts;
  if (rest[0] !== EXAMPLES_FOLDER || rest.length < 2 || !rest.every(plain)) {
    return refuse(
      '示例案件只能是政策目录 examples/ 或 ../examples/ 下的文件',
      'an example case must be a file under examples/ or ../examples/ of the policy folder',
    );
  }
  const rel = rest.slice(1).join('/');
  if (!/\.json$/i.test(rel)) return refuse('示例案件须为 .json 文件', 'an example case must be a .json file');
  return { ok: true, root: up ? '../examples' : 'examples', rel };
}
