// A "Print this page" button for pages meant to be printed. The button is hidden in the
// HTML, so without JavaScript nobody sees a button that does nothing; the browser's own
// print command works either way.
for (const button of document.querySelectorAll(".app-print-button")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
