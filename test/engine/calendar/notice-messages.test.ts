// A holiday arrangement's notice, as a deadline's basis line names it, is a message (issue #13):
// the English UI says "number not verified" in English, the title stays as published.
import { describe, expect, it } from 'vitest';
import { msg, type Message } from '../../../dsl/message.ts';
import { render, renderBoth } from '../../../dsl/messages.ts';
import { describeNotice } from '../../../engine/calendar/layer.ts';

const title = '国务院办公厅关于2025年部分节假日安排的通知';

describe('a notice named in a basis line', () => {
  it('with its document number: title and number as published, content in either language', () => {
    expect(describeNotice({ title, number: '国办发明电〔2024〕12号' })).toBe(`${title}（国办发明电〔2024〕12号）`);
  });

  it('without a verified number: time.noticeUnverified, in each language and both as before', () => {
    const m = describeNotice({ title, number: null });
    expect(m).toEqual(msg('time.noticeUnverified', { title }));
    expect(render(m as Message, 'zh')).toBe(`${title}（文号未核实）`);
    expect(render(m as Message, 'en')).toBe(`${title} (number not verified)`);
    expect(renderBoth(m as Message)).toBe(`${title}（文号未核实 number not verified）`);
  });
});
