// The checker's findings as LSP diagnostics (engine/lsp/diagnostics.ts): UTF-16 ranges, severities,
// related spans, and a form template's finding shown on the policy line that names the template.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { policySymbols } from '../../../dsl/symbols.ts';
import { toLspDiagnostics } from '../../../engine/lsp/diagnostics.ts';
import type { LoadedPolicy } from '../../../engine/policies/load.ts';

const file = path.resolve('policies/qinzhou.yaml');
const text = readFileSync(file, 'utf8');
const doc = TextDocument.create(pathToFileURL(file).href, 'yaml', 1, text);
const base: LoadedPolicy = { file, id: 'qinzhou', source: text, diagnostics: [], templates: {}, templateDiagnostics: [] };

describe('LSP diagnostics', () => {
  it('a waived finding keeps its span as related information, a note is Information, the cite is named', () => {
    const at = text.indexOf('补偿年限:');
    const loaded: LoadedPolicy = {
      ...base,
      diagnostics: [
        {
          code: 'L790',
          severity: 'note',
          file,
          start: at,
          end: at + 4,
          message: { code: 'L790', args: { code: 'L704', justification: '试点批准' } },
          cite: '农村土地承包法第二十七条',
          related: [{ start: at, end: at + 4, message: { zh: '被豁免的', en: 'the waived finding' } }],
        },
      ],
    };
    const [d] = toLspDiagnostics(loaded, doc, undefined);
    const pos = doc.positionAt(at);
    expect(d).toEqual({
      range: { start: pos, end: { line: pos.line, character: pos.character + 4 } },
      severity: 3,
      code: 'L790',
      source: 'landflow',
      message: '已豁免 L704，理由：试点批准 / waived L704; justification: 试点批准\n依据 cite: 农村土地承包法第二十七条',
      relatedInformation: [
        {
          location: { uri: doc.uri, range: { start: pos, end: { line: pos.line, character: pos.character + 4 } } },
          message: '被豁免的 the waived finding',
        },
      ],
    });
  });

  it("a template finding is shown on its form's template: value, pointing at the template line and column", () => {
    const shown = path.join(path.dirname(file), 'templates', 'qinzhou', '退出合同.hbs');
    const loaded: LoadedPolicy = {
      ...base,
      templateDiagnostics: [
        {
          file: shown,
          line: 12,
          column: 5,
          endLine: 12,
          endColumn: 5,
          severity: 'error',
          code: 'TPL001',
          message: '未知字段 unknown field（表单 form「退出合同」）',
          text: { zh: '未知字段（表单「退出合同」）', en: 'unknown field (form "退出合同")' },
          cite: '附件5',
        },
      ],
    };
    const [d] = toLspDiagnostics(loaded, doc, policySymbols(text));
    const value = 'templates/qinzhou/退出合同.hbs';
    const start = doc.positionAt(text.indexOf(`template: ${value}`) + 'template: '.length);
    expect(d!.range).toEqual({ start, end: { line: start.line, character: start.character + value.length } });
    expect(d!.code).toBe('TPL001');
    expect(d!.message).toBe(`${shown}:12:5: 未知字段 unknown field（表单 form「退出合同」）\n依据 cite: 附件5`);
    expect(d!.relatedInformation).toEqual([
      {
        location: { uri: pathToFileURL(shown).href, range: { start: { line: 11, character: 4 }, end: { line: 11, character: 4 } } },
        message: '模板中的位置 where in the template',
      },
    ]);
  });

  it('an unreadable text is one error at the start', () => {
    const d = toLspDiagnostics({ ...base, unreadable: { zh: '政策文件过大', en: 'policy file too large' } }, doc, undefined);
    expect(d).toEqual([
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 1,
        source: 'landflow',
        message: '政策文件过大 policy file too large',
      },
    ]);
  });
});
