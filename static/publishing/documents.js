// pcplan publishing: live progress on the documents page of a version.
// Polls the page's JSON endpoint while renders run and swaps each row that changed for
// its new HTML (rendered by the same partial as the page). Without JavaScript the page
// reloads itself instead (a <meta http-equiv="refresh"> inside <noscript>).
const POLL_MS = 1500;
const RETRY_MS = 5000;

const table = document.querySelector("table[data-render-status-url]");
const summary = document.getElementById("render-summary");
const FOCUSABLE = "a[href], button";

// Swap a row for its new HTML, keeping keyboard focus on the same link or button.
function replaceRow(row, html) {
  const focusables = [...row.querySelectorAll(FOCUSABLE)];
  const focused = focusables.indexOf(document.activeElement);
  const key = row.dataset.document;
  row.outerHTML = html;
  if (focused >= 0) {
    const fresh = table.querySelector(`tr[data-document="${CSS.escape(key)}"]`);
    const targets = fresh ? [...fresh.querySelectorAll(FOCUSABLE)] : [];
    (targets[Math.min(focused, targets.length - 1)] || fresh)?.focus();
  }
}

async function poll() {
  let data;
  try {
    const response = await fetch(table.dataset.renderStatusUrl, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (!response.ok) {
      throw new Error(`status ${response.status}`);
    }
    data = await response.json();
  } catch {
    window.setTimeout(poll, RETRY_MS);
    return;
  }
  for (const item of data.documents) {
    const row = table.querySelector(`tr[data-document="${CSS.escape(item.key)}"]`);
    if (row && row.dataset.state !== item.state) {
      replaceRow(row, item.row_html);
    }
  }
  if (summary && summary.textContent !== data.summary) {
    summary.textContent = data.summary;
  }
  table.dataset.active = String(data.active);
  if (data.active) {
    window.setTimeout(poll, POLL_MS);
  } else {
    document.querySelectorAll(".app-render-refresh").forEach((note) => note.remove());
  }
}

if (table && table.dataset.active === "true") {
  window.setTimeout(poll, POLL_MS);
}
