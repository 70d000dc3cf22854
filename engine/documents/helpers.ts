// Template helpers, registered on a private Handlebars instance (never the global one, so a host
// embedding landflow keeps its own). Each helper formats; none computes money: sums and
// compensation arrive in the model as decimal strings. Helpers that emit markup escape the value
// themselves and return a SafeString, so templates never need the triple-stash on data.
// The HELPERS table doubles as the template checker's list of known helpers and their arity.
// Helper names never equal a model field name ({{date}} would call a helper named date instead of
// printing the field), which a test checks.

import Handlebars from 'handlebars';
import { Decimal } from 'decimal.js';
import { amountInWords, amountInWordsWithPrefix, areaInWords, countInWords } from './amount-words.ts';
import { formatChineseDate, formatDateInWords, parseDate } from './chinese-date.ts';
import { maskIdNumber } from './idcard.ts';
import { A4_STYLE_PARTIAL } from './print-css.ts';
import { DocumentError } from './errors.ts';
import { msg } from '../../dsl/message.ts';

/** How a helper treats its block: iterate the first argument's elements, or keep the context. */
export type HelperKind = 'inline' | 'block-each' | 'block-with' | 'block-same';

export interface HelperSpec {
  kind: HelperKind;
  /** Positional parameters: minimum and maximum count. */
  params: [number, number];
  hash: string[];
  doc: string;
}

export const HELPERS: Record<string, HelperSpec> = {
  amountWords: { kind: 'inline', params: [1, 1], hash: [], doc: '金额大写 53333.25 → 伍万叁仟叁佰叁拾叁元贰角伍分' },
  amountWordsPrefixed: { kind: 'inline', params: [1, 1], hash: [], doc: '带“人民币”的金额大写' },
  money: { kind: 'inline', params: [1, 1], hash: ['sep'], doc: '金额两位小数 53333.25；sep=true 加千分位 53,333.25' },
  cnDate: { kind: 'inline', params: [1, 1], hash: [], doc: '日期 2026-01-15 → 2026年1月15日' },
  dateWords: { kind: 'inline', params: [1, 1], hash: [], doc: '票据大写日期 贰零贰陆年零壹月壹拾伍日' },
  ymd: { kind: 'inline', params: [1, 1], hash: [], doc: '表格式日期：有值填入，无值留“____年__月__日”' },
  maskId: { kind: 'inline', params: [1, 1], hash: [], doc: '身份证号码脱敏 4507**********1235' },
  areaWords: { kind: 'inline', params: [1, 1], hash: [], doc: '面积大写 2.35 → 贰点叁伍' },
  numWords: { kind: 'inline', params: [1, 1], hash: [], doc: '数目小写汉字 4 → 四' },
  blank: { kind: 'inline', params: [1, 1], hash: ['w'], doc: '有值加下划线填入，无值留宽 w 字的空白' },
  suffixed: { kind: 'inline', params: [2, 2], hash: ['w'], doc: '名称加后缀：某 村 → 某村；无值留空白再印后缀' },
  check: { kind: 'inline', params: [1, 1], hash: [], doc: '勾选框 ☑/☐' },
  eq: { kind: 'inline', params: [2, 2], hash: [], doc: '相等比较，用于 #if (eq a b)' },
  or: { kind: 'inline', params: [2, 4], hash: [], doc: '第一个非空值 first non-empty value' },
  rowSpan: { kind: 'inline', params: [1, 1], hash: ['min', 'plus'], doc: 'rowspan for a label beside #tableRows: max(length, min) + plus' },
  tableRows: { kind: 'block-each', params: [1, 1], hash: ['min'], doc: '逐行输出表格，不足 min 行以空行补足（空行带序号）' },
  // Handlebars built-ins we allow.
  if: { kind: 'block-same', params: [1, 1], hash: ['includeZero'], doc: 'built-in' },
  unless: { kind: 'block-same', params: [1, 1], hash: ['includeZero'], doc: 'built-in' },
  each: { kind: 'block-each', params: [1, 1], hash: [], doc: 'built-in' },
  with: { kind: 'block-with', params: [1, 1], hash: [], doc: 'built-in' },
};

/** Partials every template may include. */
export const PARTIALS: Record<string, string> = {
  'a4-style': A4_STYLE_PARTIAL,
};

type Options = Handlebars.HelperOptions;

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';
const esc = (v: unknown) => Handlebars.escapeExpression(String(v));

