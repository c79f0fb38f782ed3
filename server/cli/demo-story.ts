import { CABLE_FEB_13, NORTH_KOREA_TEST_AT, ORIGIN_ARTICLE, demoCall, type DemoEpisode } from './demo-data.ts';

// The episodes of the published story (The Cable, Feb. 13 and 15, 2013, and
// the readouts it cites). Where a source gives no time of day, the time is a
// plausible one and the call's notes say so.

const ASIAONE = 'https://www.asiaone.com/News/Latest%2BNews/World/Story/A1Story20130205-400104.html';

export const STORY_EPISODES: DemoEpisode[] = [
  {
    title: "Secretary Kerry's first calls",
    trigger: 'John Kerry takes office as Secretary of State',
    triggerAt: '2013-02-01T20:00:00Z',
    initiator: 'John Kerry',
    calls: [
      demoCall(
        'Fumio Kishida',
        '2013-02-03T13:30:00Z',
        'North Korea: consequences of a third nuclear test; the Japan–U.S. alliance',
        { status: 'answered' },
        'About 30 minutes, "late Sunday" Tokyo time (hour approximate). Agreed Pyongyang would face significant consequences if it tested.',
        { source: ASIAONE },
      ),
      demoCall(
        'Kim Sung-hwan',
        '2013-02-04T13:00:00Z',
        'North Korea: coordination on UN Security Council Resolution 2087',
        { status: 'answered' },
        'Reported alongside the call with Japan; day and hour approximate. Confirmed both nations would work closely on North Korea.',
        { source: ASIAONE },
      ),
      demoCall(
        'Yang Jiechi',
        '2013-02-05T14:00:00Z',
        "North Korea's provocative rhetoric and 'further consequences' under Resolution 2087",
        { status: 'answered' },
        'Nuland: the three conversations with Japan, Korea and China were "remarkably similar". Hour approximate.',
        { source: 'https://blouinnews.com/46919/story/us-china-top-diplomats-talk-nkorea' },
      ),
      demoCall(
        'Sergei Lavrov',
        '2013-02-06T14:30:00Z',
        'Keeping the bilateral channel open',
        { status: 'answered' },
        'Nuland (Feb. 6): they agreed to work hard on both sides to maintain the bilateral channel, keep lines of communication open and be frank about disagreements. Their only call before the test. Hour approximate.',
        { source: ORIGIN_ARTICLE },
      ),
    ],
  },
  {
    // Monday evening in Washington, Tuesday morning in Asia.
    title: 'DPRK nuclear test',
    trigger: "North Korea's third nuclear test",
    triggerAt: NORTH_KOREA_TEST_AT,
    initiator: 'John Kerry',
    calls: [
      demoCall(
        'Kim Sung-hwan',
        '2013-02-12T12:15:00Z',
        "North Korea's third nuclear test: a swift, credible UN Security Council response",
        { status: 'answered' },
        'Kerry (Feb. 13): "I called Foreign Minister Kim of South Korea". Hour approximate.',
        { source: CABLE_FEB_13 },
      ),
      demoCall(
        'Fumio Kishida',
        '2013-02-12T12:50:00Z',
        "North Korea's third nuclear test: a new UN Security Council resolution",
        { status: 'answered' },
        'From 9:50 p.m. Tokyo time for about 20 minutes. Kishida thanked Kerry for the U.S. defense commitment restated by President Obama.',
        { source: 'https://www.mofa.go.jp/announce/announce/2013/2/0212_05.html' },
      ),
      demoCall(
        'Yang Jiechi',
        '2013-02-12T14:00:00Z',
        "North Korea's third nuclear test",
        { status: 'answered' },
        '"Late Tuesday" Beijing time (hour approximate). Yang: keep to a peaceful solution within the six-party talks and prevent escalation.',
        { source: 'http://www.chinadaily.com.cn/china/2013-02/12/content_16221158.htm' },
      ),
      demoCall(
        'Sergei Lavrov',
        '2013-02-12T15:00:00Z',
        "North Korea's third nuclear test",
        { status: 'awaiting' },
        'No answer: Lavrov was travelling in Africa (South Africa, Mozambique, Algeria, Guinea). Kerry made clear again on Feb. 13 that he was ready to talk; on Feb. 15 The Cable counted more than 72 hours without a call back. Hour approximate.',
        {
          source: `${ORIGIN_ARTICLE} ; ${CABLE_FEB_13}`,
          // The second try: the wait still runs from the first, on the 12th.
          attempts: [{ at: '2013-02-13T16:00:00Z', channel: 'message', notes: 'Kerry made clear again that he was ready to talk (The Cable, Feb. 13). Hour approximate.' }],
        },
      ),
    ],
  },
  {
    // Meanwhile the other capitals talked to each other.
    title: "Beijing's calls after the test",
    trigger: "North Korea's third nuclear test",
    triggerAt: NORTH_KOREA_TEST_AT,
    initiator: 'Yang Jiechi',
    calls: [
      demoCall(
        'Kim Sung-hwan',
        '2013-02-13T07:00:00Z',
        'The situation on the Korean Peninsula after the test',
        { status: 'answered' },
        'Xinhua did not say who placed the call; hour approximate.',
        { source: 'http://www.chinadaily.com.cn/china/2013-02/13/content_16222036.htm' },
      ),
      demoCall(
        'Sergei Lavrov',
        '2013-02-14T10:00:00Z',
        "North Korea's third nuclear test",
        { status: 'answered' },
        "Lavrov took this call while Kerry's was still unreturned. Xinhua did not say who placed it; hour approximate. Agreed to stay in close contact.",
        { source: 'http://www.chinadaily.com.cn/china/2013-02/14/content_16223593.htm' },
      ),
    ],
  },
];
