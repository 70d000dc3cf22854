// `landflow new`: a policy set for a new region, copied from a bundled (or any) policy, that checks
// clean at once. The copy carries its templates and example cases inside the new folder, so it
// keeps working wherever the folder is moved; the officer then edits what differs.
import { msg } from '../../../dsl/message.ts';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import { EXIT_FINDINGS, EXIT_OK, UsageError, parseCommandArgs, type CliIO, type Command } from '../command.ts';
import { formatText, hasErrors, printDiagnostics } from '../../../dsl/index.ts';
import { loadPolicyFile } from '../../policies/load.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BUNDLED = path.join(REPO, 'policies');
const SCHEMA = path.join(REPO, 'dsl', 'policy.schema.json');

const help = `landflow new — 为新地区创建政策文件夹（从已有政策复制，复制后即可通过检查）
Scaffold a policy set for a new region from an existing policy; it checks clean at once.

用法 Usage:
  landflow new REGION --from POLICY [--dir DIR] [--name 全称] [--short 简称]
               [--province 省] [--city 市] [--county 县] [--code 行政区划代码]

  REGION          新政策的编号（小写字母、数字、连字符） the new policy's id (a-z, 0-9, -), e.g. taoyuan
  --from POLICY   复制来源：内置政策编号或政策文件路径 a bundled policy id (qinzhou, neijiang …) or a file
  --dir DIR       目标文件夹，默认 ./REGION the folder to create (default ./REGION); must not exist or be empty

生成 Creates:
  DIR/REGION.yaml        政策文件（meta 已改为新地区，其余规则同来源，逐项修改） the policy (meta set
                         for the new region; rules as in the source, to adapt)
  DIR/templates/…        来源引用的文书模板 the form templates the source uses
  DIR/examples/…         来源引用的示例案件 the example cases the source uses

然后 Then:
  landflow check DIR/REGION.yaml && landflow test DIR/REGION.yaml
  指南 Guide: docs/policy-format.md, docs/tutorial.md
`;

const REGION_ID = /^[a-z][a-z0-9-]{1,40}$/;

function sourceFile(from: string, io: CliIO): string {
  if (/^[a-z][a-z0-9-]*$/.test(from) && existsSync(path.join(BUNDLED, `${from}.yaml`))) return path.join(BUNDLED, `${from}.yaml`);
  const file = path.resolve(io.cwd, from);
  if (existsSync(file)) return file;
  const bundled = readdirSync(BUNDLED)
    .filter((n) => n.endsWith('.yaml'))
    .map((n) => n.replace(/\.yaml$/, ''));
  throw new UsageError(msg('cli.noSourcePolicy', { from, bundled: bundled.join(', ') }));
}

function setIn(doc: Document, keys: string[], value: unknown): void {
  doc.setIn(keys, doc.createNode(value));
}

/** Copies `rel` (relative to the source policy's folder) into the new set under `into`, returning the new relative path. */
function copyInto(sourceDir: string, rel: string, targetDir: string, into: 'templates' | 'examples'): string {
  const from = path.resolve(sourceDir, rel);
  const name = into === 'templates' ? rel.replace(/^(\.\.\/)*(templates\/)?/, '') : path.basename(rel);
  const to = path.join(targetDir, into, name);
  mkdirSync(path.dirname(to), { recursive: true });
  if (!existsSync(to)) copyFileSync(from, to);
  return `${into}/${name}`;
}

