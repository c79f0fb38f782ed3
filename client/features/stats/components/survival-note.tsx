/** Why two medians: the note analysts need before quoting either. */
export function SurvivalNote() {
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
    </aside>
  );
}
