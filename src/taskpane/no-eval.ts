/**
 * First module of the task pane's bundle. The pane's Content-Security-Policy has no 'unsafe-eval';
 * zod would probe for `new Function` (to compile fast object parsers), and the refused probe is
 * reported as a policy violation even though zod catches it. jitless: no probe, no compiled code.
 */
import { config } from "zod";

config({ jitless: true });
