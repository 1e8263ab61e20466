/**
 * HQ consolidation: the slot for the view that rolls the offices' returns up into the national
 * chart (core/consolidate.ts). Hidden until that view is written: replace `mount` and drop
 * `hidden`, and the pane offers its tab between "Quarterly report" and "Set up".
 */
import { h } from "../dom";
import { View } from "./view";

export const hqView: View = {
  id: "hq",
  label: "HQ",
  hidden: true,
  mount(panel) {
    panel.append(h("h2", {}, "HQ consolidation"), h("p", {}, "Not available yet."));
    return {};
  },
};
