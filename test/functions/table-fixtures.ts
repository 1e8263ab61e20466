/**
 * Victim Leads, Materials Distributed and Media Canvass ranges as Excel hands them to a custom
 * function (serial dates, blanks as null / "" / 0), with an outreach log for the agency match.
 */
import { LEAD_HEADERS } from "../../src/core/leads";
import { MATERIAL_HEADERS } from "../../src/core/materials";
import { MEDIA_HEADERS } from "../../src/core/media";
import { readLog } from "../../src/core/log";
import { analyzeTables } from "../../src/core/office-tables";
import { parsePeriod } from "../../src/core/period";
import { leNew, ngoNew } from "../consolidate/builders";
import { HEADERS, Row, serial1900 as s } from "./fixtures";

export type Blanks = "null" | "empty" | "zero";
const blank = (b: Blanks): null | "" | 0 => (b === "null" ? null : b === "empty" ? "" : 0);
const fill = (rows: Row[], b: Blanks): Row[] => rows.map((r) => r.map((v) => v ?? blank(b)));

/** Leads of FY2007: Q3 holds five (one invalid), Q2 two; waits 4, 8, 20 and 2 days. */
export function leadsRange(b: Blanks = "null"): Row[] {
  return fill(
    [
      [...LEAD_HEADERS],
      [
        s(2007, 4, 10),
        "ngo",
        "SAFE HARBOR shelter.",
        "interview request",
        s(2007, 4, 14),
        "Y",
        null,
      ],
      [s(2007, 5, 2), "Tip Line", "NHTRC", "Victim Information", s(2007, 5, 10), "N", null],
      [s(2007, 5, 1), "Federal Agency", "FBI", "Other Lead", null, null, null],
      [s(2007, 6, 1), "Neighbour", "Metro PD", "Other Lead", null, null, null], // unknown source
      [
        s(2007, 6, 3),
        "State/Local",
        "Metro Police Department",
        "Other",
        s(2007, 6, 23),
        null,
        null,
      ],
      [s(2007, 1, 5), "Informant", "CI-7", "Victim Information", s(2007, 1, 7), "Y", null],
      [s(2007, 2, 5), "NGO", "Safe Harbor Shelter", "Interview", null, null, null],
    ],
    b
  );
}

/** The office's log: Safe Harbor reached on 3/1, Metro PD on 4/12. */
export function leadsLog(): Row[] {
  return [
    [...HEADERS],
    ngoNew(s(2007, 3, 1), "Safe Harbor Shelter"),
    leNew(s(2007, 4, 12), "Local", "Metro Police Department"),
  ];
}

/** What `tips report` computes on the same cells: analyzeTables, the log's valid rows. */
export function engineTables(period: string, withLog = true) {
  const log = withLog ? readLog({ values: leadsLog(), header: "required" }).entries : [];
  return analyzeTables({
    leads: { values: leadsRange() },
    materials: { values: materialsRange() },
    media: { values: mediaRange() },
    log,
    period: parsePeriod(period),
    leadResponseDays: 30,
  });
}

export function materialsRange(b: Blanks = "null"): Row[] {
  return fill(
    [
      [...MATERIAL_HEADERS],
      [s(2007, 4, 12), "Metro Police Department", "Wallet Card", "Spanish", 100],
      [s(2007, 5, 12), "Safe Harbor Shelter", "wallet card", "english", 40],
      [s(2007, 2, 1), "Safe Harbor Shelter", "Brochure", null, 20],
      [s(2007, 5, 20), "County Jail", "Roll Call DVD", null, 2],
      [s(2007, 5, 21), "County Jail", "Wallet Card", null, 10], // no language: not counted
    ],
    b
  );
}

export function mediaRange(b: Blanks = "null"): Row[] {
  return fill(
    [
      [...MEDIA_HEADERS],
      [s(2007, 5, 3), "El Diario", "Mexico", "Labor", "Y", s(2007, 5, 9)],
      [s(2007, 4, 20), "La Prensa", "Honduras", "Education", "N", null],
      [s(2006, 12, 1), "Novaya Gazeta", "Russia", "Travel", "Y", s(2006, 12, 10)],
    ],
    b
  );
}
