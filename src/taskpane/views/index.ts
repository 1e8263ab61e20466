/** The pane's views, in tab order: the one place a view is added. */
import { annualView } from "./annual";
import { checkView } from "./check";
import { hqView } from "./hq";
import { logView } from "./log";
import { reportView } from "./report";
import { setupView } from "./setup";
import { tablesView } from "./tables";
import { View } from "./view";

export const VIEWS: readonly View[] = [
  logView,
  tablesView,
  checkView,
  reportView,
  hqView,
  annualView,
  setupView,
];
