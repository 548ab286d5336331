// Copies the browser files the app serves into the git-ignored triage/static folder.
// GOV.UK's fonts and crown images are deliberately not copied: this is not a GOV.UK service.
import { cpSync, mkdirSync } from "node:fs";

const out = "triage/static";
mkdirSync(`${out}/js`, { recursive: true });
mkdirSync(`${out}/assets/images`, { recursive: true });
cpSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", `${out}/js/govuk-frontend.min.js`);
cpSync("assets/js", `${out}/js`, { recursive: true });
cpSync("assets/images", `${out}/assets/images`, { recursive: true });