function width(options: Options, fallback: number): number {
  const w = Number(options.hash?.w ?? fallback);
  return Number.isFinite(w) && w > 0 && w <= 40 ? w : fallback;
}

function blankSpan(w: number): string {
  return `<span class="blank" style="min-width:${w}em"></span>`;
}

function fill(v: unknown): string {
  return `<span class="fill">${esc(v)}</span>`;
}

function money(v: unknown, sep: boolean): string {
  if (isEmpty(v)) return '';
  const text = String(v);
  if (!/^\d+(\.\d{1,2})?$/.test(text)) {
    throw new DocumentError('RENDER_FAILED', msg('doc.money', { value: JSON.stringify(v) }));
  }
  const fixed = new Decimal(text).toFixed(2);
  if (!sep) return fixed;
  const [i, f] = fixed.split('.');
  return `${i.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${f}`;
}

export function registerHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('amountWords', (v: unknown) => (isEmpty(v) ? '' : amountInWords(String(v))));
  hb.registerHelper('amountWordsPrefixed', (v: unknown) => (isEmpty(v) ? '' : amountInWordsWithPrefix(String(v))));
  hb.registerHelper('money', (v: unknown, options: Options) => money(v, options.hash?.sep === true));
  hb.registerHelper('cnDate', (v: unknown) => (isEmpty(v) ? '' : formatChineseDate(String(v))));
  hb.registerHelper('dateWords', (v: unknown) => (isEmpty(v) ? '' : formatDateInWords(String(v))));
  hb.registerHelper('ymd', (v: unknown) => {
    if (isEmpty(v)) return new hb.SafeString(`${blankSpan(3)}年${blankSpan(2)}月${blankSpan(2)}日`);
    const { year, month, day } = parseDate(String(v));
    return new hb.SafeString(`${fill(year)}年${fill(month)}月${fill(day)}日`);
  });
  hb.registerHelper('maskId', (v: unknown) => (isEmpty(v) ? '' : maskIdNumber(String(v))));
  hb.registerHelper('areaWords', (v: unknown) => (isEmpty(v) ? '' : areaInWords(String(v))));
  hb.registerHelper('numWords', (v: unknown) => (isEmpty(v) ? '' : countInWords(Number(v))));
  hb.registerHelper('blank', (v: unknown, options: Options) => new hb.SafeString(isEmpty(v) ? blankSpan(width(options, 4)) : fill(v)));
  hb.registerHelper('suffixed', (v: unknown, suffix: unknown, options: Options) => {
    const s = String(suffix ?? '');
    if (isEmpty(v)) return new hb.SafeString(blankSpan(width(options, 4)) + esc(s));
    const text = String(v);
    return new hb.SafeString(fill(text.endsWith(s) ? text : text + s));
  });
  hb.registerHelper('check', (v: unknown) => (v ? '☑' : '☐'));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('or', (...args: unknown[]) => {
    const values = args.slice(0, -1); // the last argument is Handlebars' options
    return values.find((v) => !isEmpty(v)) ?? null;
  });
  hb.registerHelper('rowSpan', (list: unknown, options: Options) => {
    const length = Array.isArray(list) ? list.length : 0;
    const min = Number(options.hash?.min ?? 0);
    const plus = Number(options.hash?.plus ?? 0);
    return Math.max(length, Number.isFinite(min) ? min : 0) + (Number.isFinite(plus) ? plus : 0);
  });
  hb.registerHelper('tableRows', function (this: unknown, list: unknown, options: Options) {
    const items = Array.isArray(list) ? list : [];
    const min = Number(options.hash?.min ?? 0);
    const total = Math.max(items.length, Number.isFinite(min) ? min : 0);
    let out = '';
    for (let i = 0; i < total; i++) {
      const blank = i >= items.length;
      const item = blank ? { seq: i + 1 } : items[i];
      const data = hb.createFrame(options.data ?? {});
      data.index = i;
      data.first = i === 0;
      data.last = i === total - 1;
      data.blank = blank;
      out += options.fn(item, { data });
    }
    return out;
  });
  for (const [name, source] of Object.entries(PARTIALS)) hb.registerPartial(name, source);
}

/** A fresh Handlebars environment with our helpers and partials, isolated from the global one. */
export function createHandlebars(): typeof Handlebars {
  const hb = Handlebars.create();
  registerHelpers(hb);
  return hb;
}
