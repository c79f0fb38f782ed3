import type { CallStatus, Channel } from '#shared/schemas/calls.ts';
import type { MinistrySpec, OfficialSpec } from './seed-store.ts';

// The February 2013 story of The Cable's article (SPEC's origin), as an
// analyst would have logged it from the readouts of the time. Names and
// titles are those of February 2013. Where a source gives no time of day,
// the time is a plausible one and the call's notes say so.

/** North Korea's third nuclear test: 11:57 KST on 12 February 2013. */
export const NORTH_KOREA_TEST_AT = '2013-02-12T02:57:00Z';

export const ORIGIN_ARTICLE = 'https://foreignpolicy.com/2013/02/15/russias-foreign-minister-still-hasnt-called-kerry-back/';
const CABLE_FEB_13 = 'https://foreignpolicy.com/2013/02/13/russian-foreign-minister-wont-return-kerrys-call/';

export type DemoMinistryKey = 'state' | 'mfaRussia' | 'mofaJapan' | 'mfaChina' | 'mofaKorea';

export const DEMO_MINISTRIES: Record<DemoMinistryKey, MinistrySpec> = {
  state: { name: 'U.S. Department of State', shortName: 'State Dept', country: 'US' },
  mfaRussia: { name: 'Ministry of Foreign Affairs of the Russian Federation', shortName: 'MFA Russia', country: 'RU' },
  mofaJapan: { name: 'Ministry of Foreign Affairs of Japan', shortName: 'Japan MOFA', country: 'JP' },
  mfaChina: { name: "Ministry of Foreign Affairs of the People's Republic of China", shortName: 'China MFA', country: 'CN' },
  // Called the Ministry of Foreign Affairs and Trade until 23 March 2013; kept
  // under today's name so the story and later calls share one ministry.
  mofaKorea: { name: 'Ministry of Foreign Affairs of the Republic of Korea', shortName: 'ROK MOFA', country: 'KR' },
};

export const DEMO_OFFICIALS: (OfficialSpec & { ministry: DemoMinistryKey })[] = [
  { ministry: 'state', name: 'John Kerry', title: 'Secretary of State', timeZone: 'America/New_York' },
  { ministry: 'state', name: 'Victoria Nuland', title: 'Spokesperson', timeZone: 'America/New_York' },
  { ministry: 'state', name: 'Wendy Sherman', title: 'Under Secretary of State for Political Affairs', timeZone: 'America/New_York' },
  { ministry: 'state', name: 'Glyn Davies', title: 'Special Representative for North Korea Policy', timeZone: 'America/New_York' },
  { ministry: 'mfaRussia', name: 'Sergei Lavrov', title: 'Minister of Foreign Affairs', timeZone: 'Europe/Moscow' },
  { ministry: 'mfaRussia', name: 'Sergei Ryabkov', title: 'Deputy Minister of Foreign Affairs', timeZone: 'Europe/Moscow' },
  { ministry: 'mfaRussia', name: 'Igor Morgulov', title: 'Deputy Minister of Foreign Affairs', timeZone: 'Europe/Moscow' },
  { ministry: 'mfaRussia', name: 'Alexander Lukashevich', title: 'Spokesperson, Director of the Information and Press Department', timeZone: 'Europe/Moscow' },
  { ministry: 'mofaJapan', name: 'Fumio Kishida', title: 'Minister for Foreign Affairs', timeZone: 'Asia/Tokyo' },
  { ministry: 'mfaChina', name: 'Yang Jiechi', title: 'Minister of Foreign Affairs', timeZone: 'Asia/Shanghai' },
  { ministry: 'mfaChina', name: 'Hong Lei', title: 'Spokesperson', timeZone: 'Asia/Shanghai' },
  { ministry: 'mfaChina', name: 'Wu Dawei', title: 'Special Representative for Korean Peninsula Affairs', timeZone: 'Asia/Shanghai' },
  { ministry: 'mofaKorea', name: 'Kim Sung-hwan', title: 'Minister of Foreign Affairs and Trade', timeZone: 'Asia/Seoul' },
  { ministry: 'mofaKorea', name: 'Lim Sung-nam', title: 'Special Representative for Korean Peninsula Peace and Security Affairs', timeZone: 'Asia/Seoul' },
  // Took office on 11 March 2013, after the story; no calls of the story involve him.
  { ministry: 'mofaKorea', name: 'Yun Byung-se', title: 'Minister of Foreign Affairs', timeZone: 'Asia/Seoul' },
];

export interface DemoCall {
  caller: string;
  callee: string;
  placedAt: string;
  channel: Channel;
  topic: string;
  notes: string;
  source: string;
  status: CallStatus;
  respondedAt: string | null;
}

