// A made-up 2027 arrangement in the import format, for tests only: the State Council's 2027
// notice is not out, so these days are invented (plausible, with every statutory holiday off).
const off = (name: string, ...dates: string[]) => dates.map((date) => ({ name, date, isOffDay: true }));
const work = (name: string, ...dates: string[]) => dates.map((date) => ({ name, date, isOffDay: false }));

export const made2027 = {
  year: 2027,
  papers: ['https://example.invalid/2027-made-up'],
  notices: [
    {
      title: '国务院办公厅关于2027年部分节假日安排的通知（测试用虚构 made up for tests）',
      number: null,
      url: 'https://example.invalid/2027-made-up',
    },
  ],
  days: [
    ...off('元旦', '2027-01-01', '2027-01-02', '2027-01-03'),
    ...off('春节', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'),
    ...work('春节', '2027-02-13'),
    ...off('清明节', '2027-04-03', '2027-04-04', '2027-04-05'),
    ...off('劳动节', '2027-05-01', '2027-05-02', '2027-05-03', '2027-05-04', '2027-05-05'),
    ...work('劳动节', '2027-05-08'),
    ...off('端午节', '2027-06-09'),
    ...off('中秋节', '2027-09-15'),
    ...work('国庆节', '2027-09-26'),
    ...off('国庆节', '2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'),
    ...work('国庆节', '2027-10-09'),
  ],
};
