/**
 * A new sheet described as data, so that `tips init`, the task pane's "Set up this workbook" and
 * the national workbook are built by one description whichever adapter renders it.
 */

export interface CellStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly size?: number;
  /** Background, "RRGGBB". */
  readonly fill?: string;
  readonly border?: "thin";
  readonly numFmt?: string;
  readonly wrap?: boolean;
  readonly align?: "left" | "center" | "right";
  readonly indent?: number;
}

export interface SpecCell {
  readonly row: number;
  readonly col: number;
  readonly value: string | number | boolean | null;
  readonly style?: CellStyle;
}

export interface SheetSpec {
  readonly name: string;
  readonly cells: readonly SpecCell[];
  readonly columnWidths?: readonly { col: number; width: number }[];
  /** Heights in points of rows that need one (wrapped text prints whole only at its height). */
  readonly rowHeights?: readonly { row: number; height: number }[];
  /** A1 ranges such as "A1:C1". */
  readonly merges?: readonly string[];
  /** Drop-down lists: each cell of `ref` accepts only the listed values. */
  readonly dataValidations?: readonly { ref: string; list: readonly string[] }[];
  readonly table?: { name: string; ref: string; columns: readonly string[]; style?: string };
  readonly headerFooter?: { oddHeader: string; oddFooter: string };
  /** Freeze the rows above and the columns left of this cell. */
  readonly freeze?: { row: number; col: number };
}

/** The marking every sheet the add-in creates carries, in its header and footer. */
export const LES_MARKING = "LAW ENFORCEMENT SENSITIVE / FOR OFFICIAL USE ONLY";
export const LES_HEADER_FOOTER = {
  oddHeader: `&C&"-,Bold"${LES_MARKING}`,
  oddFooter: `&L${LES_MARKING}&RPage &P of &N`,
} as const;