export const DEMO_CALLS: DemoCall[] = [
  // Kerry's first round after taking office on 1 February 2013.
  {
    caller: 'John Kerry',
    callee: 'Fumio Kishida',
    placedAt: '2013-02-03T13:30:00Z',
    channel: 'phone',
    topic: 'North Korea: consequences of a third nuclear test; the Japan–U.S. alliance',
    notes: 'About 30 minutes, "late Sunday" Tokyo time (hour approximate). Agreed Pyongyang would face significant consequences if it tested.',
    source: 'https://www.asiaone.com/News/Latest%2BNews/World/Story/A1Story20130205-400104.html',
    status: 'answered',
    respondedAt: '2013-02-03T13:30:00Z',
  },
  {
    caller: 'John Kerry',
    callee: 'Kim Sung-hwan',
    placedAt: '2013-02-04T13:00:00Z',
    channel: 'phone',
    topic: 'North Korea: coordination on UN Security Council Resolution 2087',
    notes: 'Reported alongside the call with Japan; day and hour approximate. Confirmed both nations would work closely on North Korea.',
    source: 'https://www.asiaone.com/News/Latest%2BNews/World/Story/A1Story20130205-400104.html',
    status: 'answered',
    respondedAt: '2013-02-04T13:00:00Z',
  },
  {
    caller: 'John Kerry',
    callee: 'Yang Jiechi',
    placedAt: '2013-02-05T14:00:00Z',
    channel: 'phone',
    topic: "North Korea's provocative rhetoric and 'further consequences' under Resolution 2087",
    notes: 'Nuland: the three conversations with Japan, Korea and China were "remarkably similar". Hour approximate.',
    source: 'https://blouinnews.com/46919/story/us-china-top-diplomats-talk-nkorea',
    status: 'answered',
    respondedAt: '2013-02-05T14:00:00Z',
  },
  {
    caller: 'John Kerry',
    callee: 'Sergei Lavrov',
    placedAt: '2013-02-06T14:30:00Z',
    channel: 'phone',
    topic: 'Keeping the bilateral channel open',
    notes: 'Nuland (Feb. 6): they agreed to work hard on both sides to maintain the bilateral channel, keep lines of communication open and be frank about disagreements. Their only call before the test. Hour approximate.',
    source: ORIGIN_ARTICLE,
    status: 'answered',
    respondedAt: '2013-02-06T14:30:00Z',
  },
  // After the test (Monday evening in Washington, Tuesday morning in Asia).
  {
    caller: 'John Kerry',
    callee: 'Kim Sung-hwan',
    placedAt: '2013-02-12T12:15:00Z',
    channel: 'phone',
    topic: "North Korea's third nuclear test: a swift, credible UN Security Council response",
    notes: 'Kerry (Feb. 13): "I called Foreign Minister Kim of South Korea". Hour approximate.',
    source: CABLE_FEB_13,
    status: 'answered',
    respondedAt: '2013-02-12T12:15:00Z',
  },
  {
    caller: 'John Kerry',
    callee: 'Fumio Kishida',
    placedAt: '2013-02-12T12:50:00Z',
    channel: 'phone',
    topic: "North Korea's third nuclear test: a new UN Security Council resolution",
    notes: 'From 9:50 p.m. Tokyo time for about 20 minutes. Kishida thanked Kerry for the U.S. defense commitment restated by President Obama.',
    source: 'https://www.mofa.go.jp/announce/announce/2013/2/0212_05.html',
    status: 'answered',
    respondedAt: '2013-02-12T12:50:00Z',
  },
  {
    caller: 'John Kerry',
    callee: 'Yang Jiechi',
    placedAt: '2013-02-12T14:00:00Z',
    channel: 'phone',
    topic: "North Korea's third nuclear test",
    notes: '"Late Tuesday" Beijing time (hour approximate). Yang: keep to a peaceful solution within the six-party talks and prevent escalation.',
    source: 'http://www.chinadaily.com.cn/china/2013-02/12/content_16221158.htm',
    status: 'answered',
    respondedAt: '2013-02-12T14:00:00Z',
  },
  {
    caller: 'John Kerry',
    callee: 'Sergei Lavrov',
    placedAt: '2013-02-12T15:00:00Z',
    channel: 'phone',
    topic: "North Korea's third nuclear test",
    notes:
      'No answer: Lavrov was travelling in Africa (South Africa, Mozambique, Algeria, Guinea). Kerry made clear again on Feb. 13 that he was ready to talk; on Feb. 15 The Cable counted more than 72 hours without a call back. Hour approximate.',
    source: `${ORIGIN_ARTICLE} ; ${CABLE_FEB_13}`,
    status: 'awaiting',
    respondedAt: null,
  },
  // Meanwhile the other capitals talked to each other.
  {
    caller: 'Yang Jiechi',
    callee: 'Kim Sung-hwan',
    placedAt: '2013-02-13T07:00:00Z',
    channel: 'phone',
    topic: 'The situation on the Korean Peninsula after the test',
    notes: 'Xinhua did not say who placed the call; hour approximate.',
    source: 'http://www.chinadaily.com.cn/china/2013-02/13/content_16222036.htm',
    status: 'answered',
    respondedAt: '2013-02-13T07:00:00Z',
  },
  {
    caller: 'Yang Jiechi',
    callee: 'Sergei Lavrov',
    placedAt: '2013-02-14T10:00:00Z',
    channel: 'phone',
    topic: "North Korea's third nuclear test",
    notes: 'Lavrov took this call while Kerry\'s was still unreturned. Xinhua did not say who placed it; hour approximate. Agreed to stay in close contact.',
    source: 'http://www.chinadaily.com.cn/china/2013-02/14/content_16223593.htm',
    status: 'answered',
    respondedAt: '2013-02-14T10:00:00Z',
  },
];
