import type { CallStatus, Channel } from '../schemas/calls.ts';
import type { Outcome } from './call-status.ts';

// How statuses, outcomes and channels read to an analyst: one set of words
// for every screen (and for anything else that names them in English).

export const STATUS_LABELS: Record<CallStatus, string> = {
  awaiting: 'Awaiting',
  answered: 'Answered',
  returned: 'Returned',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};

/** What each outcome means, as a short phrase after its label ("Returned — called back later"). */
export const OUTCOME_MEANINGS: Record<Outcome, string> = {
  returned: 'called back later',
  answered: 'took the call when it was placed',
  declined: 'replied they will not talk',
  withdrawn: 'we stopped waiting',
};

/** The label of an outcome's status time: "Answered at", "Returned at", … */
export const STATUS_TIME_LABELS: Record<Outcome, string> = {
  answered: 'Answered at',
  returned: 'Returned at',
  declined: 'Declined at',
  withdrawn: 'Withdrawn at',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: 'Phone',
  video: 'Video',
  message: 'Message',
  in_person: 'In person',
  other: 'Other',
};
