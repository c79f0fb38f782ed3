import type { StatsClock } from '#shared/schemas/stats.ts';

/** Why two medians, and which clock they are on: the note analysts need before quoting either. */
export function SurvivalNote({ clock = 'wall' }: { clock?: StatsClock }) {
  return (
    <aside className="stats-note" aria-label="Why two medians">
      <p>
        <strong>Why two medians?</strong> The <em>median reply</em> looks only at calls that got a reply, so a ministry that simply leaves its awkward calls
        unanswered looks fast. The <em>survival median</em> (Kaplan–Meier) keeps every call in the count for as long as it was watched — calls still awaiting
        and calls withdrawn count as “no reply yet” up to that moment — and gives the time by which half of <em>all</em> calls had a reply.
      </p>
      <p className="muted">
        It is longer than the plain median, or “not reached” when fewer than half of the calls may ever get a reply. The whisker is its 95% confidence
        interval (Greenwood, log-log, as R’s survival package reports it); an open whisker means the data does not bound it yet.
      </p>
      {clock === 'working' ? (
        <p>
          <strong>Counterpart’s working hours.</strong> Every figure here counts only the part of each wait that fell in the callee’s working hours — their
          ministry’s hours, in their own time zone — leaving out weekends, their public and extra holidays, and their recorded absences. A call made on
          Friday evening and returned on Monday morning took a couple of working hours, not 60. “24 h” and “72 h” become 24 and 72 working hours (about three
          and nine working days). Compare with the wall clock to see how much of a wait was the counterpart being away or off duty.
        </p>
      ) : (
        <p className="muted">
          Times are on the wall clock. Switch to the counterpart’s working hours to leave out nights, weekends, holidays and absences.
        </p>
      )}
    </aside>
  );
}
