// Words of the synthetic calls: what diplomats phone each other about, and
// what an analyst jots down. Plain lists, so searches (`q=ceasefire`) find a
// realistic share of calls.

export const TOPICS = [
  'North Korea ballistic missile launch',
  'North Korea nuclear programme and sanctions enforcement',
  'Ceasefire negotiations in Gaza',
  'Humanitarian corridors and aid access in Gaza',
  'Hostage release talks',
  'Black Sea grain exports and shipping safety',
  'Prisoner exchange arrangements',
  'Security of the Zaporizhzhia nuclear power plant',
  'UN Security Council draft resolution',
  'Vote at the UN General Assembly',
  'Red Sea shipping security',
  'Iran nuclear talks and IAEA access',
  'Sanctions coordination',
  'Export controls on advanced semiconductors',
  'Trade tariffs and retaliation',
  'Taiwan Strait military activity',
  'South China Sea incident at sea',
  'Sudan ceasefire and evacuation of nationals',
  'Sahel security and the withdrawal of foreign forces',
  'Consular access for a detained national',
  'Arrest warrant and extradition request',
  'Climate finance ahead of the COP',
  'Energy supplies and gas prices',
  'Critical minerals supply chains',
  'Debt restructuring talks',
  'Migration and border cooperation',
  'Preparations for a leaders’ summit',
  'G20 ministerial agenda',
  'NATO summit preparations',
  'Arms control and strategic stability talks',
  'Cyber attack attribution',
  'Expulsion of diplomats',
  'Visa restrictions on officials',
  'Election observation and results',
  'Earthquake relief and offers of assistance',
  'Pandemic preparedness agreement',
  'Syria transition and refugee returns',
  'Lebanon ceasefire monitoring',
  'Armenia–Azerbaijan peace treaty',
  'Kosovo–Serbia normalisation',
  'Venezuela election dispute',
  'Haiti security support mission',
  'Afghanistan humanitarian access',
  'Myanmar crisis and ASEAN consensus',
  'Arctic cooperation and shipping routes',
  'Fisheries dispute',
  'Space debris and anti-satellite tests',
  'Condolences after a terrorist attack',
  'Congratulations on taking office',
  'Bilateral visit planning',
] as const;

export const NOTES = [
  'Left a message with the duty officer.',
  'Requested a call at the minister’s earliest convenience.',
  'Office said the minister is travelling and will call back.',
  'Follow-up to the meeting on the margins of the UN General Assembly.',
  'Readout published the same day.',
  'No readout from the other side.',
  'Scheduled through the embassy.',
  'Interpreter present; about 30 minutes.',
  'Brief call; both sides agreed to stay in touch.',
  'Call requested by the other side’s chief of staff.',
  'Raised at the press briefing the next day.',
  'Secure line; details not public.',
  'Coordinated ahead of the Security Council vote.',
  'Part of a round of calls to regional counterparts.',
  'Earlier attempt the same day did not connect.',
] as const;

/** `%s` stands for the short name of the caller's or callee's ministry. */
export const SOURCES = [
  'Readout, %s',
  'Press briefing, %s spokesperson',
  'Statement on the %s website',
  'Embassy reporting',
  'Wire report (Reuters)',
  'Wire report (AP)',
  'Wire report (AFP)',
  'Social media post by the minister',
] as const;

/** How calls are placed: mostly by phone. */
export const CHANNEL_WEIGHTS = { phone: 0.6, message: 0.16, video: 0.12, in_person: 0.07, other: 0.05 } as const;

/** Of the calls that get a reply, the share taken as they come in, by channel. */
export const PICKUP_RATE = { phone: 0.45, message: 0, video: 0.65, in_person: 1, other: 0.3 } as const;