export const command: Command = {
  name: 'new',
  help,
  run: async (argv: string[], io: CliIO) => {
    const { values, positionals } = parseCommandArgs(argv, {
      from: { type: 'string' },
      dir: { type: 'string' },
      name: { type: 'string' },
      short: { type: 'string' },
      province: { type: 'string' },
      city: { type: 'string' },
      county: { type: 'string' },
      code: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError(msg('cli.giveRegion', { usage: 'landflow new REGION --from POLICY' }));
    const id = positionals[0]!;
    if (!REGION_ID.test(id)) throw new UsageError(msg('cli.regionId', { got: id }));
    if (!values.from) throw new UsageError(msg('cli.missingFrom'));
    const code = values.code as string | undefined;
    if (code !== undefined && !/^\d{6}$/.test(code)) throw new UsageError(msg('cli.divisionCode', { got: code }));

    const source = sourceFile(values.from as string, io);
    const sourceDir = path.dirname(source);
    const loaded = loadPolicyFile(source, { reads: 'checkWithoutRunning' });
    if (loaded.unreadable) throw new UsageError(loaded.unreadable);
    if (!loaded.policy || hasErrors(loaded.diagnostics)) {
      for (const p of printDiagnostics(loaded.diagnostics, loaded.source)) if (p.severity === 'error') io.stderr(formatText(p) + '\n');
      throw new UsageError(msg('cli.policyErrors.source', { file: source }));
    }

    const target = path.resolve(io.cwd, (values.dir as string | undefined) ?? id);
    if (existsSync(target) && readdirSync(target).length > 0) throw new UsageError(msg('cli.folderNotEmpty', { folder: target }));
    mkdirSync(target, { recursive: true });

    const doc = parseDocument(loaded.source);
    const meta = loaded.policy.meta;
    setIn(doc, ['meta', 'id'], id);
    setIn(doc, ['meta', 'name'], (values.name as string | undefined) ?? `（待填写：${id} 的政策全称）`);
    setIn(doc, ['meta', 'shortName'], (values.short as string | undefined) ?? id);
    const region: Record<string, string> = { province: (values.province as string | undefined) ?? meta.region.province };
    for (const k of ['city', 'county'] as const) {
      const v = values[k] as string | undefined;
      if (v) region[k] = v;
    }
    if (code) region.code = code;
    setIn(doc, ['meta', 'region'], region);
    setIn(doc, ['meta', 'source'], { title: '（待填写：本地政策文件的标题）' });
    setIn(doc, ['meta', 'status'], '草案');
    setIn(doc, ['meta', 'version'], '0.1');

    const forms = doc.get('forms');
    if (isSeq(forms)) {
      for (const item of forms.items) {
        if (!isMap(item)) continue;
        const t = item.get('template');
        if (typeof t === 'string' && t.endsWith('.hbs')) item.set('template', copyInto(sourceDir, t, target, 'templates'));
      }
    }
    const examples = doc.get('examples');
    if (isSeq(examples)) {
      for (const item of examples.items) {
        if (!isMap(item)) continue;
        const f = item.get('caseFile');
        if (typeof f === 'string') item.set('caseFile', copyInto(sourceDir, f, target, 'examples'));
      }
    }

    const schemaLine = `# yaml-language-server: $schema=${path.relative(target, SCHEMA).split(path.sep).join('/')}`;
    const from = path.dirname(source) === BUNDLED ? `内置政策 bundled ${meta.id}` : path.relative(io.cwd, source) || source;
    const origin = `# 由 landflow new 从「${meta.shortName}」（${from}）生成：meta 已改为新地区，规则、期间、补偿与文书同来源，请逐条改为本地规定并更新 articles。\n# Scaffolded by landflow new from ${meta.id}: adapt every rule, period, formula and form to the local text.`;
    // The source's heading comments (schema line, source description) describe the source region.
    const body = doc.toString({ lineWidth: 0 }).replace(/^(?:#.*\n|\s*\n)*/, '');
    const out = path.join(target, `${id}.yaml`);
    writeFileSync(out, `${schemaLine}\n${origin}\n${body}`);

    const check = loadPolicyFile(out, { display: path.relative(io.cwd, out) || out });
    const printed = printDiagnostics(check.diagnostics, check.source);
    for (const p of printed) if (p.severity === 'error') io.stderr(formatText(p) + '\n');
    const shown = path.relative(io.cwd, target) || '.';
    io.stdout(
      `已创建 created ${shown}/${id}.yaml（来自 from ${meta.id}）\n下一步 next: landflow check ${shown}/${id}.yaml && landflow test ${shown}/${id}.yaml\n`,
    );
    // The scaffold must check clean; if it does not, that is our fault and says so.
    return printed.some((p) => p.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
  },
};
