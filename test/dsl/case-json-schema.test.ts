import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseJsonSchema } from '../../dsl/case-json-schema.ts';
import { validateCase as validate } from '../../dsl/case-validate.ts';
import { renderBoth } from '../../dsl/messages.ts';

/** The findings as the command line prints them; each message is its text said in both languages. */
function validateCase(...args: Parameters<typeof validate>) {
  return validate(...args).map(({ pointer, message, text }) => {
    expect(renderBoth(text)).toBe(message);
    return { pointer, message };
  });
}

const household = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'household-qinzhou.json'), 'utf8'));
const clone = () => JSON.parse(JSON.stringify(household));

describe('case JSON Schema generated from dsl/case-schema.ts', () => {
  it('is draft 2020-12 with Chinese titles and closed records', () => {
    const s = caseJsonSchema() as Record<string, any>;
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.additionalProperties).toBe(false);
    expect(s.properties.parcels.title).toBe('地块');
    expect(s.properties.parcels.items.properties.area['x-unit']).toBe('亩');
    expect(s.required).toEqual(['household', 'contract', 'parcels', 'market']);
  });

  it('accepts the shared household', () => {
    expect(validateCase(household)).toEqual([]);
  });

  it('names the bad field by its JSON pointer', () => {
    const c = clone();
    c.parcels[0].area = 1.2;
    expect(validateCase(c)).toEqual([{ pointer: '/parcels/0/area', message: expect.stringContaining('wrong type') }]);
    c.parcels[0].area = '1,20';
    expect(validateCase(c)[0]!.pointer).toBe('/parcels/0/area');
  });

  it('reports missing, unknown and out-of-range fields', () => {
    const c = clone();
    delete c.contract.end;
    c.exit.payer = 'town';
    c.household.extra = 1;
    c.contract.start = '1998-13-01';
    const pointers = validateCase(c)
      .map((e) => e.pointer)
      .sort();
    expect(pointers).toEqual(['/contract/end', '/contract/start', '/exit/payer', '/household/extra']);
  });
});
