// Loaded as a module file (not inline) so the Content-Security-Policy can forbid inline script.
import { initAll } from "./govuk-frontend.min.js";

initAll();
import "./member-typeahead.mjs";
