/** Moving a shared formula to the next cell of its group shifts it as Excel's fill would. */
import { shiftFormula } from "../../src/workbook/xlsx/formula";

test.each([
  ["A2*2", 1, 0, "A3*2"],
  ["A2*2", 0, 1, "B2*2"],
  ["$A$2+A$2+$A2+A2", 2, 3, "$A$2+D$2+$A4+D4"],
  ["SUM(A1:B2)", 1, 1, "SUM(B2:C3)"],
  ["Sheet1!A1+'My Sheet'!B2", 1, 0, "Sheet1!A2+'My Sheet'!B3"],
  ['"A1"&A1&"it""s A1"', 1, 0, '"A1"&A2&"it""s A1"'],
  ["LOG10(A1)+ATAN2(A1,B1)", 1, 0, "LOG10(A2)+ATAN2(A2,B2)"],
  ["SUM(Table1[[#This Row],[A1]])+A1", 1, 0, "SUM(Table1[[#This Row],[A1]])+A2"],
  ["SUM(A:A)+SUM($B:C)", 0, 1, "SUM(B:B)+SUM($B:D)"],
  ["SUM(1:1)+SUM($2:3)", 1, 0, "SUM(2:2)+SUM($2:4)"],
  ["1.5E+3*A1", 1, 0, "1.5E+3*A2"],
  ["TRUE+A1", 0, -1, "TRUE+#REF!"],
])("%s moved by (%i, %i) is %s", (f, dr, dc, expected) => {
  expect(shiftFormula(f, dr, dc)).toBe(expected);
});
