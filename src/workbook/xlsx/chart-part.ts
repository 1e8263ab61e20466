/**
 * A native Excel chart as package parts: a clustered bar chart (c:chartSpace) whose series and
 * categories refer to a sheet's cells (with their values cached, so that a reader that does not
 * recalculate still draws it), the drawing that anchors it on the sheet, and the sheet's
 * <drawing> element. The XML is built here; workbook.ts writes the parts and relationships.
 */
import { escapeAttr, escapeText } from "./xml";

const C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XDR_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";

export const CHART_REL_TYPE = `${R_NS}/chart`;
export const DRAWING_REL_TYPE = `${R_NS}/drawing`;
export const CHART_CONTENT_TYPE =
  "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
export const DRAWING_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml";

export interface ChartSeries {
  /** The series' name and the cell that holds it ("'Annual Summary'!$C$3"). */
  readonly name: string;
  readonly nameRef: string;
  /** The values' range, and the values themselves (null: no value, drawn as a gap). */
  readonly valuesRef: string;
  readonly values: readonly (number | null)[];
}

export interface BarChartSpec {
  readonly title: string;
  readonly categoriesRef: string;
  readonly categories: readonly string[];
  readonly series: readonly ChartSeries[];
  /** Where it sits: 0-based columns and rows of its top-left and bottom-right corners. */
  readonly from: { readonly col: number; readonly row: number };
  readonly to: { readonly col: number; readonly row: number };
}

const strCache = (values: readonly string[]): string =>
  `<c:strCache><c:ptCount val="${values.length}"/>${values
    .map((v, i) => `<c:pt idx="${i}"><c:v>${escapeText(v)}</c:v></c:pt>`)
    .join("")}</c:strCache>`;

const numCache = (values: readonly (number | null)[]): string =>
  `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${values
    .map((v, i) => (v === null ? "" : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`))
    .join("")}</c:numCache>`;

const CAT_AXIS = 500000001;
const VAL_AXIS = 500000002;

/** The chart part: horizontal bars, one group per category, one bar per series. */
export function barChartXml(spec: BarChartSpec): string {
  const series = spec.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
        `<c:tx><c:strRef><c:f>${escapeText(s.nameRef)}</c:f>${strCache([s.name])}</c:strRef></c:tx>` +
        `<c:invertIfNegative val="0"/>` +
        `<c:cat><c:strRef><c:f>${escapeText(spec.categoriesRef)}</c:f>${strCache(spec.categories)}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${escapeText(s.valuesRef)}</c:f>${numCache(s.values)}</c:numRef></c:val>` +
        `</c:ser>`
    )
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}">` +
    `<c:roundedCorners val="0"/>` +
    `<c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>${escapeText(spec.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}` +
    `<c:gapWidth val="80"/><c:axId val="${CAT_AXIS}"/><c:axId val="${VAL_AXIS}"/></c:barChart>` +
    // Categories top to bottom in the table's order.
    `<c:catAx><c:axId val="${CAT_AXIS}"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${VAL_AXIS}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${VAL_AXIS}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${CAT_AXIS}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>` +
    `</c:chart>` +
    `</c:chartSpace>`
  );
}

/** The drawing part: the chart (relationship `chartRelId`) anchored between two cells. */
export function chartDrawingXml(spec: BarChartSpec, chartRelId: string, name: string): string {
  const corner = (tag: string, p: { col: number; row: number }) =>
    `<xdr:${tag}><xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${XDR_NS}" xmlns:a="${A_NS}">` +
    `<xdr:twoCellAnchor editAs="oneCell">${corner("from", spec.from)}${corner("to", spec.to)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${escapeAttr(name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${C_NS}"><c:chart xmlns:c="${C_NS}" xmlns:r="${R_NS}" r:id="${escapeAttr(chartRelId)}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>` +
    `</xdr:wsDr>`
  );
}

/**
 * The worksheet with its <drawing r:id> in the schema's place: after the page setup and header
 * and footer, before the table parts and extensions. The sheet must declare the r namespace as
 * `r` (sheets the add-in writes do) and have no drawing yet.
 */
export function withDrawing(sheetXml: string, drawingRelId: string): string {
  if (/<drawing\b/.test(sheetXml)) throw new Error("the sheet already has a drawing");
  if (!/xmlns:r="/.test(sheetXml)) throw new Error("the sheet does not declare the r namespace");
  const el = `<drawing r:id="${escapeAttr(drawingRelId)}"/>`;
  for (const before of [
    "<legacyDrawing",
    "<legacyDrawingHF",
    "<picture",
    "<oleObjects",
    "<controls",
    "<webPublishItems",
    "<tableParts",
    "<extLst",
    "</worksheet>",
  ]) {
    const i = sheetXml.indexOf(before);
    if (i >= 0) return sheetXml.slice(0, i) + el + sheetXml.slice(i);
  }
  throw new Error("not a worksheet");
}
