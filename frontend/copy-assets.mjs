// Copies the GOV.UK Frontend images next to the compiled stylesheet. Its script is not
// copied: every page works without JavaScript, and nothing would load it.
// Fonts are not copied: the GDS Transport typeface is licensed for GOV.UK only.
import { cpSync, mkdirSync } from "node:fs";

const source = "node_modules/govuk-frontend/dist/govuk";
const target = "../localoffer/static/govuk";
mkdirSync(`${target}/assets`, { recursive: true });
cpSync(`${source}/assets/images`, `${target}/assets/images`, { recursive: true });
