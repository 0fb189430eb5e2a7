// pcplan: start GOV.UK Frontend's JavaScript.
// Load with: <script type="module" src="{% static 'pcplan/init.js' %}"></script>
// No inline script is needed (the Content Security Policy forbids them).
import { initAll } from "../govuk/govuk-frontend.min.js";

// GOV.UK Frontend 5 only initialises when <body> has "govuk-frontend-supported".
// Its template sets that in an inline script; we set it here instead. Any
// browser running this module supports ES modules, which is the check.
document.body.classList.add("js-enabled", "govuk-frontend-supported");

initAll();
