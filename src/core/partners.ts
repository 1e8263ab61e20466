/**
 * Who the outreach log reached, and when: the agencies of its valid rows (compared by agencyKey,
 * case, spacing and punctuation ignored), for the tables that point back at it. A lead from an
 * outreach partner is one whose Referring Agency the log reached on or before the lead came in;
 * materials are expected on a day the log shows outreach to that agency.
 */
import { Day } from "./dates";
import { agencyKey } from "./words";

/** What the log's rows must give: an agency and a date (a LogEntry has both). */
export interface Contact {
  readonly agency: string;
  readonly date: Day;
}

export class OutreachPartners {
  private readonly first = new Map<string, Day>();
  private readonly days = new Map<string, Set<Day>>();

  constructor(contacts: readonly Contact[]) {
    for (const c of contacts) {
      const key = agencyKey(c.agency);
      const d = this.first.get(key);
      if (d === undefined || c.date < d) this.first.set(key, c.date);
      let days = this.days.get(key);
      if (!days) this.days.set(key, (days = new Set()));
      days.add(c.date);
    }
  }

  /** The log has a row for this agency dated on or before `day`. */
  reachedBy(agency: string, day: Day): boolean {
    const d = this.first.get(agencyKey(agency));
    return d !== undefined && d <= day;
  }

  /** The log has a row for this agency dated `day`. */
  reachedOn(agency: string, day: Day): boolean {
    return this.days.get(agencyKey(agency))?.has(day) ?? false;
  }
}
