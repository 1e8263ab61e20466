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

/**
 * Who reached an agency, asked for one row of a table (a lead, materials handed out): an office's
 * own log (OutreachPartners, whatever the row), or in the national workbook the log of the
 * office the row came from (OfficePartners).
 */
export interface Partners<E> {
  /** The log has a row for this agency dated on or before `day`. */
  reachedBy(agency: string, day: Day, entry: E): boolean;
  /** The log has a row for this agency dated `day`. */
  reachedOn(agency: string, day: Day, entry: E): boolean;
}

export class OutreachPartners implements Partners<unknown> {
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

/** A log row of a combined log: its office (already keyed: case and spacing as the caller's). */
export interface OfficeContact extends Contact {
  readonly office: string;
}

/**
 * The combined log of several offices, each row of a combined table matched to its own office's
 * log only: the national figures are then the sums of the offices' own.
 */
export class OfficePartners implements Partners<{ readonly row: number }> {
  private readonly byOffice = new Map<string, OutreachPartners>();

  /** `officeOfRow`: the office of a table's worksheet row (undefined: no office, no partner). */
  constructor(
    contacts: readonly OfficeContact[],
    private readonly officeOfRow: (row: number) => string | undefined
  ) {
    const groups = new Map<string, Contact[]>();
    for (const c of contacts) {
      const list = groups.get(c.office);
      if (list) list.push(c);
      else groups.set(c.office, [c]);
    }
    for (const [office, list] of groups) this.byOffice.set(office, new OutreachPartners(list));
  }

  private of(entry: { readonly row: number }): OutreachPartners | undefined {
    const office = this.officeOfRow(entry.row);
    return office === undefined ? undefined : this.byOffice.get(office);
  }

  reachedBy(agency: string, day: Day, entry: { readonly row: number }): boolean {
    return this.of(entry)?.reachedBy(agency, day) ?? false;
  }

  reachedOn(agency: string, day: Day, entry: { readonly row: number }): boolean {
    return this.of(entry)?.reachedOn(agency, day) ?? false;
  }
}
