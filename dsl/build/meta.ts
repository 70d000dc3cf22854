// meta: the policy's identity, region, source, status and version, effective dates and calendar layers.
import type { Policy } from '../policy-model.ts';
import { child, entry, type LNode } from '../yaml.ts';
import { opt, strings, text, type Reader } from './reader.ts';

export function buildMeta(r: Reader, metaNode: LNode | undefined): Policy['meta'] {
  const region = child(metaNode, 'region');
  const source = child(metaNode, 'source');
  const effective = child(metaNode, 'effective');
  const meta: Policy['meta'] = {
    id: '',
    name: '',
    shortName: '',
    region: { province: '' },
    source: { title: '' },
    status: '',
    version: '',
    effective: {},
    calendar: [],
  };
  meta.id = r.field(meta, metaNode, 'id') ?? '';
  meta.name = r.field(meta, metaNode, 'name') ?? '';
  meta.shortName = r.field(meta, metaNode, 'shortName') ?? meta.id;
  meta.status = r.field(meta, metaNode, 'status') ?? '';
  meta.version = r.field(meta, metaNode, 'version') ?? '';
  meta.region = {
    province: text(child(region, 'province')) ?? '',
    ...opt('city', text(child(region, 'city'))),
    ...opt('county', text(child(region, 'county'))),
    ...opt('code', text(child(region, 'code'))),
  };
  meta.source = {
    title: text(child(source, 'title')) ?? '',
    ...opt('issuer', text(child(source, 'issuer'))),
    ...opt('date', text(child(source, 'date'))),
    ...opt('url', text(child(source, 'url'))),
    ...opt('seed', text(child(source, 'seed'))),
  };
  meta.effective = {
    ...opt('from', r.field(meta, effective, 'from', 'effective.from')),
    ...opt('to', r.field(meta, effective, 'to', 'effective.to')),
    ...opt('note', r.field(meta, effective, 'note', 'effective.note')),
  };
  const assumed = r.assumed(meta, effective, 'effective.assumed');
  if (assumed !== undefined) meta.effective.assumed = assumed;
  const date = entry(source, 'date');
  if (date) r.spans.set(meta, 'source.date', date.value.span);
  const calendarIds = strings(child(metaNode, 'calendar'));
  meta.calendar = calendarIds.map((s) => s.value);
  calendarIds.forEach((s, i) => r.spans.set(meta, `calendar.${i}`, s.span));
  return meta;
}
