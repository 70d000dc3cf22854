// Calendar data the calendar cannot use is refused with a message (issue #13): calendar.badData
// with the field's path and, as its problem, a calendar.data.* finding with its arguments; the line
// in both languages is the one printed before the messages were data (engine/calendar/layer.ts,
// import.ts).
import { describe, expect, it } from 'vitest';
import { CalendarError } from '../../../engine/calendar/errors.ts';
import { nationalLayerFromHolidayCn, validateHolidayCnYear, validateLayer } from '../../../engine/calendar/layer.ts';
import { checkImportable } from '../../../engine/calendar/import.ts';
import { render } from '../../../dsl/messages.ts';
import { msg, type Message } from '../../../dsl/message.ts';
import { made2027 } from './fixtures.ts';
import { thrown } from '../../helpers/errors.ts';

const refusal = (f: () => unknown): CalendarError => thrown(CalendarError, f);

const layer = (extra: Record<string, unknown>) => ({ id: 'x', name: '某地', level: 'local', source: '通知', days: [], ...extra });
const day = (date: unknown, isOffDay = true) => ({ date, name: '休', isOffDay });

const cases: {
  what: string;
  run: () => unknown;
  path: string;
  problem: Message;
  zh: string;
  en: string;
  both: string;
}[] = [
  {
    what: 'a layer that is no object',
    run: () => validateLayer([]),
    path: 'layer',
    problem: msg('calendar.data.object'),
    zh: '应为对象',
    en: 'expected an object',
    both: '应为对象 expected an object',
  },
  {
    what: 'an empty name',
    run: () => validateLayer(layer({ name: ' ' })),
    path: 'layer.name',
    problem: msg('text.nonEmpty'),
    zh: '应为非空文字',
    en: 'must be a non-empty string',
    both: '应为非空文字 must be a non-empty string',
  },
  {
    what: 'an id with a space',
    run: () => validateLayer(layer({ id: 'a b' })),
    path: 'layer.id',
    problem: msg('calendar.data.idChars', { value: '"a b"' }),
    zh: '只能含字母数字和 ._-："a b"',
    en: 'letters, digits and ._- only: "a b"',
    both: '只能含字母数字和 ._- letters, digits and ._- only: "a b"',
  },
  {
    what: 'an unknown level',
    run: () => validateLayer(layer({ level: 'county' })),
    path: 'layer.level',
    problem: msg('calendar.data.oneOf', { allowed: 'national | regional | local' }),
    zh: '应为 national | regional | local 之一',
    en: 'expected one of national | regional | local',
    both: '应为 expected one of national | regional | local',
  },
  {
    what: 'years that are not years',
    run: () => validateLayer(layer({ years: [1800] })),
    path: 'layer.years',
    problem: msg('calendar.data.yearArray'),
    zh: '应为年份数组',
    en: 'expected an array of years',
    both: '应为年份数组 expected an array of years',
  },
  {
    what: 'a provisional year outside the years',
    run: () => validateLayer(layer({ years: [2026], provisionalYears: [2027], provisionalBasis: '推算' })),
    path: 'layer.provisionalYears',
    problem: msg('calendar.data.provisionalSubset'),
    zh: '须为 years 的子集',
    en: "must be among the layer's years",
    both: "须为 years 的子集 must be among the layer's years",
  },
  {
    what: 'provisional years without their basis',
    run: () => validateLayer(layer({ years: [2026], provisionalYears: [2026] })),
    path: 'layer.provisionalBasis',
    problem: msg('calendar.data.provisionalBasis'),
    zh: '暂定年份须说明推算依据',
    en: 'provisional years need the basis they were computed on',
    both: '暂定年份须说明推算依据 provisional years need the basis they were computed on',
  },
  {
    what: 'notices that are no list',
    run: () => validateLayer(layer({ notices: {} })),
    path: 'layer.notices',
    problem: msg('calendar.data.array'),
    zh: '应为数组',
    en: 'expected an array',
    both: '应为数组 expected an array',
  },
  {
    what: 'a notice without its year',
    run: () => validateLayer(layer({ notices: [{ title: 't', number: null }] })),
    path: 'layer.notices[0].year',
    problem: msg('calendar.data.integerYear'),
    zh: '应为整数年份',
    en: 'expected an integer year',
    both: '应为整数年份 expected an integer year',
  },
  {
    what: 'a notice without its title',
    run: () => validateLayer(layer({ notices: [{ year: 2026, title: '', number: null }] })),
    path: 'layer.notices[0].title',
    problem: msg('calendar.data.noticeTitle'),
    zh: '应写明通知标题',
    en: 'the notice title is required',
    both: '应写明通知标题 the notice title is required',
  },
  {
    what: 'a notice number that is a number',
    run: () => validateLayer(layer({ notices: [{ year: 2026, title: 't', number: 12 }] })),
    path: 'layer.notices[0].number',
    problem: msg('calendar.data.noticeNumber'),
    zh: '应为文号或 null',
    en: 'expected a document number or null',
    both: '应为文号或 null expected a document number or null',
  },
  {
    what: 'a notice date that is no date',
    run: () => validateLayer(layer({ notices: [{ year: 2026, title: 't', number: null, date: '2026-02-30' }] })),
    path: 'layer.notices[0].date',
    problem: msg('calendar.badDate', { value: '"2026-02-30"' }),
    zh: '不是有效日期："2026-02-30"（应为 YYYY-MM-DD）',
    en: 'not a valid date: "2026-02-30" (expected YYYY-MM-DD)',
    both: '不是有效日期 not a valid date: "2026-02-30" (应为 expected YYYY-MM-DD)',
  },
  {
    what: 'a notice url that is not http',
    run: () => validateLayer(layer({ notices: [{ year: 2026, title: 't', number: null, url: 'ftp://x' }] })),
    path: 'layer.notices[0].url',
    problem: msg('calendar.data.url'),
    zh: '应为 http(s) 地址',
    en: 'expected an http(s) URL',
    both: '应为 http(s) 地址 expected an http(s) URL',
  },
  {
    what: 'days that are no list',
    run: () => validateLayer(layer({ days: null })),
    path: 'layer.days',
    problem: msg('calendar.data.array'),
    zh: '应为数组',
    en: 'expected an array',
    both: '应为数组 expected an array',
  },
  {
    what: 'a day that is no object',
    run: () => validateLayer(layer({ days: [3] })),
    path: 'layer.days[0]',
    problem: msg('calendar.data.object'),
    zh: '应为对象',
    en: 'expected an object',
    both: '应为对象 expected an object',
  },
  {
    what: 'a day that is no date',
    run: () => validateLayer(layer({ days: [day('2026-13-01')] })),
    path: 'layer.days[0].date',
    problem: msg('calendar.badDate', { value: '"2026-13-01"' }),
    zh: '不是有效日期："2026-13-01"（应为 YYYY-MM-DD）',
    en: 'not a valid date: "2026-13-01" (expected YYYY-MM-DD)',
    both: '不是有效日期 not a valid date: "2026-13-01" (应为 expected YYYY-MM-DD)',
  },
  {
    what: 'a day without its name',
    run: () => validateLayer(layer({ days: [{ date: '2026-05-01', isOffDay: true }] })),
    path: 'layer.days[0].name',
    problem: msg('text.nonEmpty'),
    zh: '应为非空文字',
    en: 'must be a non-empty string',
    both: '应为非空文字 must be a non-empty string',
  },
  {
    what: 'a day whose isOffDay is no boolean',
    run: () => validateLayer(layer({ days: [{ date: '2026-05-01', name: '休', isOffDay: 'yes' }] })),
    path: 'layer.days[0].isOffDay',
    problem: msg('calendar.data.boolean'),
    zh: '应为 true/false',
    en: 'expected a boolean',
    both: '应为 true/false expected a boolean',
  },
  {
    what: 'a day whose statutory is no boolean',
    run: () => validateLayer(layer({ days: [{ ...day('2026-05-01'), statutory: 1 }] })),
    path: 'layer.days[0].statutory',
    problem: msg('calendar.data.boolean'),
    zh: '应为 true/false',
    en: 'expected a boolean',
    both: '应为 true/false expected a boolean',
  },
  {
    what: 'a day listed as rest and as work',
    run: () => validateLayer(layer({ days: [day('2026-05-01'), day('2026-05-01', false)] })),
    path: 'layer.days[1].date',
    problem: msg('calendar.data.contradictoryDay', { date: '2026-05-01' }),
    zh: '2026-05-01 重复且矛盾',
    en: '2026-05-01 listed twice with different status',
    both: '2026-05-01 重复且矛盾 listed twice with different status',
  },
  {
    what: 'a year file with a key the format does not know',
    run: () => validateHolidayCnYear({ ...made2027, extra: 1 }, '2027.json'),
    path: '2027.json',
    problem: msg('calendar.data.yearFormat', { detail: 'must NOT have additional properties: extra' }),
    zh: '不符合年份文件格式（engine/calendar/year.schema.json）：must NOT have additional properties: extra',
    en: 'does not fit the year format (engine/calendar/year.schema.json): must NOT have additional properties: extra',
    both: '不符合年份文件格式 does not fit the year format (engine/calendar/year.schema.json): must NOT have additional properties: extra',
  },
  {
    what: 'a year file with a date that is no date',
    run: () => validateHolidayCnYear({ ...made2027, days: [day('2027-02-29')] }, '2027.json'),
    path: '2027.json.days[0].date',
    problem: msg('calendar.badDate', { value: '"2027-02-29"' }),
    zh: '不是有效日期："2027-02-29"（应为 YYYY-MM-DD）',
    en: 'not a valid date: "2027-02-29" (expected YYYY-MM-DD)',
    both: '不是有效日期 not a valid date: "2027-02-29" (应为 expected YYYY-MM-DD)',
  },
  {
    what: 'a year file with a day of another year',
    run: () => validateHolidayCnYear({ ...made2027, days: [day('2028-01-01')] }, '2027.json'),
    path: '2027.json.days[0].date',
    problem: msg('calendar.data.outsideYear', { date: '2028-01-01', year: 2027 }),
    zh: '2028-01-01 不属于 2027 年安排',
    en: '2028-01-01 does not belong to the 2027 arrangement',
    both: '2028-01-01 不属于 2027 年安排 does not belong to the 2027 arrangement',
  },
  {
    what: 'a year file with a day twice',
    run: () => validateHolidayCnYear({ ...made2027, days: [day('2027-01-01'), day('2027-01-01')] }, '2027.json'),
    path: '2027.json.days[1].date',
    problem: msg('calendar.data.dayTwice', { date: '2027-01-01' }),
    zh: '2027-01-01 重复',
    en: '2027-01-01 listed twice',
    both: '2027-01-01 重复 listed twice',
  },
  {
    what: 'one year given twice',
    run: () => nationalLayerFromHolidayCn([made2027, made2027]),
    path: 'holiday-cn',
    problem: msg('calendar.data.yearTwice', { year: 2027 }),
    zh: '2027 年重复',
    en: '2027 is given twice',
    both: '2027 年重复 year given twice',
  },
  {
    what: 'an import without its notice',
    run: () => checkImportable({ ...made2027, notices: [] }, '2027.json'),
    path: '2027.json.notices',
    problem: msg('calendar.data.noticeRequired', {
      example: '{"title": "国务院办公厅关于2027年部分节假日安排的通知", "number": "国办发明电〔2026〕N号", "url": "https://www.gov.cn/…"}',
    }),
    zh: '须写明来源通知，例如 {"title": "国务院办公厅关于2027年部分节假日安排的通知", "number": "国办发明电〔2026〕N号", "url": "https://www.gov.cn/…"}',
    en: 'the source notice is required, e.g. {"title": "国务院办公厅关于2027年部分节假日安排的通知", "number": "国办发明电〔2026〕N号", "url": "https://www.gov.cn/…"}',
    both: '须写明来源通知 the source notice is required, e.g. {"title": "国务院办公厅关于2027年部分节假日安排的通知", "number": "国办发明电〔2026〕N号", "url": "https://www.gov.cn/…"}',
  },
  {
    what: 'an import whose notice names another year',
    run: () => checkImportable({ ...made2027, notices: [{ title: '某通知', number: '国办发明电〔2026〕1号' }] }, '2027.json'),
    path: '2027.json.notices[0].title',
    problem: msg('calendar.data.noticeYear', { year: 2027, value: '"某通知"' }),
    zh: '通知标题应含年份 2027："某通知"',
    en: 'the title should name the year 2027: "某通知"',
    both: '通知标题应含年份 2027 the title should name the year: "某通知"',
  },
  {
    what: 'an import whose unverified notice has no url',
    run: () => checkImportable({ ...made2027, notices: [{ title: '2027 通知', number: null }] }, '2027.json'),
    path: '2027.json.notices[0]',
    problem: msg('calendar.data.noticeUrl'),
    zh: '文号未核实时须给出 url',
    en: 'a notice without a verified number needs its url',
    both: '文号未核实时须给出 url a notice without a verified number needs its url',
  },
  {
    what: 'an import with a statutory holiday at work',
    run: () => checkImportable({ ...made2027, days: made2027.days.filter((d) => d.date !== '2027-06-09') }, '2027.json'),
    path: '2027.json.days',
    problem: msg('calendar.data.statutoryNotOff', { date: '2027-06-09', name: '端午节' }),
    zh: '法定节假日 2027-06-09（端午节）未列为休息日（《全国年节及纪念日放假办法》第二条）',
    en: 'the statutory holiday 2027-06-09 (端午节) is not listed as a rest day (《全国年节及纪念日放假办法》第二条)',
    both: '法定节假日 2027-06-09（端午节）未列为休息日 the statutory holiday 2027-06-09 (端午节) is not listed as a rest day (《全国年节及纪念日放假办法》第二条)',
  },
];

describe('calendar data is refused with calendar.badData, its path and its problem', () => {
  it.each(cases)('$what', ({ run, path, problem, zh, en, both }) => {
    const e = refusal(run);
    expect(e.code).toBe('BAD_LAYER');
    expect(e.text).toEqual(msg('calendar.badData', { path, problem }));
    expect(render(e.text!, 'zh')).toBe(`日历数据错误，位于 ${path}：${zh}`);
    expect(render(e.text!, 'en')).toBe(`bad calendar data at ${path}: ${en}`);
    expect(e.message).toBe(`日历数据错误 bad calendar data at ${path}: ${both}`);
  });
});
