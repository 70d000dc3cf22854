// The checker's findings as LSP diagnostics. The checker's offsets are UTF-16 offsets into the text
// (dsl/diagnostics.ts), which is what LSP positions count by default (positionEncoding utf-16), so
// a TextDocument maps them straight to line and character: a non-BMP character counts 2, a Chinese
// character 1. (dsl/source.ts counts code points instead: that is for printed columns.)
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver/node.js';
import type { Diagnostic, PrintedDiagnostic } from '../../dsl/index.ts';
import { parseTemplateName } from '../../dsl/policy-files.ts';
import { renderBoth } from '../../dsl/messages.ts';
import type { PolicySymbols } from '../../dsl/symbols.ts';
import type { LoadedPolicy } from '../policies/load.ts';

export const SOURCE = 'landflow';

const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  note: DiagnosticSeverity.Information,
};

export function rangeOf(doc: TextDocument, span: { start: number; end: number }) {
  return { start: doc.positionAt(span.start), end: doc.positionAt(Math.max(span.start, span.end)) };
}

/** A finding with the article it rests on, when the message does not already name it. */
function withCite(message: string, cite: string | null | undefined): string {
  return cite && !message.includes(cite) ? `${message}\n依据 cite: ${cite}` : message;
}

export function toLspDiagnostics(loaded: LoadedPolicy, doc: TextDocument, symbols: PolicySymbols | undefined): LspDiagnostic[] {
  if (loaded.unreadable)
    return [
      {
        range: rangeOf(doc, { start: 0, end: 0 }),
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        message: renderBoth(loaded.unreadable),
      },
    ];
  const out = loaded.diagnostics.map((d): LspDiagnostic => ({
    range: rangeOf(doc, d),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: SOURCE,
    message: withCite(renderBoth(d.message), d.cite),
    ...(d.related?.length
      ? {
          relatedInformation: d.related.map((r) => ({
            location: { uri: doc.uri, range: rangeOf(doc, r) },
            message: renderBoth(r.message),
          })),
        }
      : {}),
  }));
  for (const t of loaded.templateDiagnostics) out.push(templateDiagnostic(t, doc, symbols));
  return out;
}

/**
 * A template's finding, shown on the policy line that names the template (`template:` of its
 * form), with the template's own line and column as related information.
 */
function templateDiagnostic(t: PrintedDiagnostic, doc: TextDocument, symbols: PolicySymbols | undefined): LspDiagnostic {
  const file = t.file.replace(/\\/g, '/');
  const form = symbols?.forms.find((f) => {
    const n = parseTemplateName(f.template);
    return n.ok && f.templateSpan && file.endsWith(`/${n.rel}`);
  });
  const span = form?.templateSpan ?? { start: 0, end: 0 };
  return {
    range: rangeOf(doc, span),
    severity: SEVERITY[t.severity],
    code: t.code,
    source: SOURCE,
    message: withCite(`${t.file}:${t.line}:${t.column}: ${t.message}`, t.cite),
    relatedInformation: [
      {
        // Template columns count code points; templates are BMP text in practice, where they agree.
        location: {
          uri: pathToFileURL(resolve(t.file)).href,
          range: { start: { line: t.line - 1, character: t.column - 1 }, end: { line: t.endLine - 1, character: t.endColumn - 1 } },
        },
        message: '模板中的位置 where in the template',
      },
    ],
  };
}
