// pcplan: the section editor, django-prose-editor (tiptap/ProseMirror) under our Content
// Security Policy. Load with:
//   <script type="module" src="{% static 'plans/rich_text_editor.js' %}"></script>
//
// Why not the package's own preset scripts: they need an inline import map (a script the
// CSP refuses) and let tiptap inject a <style> element (also refused). Here the editor
// module is imported by its static path, tiptap's CSS injection is switched off (its rules
// are in rich_text_editor.css), and the extensions come from the widget's configuration,
// which lists exactly what plans/richtext.py keeps on saving.
//
// Without JavaScript the field stays a plain textarea of HTML, and the server sanitises it.
import * as prose from "../django_prose_editor/editor.js";

const CONFIG_ATTRIBUTE = "data-django-prose-editor-configurable";
const EMPTY_DOCUMENT = /^<(\w+)(\s[^>]*)?><\/\1>$/i;

function extensionsFrom(config) {
  const extensions = [];
  for (const [name, options] of Object.entries(config.extensions || {})) {
    const extension = prose[name];
    if (!extension || options === false) continue;
    extensions.push(options && typeof options === "object" ? extension.configure(options) : extension);
  }
  return extensions;
}

function describedBy(textarea) {
  // The GOV.UK hint and any error message, so a screen reader hears them in the editor too.
  return (textarea.getAttribute("aria-describedby") || "")
    .split(/\s+/)
    .filter((id) => id && document.getElementById(id))
    .join(" ");
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const config = JSON.parse(textarea.getAttribute(CONFIG_ATTRIBUTE) || "{}");
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  if (label && !label.id) label.id = `${textarea.id}-label`;

  const wrapper = document.createElement("div");
  wrapper.className = "prose-editor app-rich-text-editor";
  textarea.before(wrapper);
  wrapper.append(textarea);

  const attributes = { role: "textbox", "aria-multiline": "true", class: "app-rich-text" };
  if (label) attributes["aria-labelledby"] = label.id;
  const description = describedBy(textarea);
  if (description) attributes["aria-describedby"] = description;
  if (textarea.getAttribute("aria-invalid")) attributes["aria-invalid"] = "true";

  const editor = new prose.Editor({
    element: wrapper,
    editable: !textarea.hasAttribute("disabled"),
    extensions: extensionsFrom(config),
    content: textarea.value,
    injectCSS: false,
    editorProps: { attributes },
    onUpdate({ editor: current }) {
      const html = current.getHTML();
      textarea.value = EMPTY_DOCUMENT.test(html) ? "" : html;
    },
  });
  // Clicking the label (or following an error summary link to the textarea's id) should
  // land in the editor, since the textarea itself is hidden now.
  if (label) label.addEventListener("click", () => editor.commands.focus());
  textarea.addEventListener("focus", () => editor.commands.focus());
  return editor;
}

for (const textarea of document.querySelectorAll(`textarea[${CONFIG_ATTRIBUTE}]`)) {
  try {
    createEditor(textarea);
  } catch (error) {
    // The plain textarea still works; say why the editor did not start.
    console.warn("The rich-text editor could not start; the plain text box is in use.", error);
  }
}
