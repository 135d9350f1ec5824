// Copies the GOV.UK Frontend images and script next to the compiled stylesheet.
// Fonts are not copied: the GDS Transport typeface is licensed for GOV.UK only.
import { cpSync, mkdirSync } from "node:fs";

const source = "node_modules/govuk-frontend/dist/govuk";
const target = "../localoffer/static/govuk";
mkdirSync(`${target}/assets`, { recursive: true });
cpSync(`${source}/assets/images`, `${target}/assets/images`, { recursive: true });
cpSync(`${source}/govuk-frontend.min.js`, `${target}/govuk-frontend.min.js`);
