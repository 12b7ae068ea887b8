/*
 * Images in the Markdown editors: a button for people who cannot drag, and a description
 * (alt text) asked for as soon as an image is in.
 *
 * 1. "Add image" next to each Markdown editor opens the file chooser (keyboard, phone).
 *    The chosen file is handed to markdownx as if it had been dropped on the editor, so it
 *    goes through the same upload endpoint, the same checks and the same insertion: at the
 *    cursor, or at the end as a paragraph of its own if nobody has placed the cursor.
 * 2. markdownx inserts an uploaded image as ![](address) and then fires
 *    "markdownx.fileUploadEnd" with that code. A small dialog then asks what the image
 *    shows and writes the answer between the brackets. Skipping leaves ![](address): the
 *    warning shown on save stays the backstop.
 *
 * Buttons are added to every editor on load, the hidden "Add another" template rows
 * included, so rows cloned from them have theirs; clicks are handled on the document, so
 * cloned buttons work too.
 */
(function () {
  "use strict";

  var ACCEPTED_TYPES = "image/jpeg,image/png,image/webp";
  var waiting = []; // {editor, code} for images still to describe, in upload order
  var dialog = null;

  function fieldLabel(editor) {
    var label = editor.id && document.querySelector('label[for="' + editor.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function addButtons(root) {
    root.querySelectorAll(".markdownx").forEach(function (container) {
      var editor = container.querySelector(".markdownx-editor");
      if (!editor || container.querySelector(".markdownx-add-image")) {
        return;
      }
      var tools = document.createElement("div");
      tools.className = "markdownx-tools";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button markdownx-add-image";
      button.textContent = "Add image";
      var label = fieldLabel(editor);
      if (label) {
        button.setAttribute("aria-label", "Add image to " + label);
      }
      var input = document.createElement("input");
      input.type = "file";
      input.accept = ACCEPTED_TYPES;
      input.hidden = true;
      input.className = "markdownx-image-file";
      tools.appendChild(button);
      tools.appendChild(input);
      container.insertBefore(tools, container.firstChild);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".markdownx-add-image");
    if (button) {
      button.parentNode.querySelector(".markdownx-image-file").click();
    }
  });

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("markdownx-image-file") || !input.files.length) {
      return;
    }
    var editor = input.closest(".markdownx").querySelector(".markdownx-editor");
    if (!editor.hasAttribute("data-caret-placed")) {
      // Nobody has placed the cursor in this text: add the image at the end, as its own paragraph.
      editor.value = editor.value.replace(/\s+$/, "") + (editor.value.trim() ? "\n\n" : "");
      editor.selectionStart = editor.selectionEnd = editor.value.length;
    }
    Array.prototype.forEach.call(input.files, function (file) {
      var data = new DataTransfer();
      data.items.add(file);
      editor.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    input.value = ""; // the same file can be chosen again
  });

  document.addEventListener("focusin", function (event) {
    if (event.target.classList && event.target.classList.contains("markdownx-editor")) {
      event.target.setAttribute("data-caret-placed", "");
    }
  });

  function descriptionDialog() {
    if (dialog) {
      return dialog;
    }
    dialog = document.createElement("dialog");
    dialog.className = "image-description";
    dialog.setAttribute("aria-labelledby", "image-description-title");
    dialog.innerHTML =
      '<form method="dialog">' +
      '<h2 id="image-description-title">Describe the image</h2>' +
      '<p id="image-description-help">What does it show? Readers who cannot see the image get this ' +
      "text instead, so say what matters for the article, e.g. “Infusion chair next to a window”.</p>" +
      '<label for="image-description-text">Description (alt text)</label>' +
      '<input type="text" id="image-description-text" maxlength="250" aria-describedby="image-description-help">' +
      '<div class="image-description-buttons">' +
      '<button type="submit" value="describe" class="button default">Add description</button> ' +
      '<button type="submit" value="skip" class="button">Skip for now</button>' +
      "</div></form>";
    dialog.addEventListener("close", function () {
      var current = waiting.shift();
      var text = dialog.querySelector("input").value.trim();
      if (current && dialog.returnValue === "describe" && text) {
        describe(current.editor, current.code, text);
      }
      if (current) {
        current.editor.focus();
      }
      if (waiting.length) {
        ask();
      }
    });
    document.body.appendChild(dialog);
    return dialog;
  }

  function escapeDescription(text) {
    return text.replace(/\s+/g, " ").replace(/([\\\[\]])/g, "\\$1");
  }

  function describe(editor, code, text) {
    var at = editor.value.indexOf(code);
    if (at < 0 || code.indexOf("![]") !== 0) {
      return; // the editor changed the text meanwhile: leave it, the save warning remains
    }
    var described = "![" + escapeDescription(text) + "]" + code.slice(3);
    editor.value = editor.value.slice(0, at) + described + editor.value.slice(at + code.length);
    editor.selectionStart = editor.selectionEnd = at + described.length;
    editor.dispatchEvent(new Event("input")); // markdownx refreshes the preview
  }

  function ask() {
    var box = descriptionDialog();
    box.returnValue = "";
    box.querySelector("input").value = "";
    box.showModal();
  }

  // markdownx dispatches this on the editor's container without bubbling: listen in the
  // capture phase to hear it from every editor, present and future.
  document.addEventListener(
    "markdownx.fileUploadEnd",
    function (event) {
      var detail = event.detail && event.detail[0];
      var editor = event.target.querySelector && event.target.querySelector(".markdownx-editor");
      if (!editor || !detail || !detail.image_code) {
        return;
      }
      waiting.push({ editor: editor, code: detail.image_code });
      if (waiting.length === 1) {
        ask();
      }
    },
    true
  );

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      addButtons(document);
    });
  } else {
    addButtons(document);
  }
})();
