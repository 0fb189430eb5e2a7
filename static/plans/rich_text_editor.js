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

const { NodeSelection, Plugin, TextSelection } = prose.pm.state;

// ProseMirror learns that the browser moved the caret (Ctrl+End, Home, a click) only from
// the "selectionchange" event, which the browser sends a moment later. A key typed within
// that moment, by a quick typist, a remote desktop that sends keys in bursts, or a busy
// computer, went to ProseMirror's old selection: if that was an image the person had
// clicked, the letter replaced the image, and the section lost it on saving. A selected
// image has the browser's selection around it; when the browser's caret has moved
// elsewhere, the key follows the caret the person sees.
const TypingFollowsTheCaret = prose.Extension.create({
  name: "typingFollowsTheCaret",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        props: {
          handleKeyPress(view) {
            if (!(view.state.selection instanceof NodeSelection)) return false;
            const caret = view.dom.ownerDocument.getSelection();
            if (!caret || !caret.isCollapsed || !view.dom.contains(caret.focusNode)) return false;
            let $caret;
            try {
              $caret = view.state.doc.resolve(view.posAtDOM(caret.focusNode, caret.focusOffset));
            } catch {
              return false; // a caret ProseMirror cannot place: leave the key to it
            }
            if (!$caret.parent.inlineContent) return false;
            view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, $caret.pos)));
            return false;
          },
        },
      }),
    ];
  },
});

function extensionsFrom(config) {
  const extensions = [TypingFollowsTheCaret];
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
