// forms: the documents a policy produces, each with its template, procedure, copies and numbering.
import type { FormDecl } from '../policy-model.ts';
import { child, type LNode } from '../yaml.ts';
import { isMap, text, type Reader } from './reader.ts';

export function buildForms(r: Reader, n: LNode | undefined): FormDecl[] {
  if (n?.kind !== 'seq') return [];
  const forms: FormDecl[] = [];
  for (const f of n.items) {
    if (!isMap(f)) continue;
    const fd: FormDecl = { id: '', title: '', template: '', procedure: 'exit', cite: '', span: f.span };
    fd.id = r.field(fd, f, 'id') ?? '';
    fd.title = r.field(fd, f, 'title') ?? fd.id;
    fd.template = r.field(fd, f, 'template') ?? '';
    const p = r.field(fd, f, 'procedure');
    if (p === 'transfer' || p === 'exit') fd.procedure = p;
    fd.cite = r.cite(fd, f);
    const copies = child(f, 'copies');
    if (copies?.kind === 'scalar' && typeof copies.value === 'number') fd.copies = copies.value;
    const prefix = text(child(child(f, 'numbering'), 'prefix'));
    if (prefix !== undefined) fd.numbering = { prefix };
    const assumed = r.assumed(fd, f);
    if (assumed !== undefined) fd.assumed = assumed;
    const note = text(child(f, 'note'));
    if (note !== undefined) fd.note = note;
    forms.push(fd);
  }
  return forms;
}
