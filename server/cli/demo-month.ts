import { ILLUSTRATIVE, NORTH_KOREA_TEST_AT, demoCall, type DemoEpisode } from './demo-data.ts';

// The month around the story at working level: envoys, deputies and press
// offices, so every ministry has enough calls for its curves and the replies
// take as long as such replies do (Seoul and Tokyo within hours, Beijing
// about a day, Moscow days). The events are real; the calls are illustrative
// and say so. Times are UTC, in the callees' working day where it matters.

const THE_CABLE_AT = '2013-02-15T14:00:00Z';
const ABE_VISIT = "Prime Minister Abe's visit to Washington (22 February) and Kerry's first trip abroad (from 24 February)";

export const MONTH_EPISODES: DemoEpisode[] = [
  {
    title: "The envoys' follow-up on the test",
    trigger: "North Korea's third nuclear test",
    triggerAt: NORTH_KOREA_TEST_AT,
    initiator: 'Glyn Davies',
    calls: [
      demoCall('Lim Sung-nam', '2013-02-12T13:30:00Z', 'The test: what Seoul knows, and the six-party track', { status: 'returned', afterH: 2.5 }, ILLUSTRATIVE),
      demoCall('Shinsuke Sugiyama', '2013-02-12T14:10:00Z', 'The test: Japanese measures and the Security Council', { status: 'returned', afterH: 9 }, ILLUSTRATIVE),
      demoCall('Wu Dawei', '2013-02-12T14:40:00Z', "The test: Beijing's message to Pyongyang", { status: 'returned', afterH: 20 }, ILLUSTRATIVE),
      demoCall('Igor Morgulov', '2013-02-12T15:20:00Z', 'The test: Russian views on a Security Council answer', { status: 'returned', afterH: 52 }, ILLUSTRATIVE),
      demoCall('Shinsuke Sugiyama', '2013-02-13T23:00:00Z', "Japan's own measures against Pyongyang", { status: 'returned', afterH: 3.5 }, ILLUSTRATIVE),
    ],
  },
  {
    title: "Seoul's envoy reports back",
    trigger: "North Korea's third nuclear test",
    triggerAt: NORTH_KOREA_TEST_AT,
    initiator: 'Lim Sung-nam',
    calls: [
      demoCall('Glyn Davies', '2013-02-13T01:00:00Z', 'Readout of Seoul’s contacts with Beijing', { status: 'returned', afterH: 7 }, ILLUSTRATIVE),
      demoCall('Glyn Davies', '2013-02-20T02:00:00Z', 'Sanctions in the draft resolution', { status: 'returned', afterH: 9.5 }, ILLUSTRATIVE),
    ],
  },
  {
    title: 'Drafting a Security Council resolution',
    trigger: 'UN Security Council consultations on a resolution answering the test',
    triggerAt: '2013-02-14T14:00:00Z',
    initiator: 'Wendy Sherman',
    calls: [
      demoCall('Sergei Ryabkov', '2013-02-14T15:00:00Z', 'The draft resolution: Russian concerns', { status: 'returned', afterH: 21 }, ILLUSTRATIVE),
      demoCall('Kim Sung-hwan', '2013-02-14T23:30:00Z', 'The draft resolution: financial measures', { status: 'returned', afterH: 4 }, ILLUSTRATIVE),
      demoCall('Shinsuke Sugiyama', '2013-02-15T00:00:00Z', 'The draft resolution: cargo inspections', { status: 'returned', afterH: 3 }, ILLUSTRATIVE),
      demoCall('Wu Dawei', '2013-02-15T01:00:00Z', 'The draft resolution: what Beijing can accept', { status: 'returned', afterH: 30 }, ILLUSTRATIVE),
      demoCall(
        'Igor Morgulov',
        '2013-02-15T15:30:00Z',
        'The draft resolution: a call before the New York talks',
        { status: 'declined', afterH: 46 },
        `Declined: Moscow would discuss the text only in New York. ${ILLUSTRATIVE}`,
      ),
    ],
  },
  {
    title: "Press questions after The Cable's story",
    trigger: 'The Cable reports that Lavrov has not called Kerry back',
    triggerAt: THE_CABLE_AT,
    initiator: 'Victoria Nuland',
    calls: [
      demoCall('Alexander Lukashevich', '2013-02-15T16:00:00Z', 'What to say about the Kerry–Lavrov call', { status: 'returned', afterH: 18 }, ILLUSTRATIVE, { channel: 'message' }),
      demoCall(
        'Hong Lei',
        '2013-02-15T16:30:00Z',
        "Beijing's line on the test for the daily briefing",
        { status: 'withdrawn', afterH: 26 },
        `Withdrawn: no longer needed once Beijing's line was public. ${ILLUSTRATIVE}`,
        { channel: 'message' },
      ),
      demoCall('Hong Lei', '2013-02-19T14:00:00Z', 'Six-party talks: wording for the briefings', { status: 'returned', afterH: 15 }, ILLUSTRATIVE, { channel: 'message' }),
    ],
  },
  {
    title: "Moscow's press office answers",
    trigger: 'The Cable reports that Lavrov has not called Kerry back',
    triggerAt: THE_CABLE_AT,
    initiator: 'Alexander Lukashevich',
    calls: [demoCall('Victoria Nuland', '2013-02-16T10:00:00Z', "The minister's travels in Africa", { status: 'returned', afterH: 30 }, `A Saturday in Washington. ${ILLUSTRATIVE}`)],
  },
  {
    title: "Beijing's envoy after the test",
    trigger: "North Korea's third nuclear test",
    triggerAt: NORTH_KOREA_TEST_AT,
    initiator: 'Wu Dawei',
    calls: [demoCall('Glyn Davies', '2013-02-18T02:00:00Z', 'Resuming the six-party talks', { status: 'returned', afterH: 13 }, ILLUSTRATIVE)],
  },
  {
    title: "Tokyo prepares the Prime Minister's visit",
    trigger: ABE_VISIT,
    triggerAt: '2013-02-18T00:00:00Z',
    initiator: 'Shinsuke Sugiyama',
    calls: [
      demoCall('Glyn Davies', '2013-02-18T23:30:00Z', 'North Korea in the leaders’ statement', { status: 'returned', afterH: 5 }, ILLUSTRATIVE),
      demoCall('Wendy Sherman', '2013-02-19T23:00:00Z', 'The summit agenda', { status: 'returned', afterH: 14 }, ILLUSTRATIVE),
    ],
  },
  {
    title: "Setting up the Secretary's first trip",
    trigger: ABE_VISIT,
    triggerAt: '2013-02-19T14:00:00Z',
    initiator: 'Wendy Sherman',
    calls: [
      demoCall('Sergei Ryabkov', '2013-02-19T15:00:00Z', 'A meeting of the ministers during the trip', { status: 'returned', afterH: 44 }, ILLUSTRATIVE),
      demoCall('Igor Morgulov', '2013-02-20T08:00:00Z', "North Korea on the ministers' agenda", { status: 'returned', afterH: 26 }, ILLUSTRATIVE),
    ],
  },
  {
    title: "Kerry's calls before the summit and the trip",
    trigger: ABE_VISIT,
    triggerAt: '2013-02-20T12:00:00Z',
    initiator: 'John Kerry',
    calls: [
      demoCall('Fumio Kishida', '2013-02-20T12:00:00Z', "The Prime Minister's visit", { status: 'returned', afterH: 7 }, ILLUSTRATIVE),
      demoCall('Kim Sung-hwan', '2013-02-20T13:00:00Z', 'Continuity as the new government takes office in Seoul', { status: 'returned', afterH: 10 }, ILLUSTRATIVE),
      demoCall('Yang Jiechi', '2013-02-20T14:00:00Z', 'North Korea after the test', { status: 'returned', afterH: 20 }, ILLUSTRATIVE),
    ],
  },
  {
    title: 'Tokyo and Seoul press for sanctions',
    trigger: 'Japan and South Korea ask for financial sanctions in the draft resolution',
    triggerAt: '2013-02-21T12:00:00Z',
    initiator: 'Glyn Davies',
    calls: [
      demoCall('Lim Sung-nam', '2013-02-21T13:00:00Z', 'Financial sanctions in the draft', { status: 'returned', afterH: 1.5 }, ILLUSTRATIVE),
      demoCall('Shinsuke Sugiyama', '2013-02-21T13:30:00Z', 'Financial sanctions in the draft', { status: 'returned', afterH: 4 }, ILLUSTRATIVE),
      demoCall('Wu Dawei', '2013-02-21T14:00:00Z', 'Financial sanctions in the draft', { status: 'returned', afterH: 36 }, ILLUSTRATIVE),
    ],
  },
  {
    title: "President Park's inauguration",
    trigger: 'Park Geun-hye inaugurated President of the Republic of Korea',
    triggerAt: '2013-02-25T02:00:00Z',
    initiator: 'Glyn Davies',
    calls: [
      demoCall('Lim Sung-nam', '2013-02-25T05:00:00Z', "The new government's North Korea policy", { status: 'returned', afterH: 3 }, ILLUSTRATIVE),
      demoCall('Shinsuke Sugiyama', '2013-02-25T06:00:00Z', 'After the summit: North Korea in the joint statement', { status: 'returned', afterH: 6 }, ILLUSTRATIVE),
      demoCall('Wu Dawei', '2013-02-25T07:00:00Z', "Seoul's new government and the six-party talks", { status: 'returned', afterH: 28 }, ILLUSTRATIVE),
      demoCall('Igor Morgulov', '2013-02-25T09:00:00Z', "Seoul's new government and the six-party talks", { status: 'returned', afterH: 75 }, ILLUSTRATIVE),
    ],
  },
];
