import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkTemplate, templateFindings } from '../../../engine/documents/check-template.ts';
import { renderBoth } from '../../../dsl/messages.ts';

const TEMPLATES = fileURLToPath(new URL('../../../policies/templates/', import.meta.url));

const codes = (src: string) => checkTemplate(src, 't.hbs').map((d) => `${d.line}:${d.column} ${d.code}`);

describe('checkTemplate', () => {
  it('reports a misspelt field with its line, column and a suggestion', () => {
    const src = '<html>\n<body>\n<p>户主：{{household.nmae}}</p>\n</body>';
    const d = checkTemplate(src, 'bad.hbs');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ file: 'bad.hbs', line: 3, column: 9, code: 'TPL002' });
    expect(d[0].message).toMatch(/未知字段 unknown field: household\.nmae/);
    expect(checkTemplate('{{household.head.nmae}}', 't')[0].message).toMatch(/did you mean "name"/);
    expect(renderBoth(templateFindings(d))).toMatch(/^bad\.hbs:3:9: 未知字段.*\[TPL002\]$/);
  });

  it('accepts the model fields, helpers, partials and literals', () => {
    const src = [
      '{{> a4-style}}{{household.head.name}} {{money exit.compensation.amount sep=true}}',
      '{{blank (money transfer.total) w=5}} {{ymd null}} {{suffixed household.collective.group "组"}}',
      '{{#if exit}}{{exit.modeLabel}}{{else}}无{{/if}} {{household.members.length}}',
    ].join('\n');
    expect(codes(src)).toEqual([]);
  });

  it('checks fields inside #each and #tableRows against the element', () => {
    expect(codes('{{#each land.rows}}{{name}} {{bounds.east}} {{@index}}{{/each}}')).toEqual([]);
    expect(codes('{{#tableRows exit.parcels.rows min=4}}{{seq}} {{@blank}}{{/tableRows}}')).toEqual([]);
    expect(codes('{{#each land.rows}}\n  {{bounds.up}}{{/each}}')).toEqual(['2:5 TPL002']);
    expect(codes('{{#each land.rows}}{{../policy.name}} {{@root.form.title}}{{/each}}')).toEqual([]);
    expect(codes('{{#each land.rows}}{{../nope}}{{/each}}')).toEqual(['1:22 TPL002']);
    expect(codes('{{#each land.rows as |row i|}}{{row.area}} {{i}} {{row.acre}}{{/each}}')).toEqual(['1:52 TPL002']);
    expect(codes('{{#each household.coOwners}}{{#if coOwner}}{{name}}{{/if}}{{/each}}')).toEqual([]);
  });

  it('switches context with #with', () => {
    expect(codes('{{#with household.head}}{{name}} {{idMasked}} {{age}}{{/with}}')).toEqual(['1:49 TPL002']);
  });

  it('refuses #each over a value and @index outside a loop', () => {
    expect(codes('{{#each household.head.name}}x{{/each}}')).toEqual(['1:9 TPL008']);
    expect(codes('{{@index}}')).toEqual(['1:3 TPL002']);
  });

  it('refuses unknown helpers and wrong arity or hash keys', () => {
    expect(codes('{{amountWord exit.compensation.amount}}')).toEqual(['1:3 TPL003']);
    expect(checkTemplate('{{amountWord land.count}}', 't')[0].message).toMatch(/unknown helper: amountWord.*did you mean "amountWords"/);
    expect(codes('{{money}}')).toEqual(['1:3 TPL007']);
    expect(codes('{{money transfer.total cents=true}}')).toEqual(['1:24 TPL007']);
    expect(codes('{{#money transfer.total}}x{{/money}}')).toEqual(['1:4 TPL003']);
    expect(codes('{{#frobnicate land}}{{/frobnicate}}')).toEqual(['1:4 TPL003']);
    expect(codes('{{lookup land "rows"}}')).toEqual(['1:3 TPL003']);
  });

  it('checks the arguments of helpers and sub-expressions', () => {
    expect(codes('{{blank (money transfer.totl) w=3}}')).toEqual(['1:16 TPL002']);
  });

  it('refuses unescaped output, printing objects, unknown partials, ../ above the root', () => {
    expect(codes('{{{household.head.name}}}')).toEqual(['1:1 TPL005']);
    expect(codes('{{& household.head.name}}')).toEqual(['1:1 TPL005']);
    expect(codes('{{household.head}}')).toEqual(['1:3 TPL006']);
    expect(codes('{{land.rows}}')).toEqual(['1:3 TPL006']);
    expect(codes('{{> letterhead}}')).toEqual(['1:5 TPL004']);
    expect(codes('{{../form.id}}')).toEqual(['1:3 TPL009']);
  });

  it('reports syntax errors with their line', () => {
    const d = checkTemplate('a\n\n{{#each land.rows}}b', 'x.hbs');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ line: 3, code: 'TPL001' });
    const m = checkTemplate('a\n{{#each land.rows}}b{{/if}}', 'x.hbs');
    expect(m[0]).toMatchObject({ line: 2, column: 4, code: 'TPL001' });
  });

  it('collects every problem, not just the first', () => {
    expect(codes('{{a}}\n{{b}}\n{{c.d}}')).toEqual(['1:3 TPL002', '2:3 TPL002', '3:3 TPL002']);
  });

  it('passes every bundled template', () => {
    const files: string[] = [];
    for (const dir of readdirSync(TEMPLATES, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)) {
      for (const f of readdirSync(join(TEMPLATES, dir))) if (f.endsWith('.hbs')) files.push(join(dir, f));
    }
    expect(files.sort()).toEqual([
      'generic/退出合同.hbs',
      'generic/退出申请书.hbs',
      'qinzhou/转让公示.hbs',
      'qinzhou/转让合同.hbs',
      'qinzhou/转让申请表.hbs',
      'qinzhou/退出合同.hbs',
      'qinzhou/退出申请书.hbs',
    ]);
    for (const f of files) {
      expect(checkTemplate(readFileSync(join(TEMPLATES, f), 'utf8'), f), f).toEqual([]);
    }
  });
});
