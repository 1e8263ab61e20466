/**
 * The Excel workspace runs the pane's actions one at a time: the Office adapter remembers the
 * reads of the action running, and an action started meanwhile (the user presses Fill while the
 * workbook summary is being read) must read the workbook as it is then, not as it was.
 */
import { FakeExcel } from "../office/fake-excel";
import { OfficeAdapter } from "../../src/workbook/office-adapter";
import { ExcelWorkspace } from "../../src/taskpane/workspace";

test("a second action waits for the first, and reads what changed in between", async () => {
  const excel = new FakeExcel();
  const adapter = new OfficeAdapter({ run: excel.run, typedValues: true });
  await adapter.addSheet({ name: "Notes", cells: [{ row: 1, col: 1, value: "before" }] });
  const ws = new ExcelWorkspace(adapter);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const order: string[] = [];
  const first = ws.act(async () => {
    const v = (await adapter.readSheet("Notes")).values[0][0];
    order.push(`first read ${String(v)}`);
    await gate; // still running
    order.push("first done");
  });
  // Let the first action read, then change the cell as a user would in Excel.
  while (order.length === 0) await new Promise((r) => setTimeout(r, 1));
  excel.sheet("Notes").cell(1, 1)!.value = "after";
  const second = ws.act(async () => {
    const v = (await adapter.readSheet("Notes")).values[0][0];
    order.push(`second read ${String(v)}`);
    return v;
  });
  await new Promise((r) => setTimeout(r, 20));
  expect(order).toEqual(["first read before"]); // not started while the first runs
  release();
  await first;
  expect(await second).toBe("after");
  expect(order).toEqual(["first read before", "first done", "second read after"]);
  // A failed action does not stop the next.
  await expect(ws.act(() => Promise.reject(new Error("no")))).rejects.toThrow("no");
  expect(await ws.act(async () => 1)).toBe(1);
});
