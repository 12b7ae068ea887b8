/*
 * Three gaps in django-markdownx's editor, closed for our admin.
 *
 * 1. Rows added with "Add another" get no editor. markdownx initialises editors once,
 *    on page load, and skips any textarea marked data-markdownx-init. A new row is a
 *    clone of the formset's hidden template row, which was initialised (and marked) at
 *    load, so the clone carries the mark without the editor. markdownx keeps its
 *    constructor inside its bundle, so on Django's "formset:added" event we clear the
 *    mark in the new row and run the bundle once more: it initialises every editor not
 *    yet marked, which is exactly the new row's.
 *
 * 2. A refused upload is silent. markdownx inserts "Invalid response" into the text and
 *    tells nobody why. We put the text back as it was and show the server's message.
 *
 * 3. An upload refused by something other than our view (a proxy's 413, Django's CSRF 403
 *    or 500 page) answers HTML: markdownx's JSON.parse throws, the editor stays dimmed and
 *    nobody is told. We hand markdownx a JSON refusal instead, which point 2 then shows.
 */
(function () {
  "use strict";

  function markdownxBundleUrl() {
    var script = document.querySelector('script[src*="markdownx/js/markdownx"]');
    return script ? script.src : null;
  }

  document.addEventListener("formset:added", function (event) {
    var row = event.target;
    var editors = row.querySelectorAll(".markdownx-editor[data-markdownx-init]");
    var url = markdownxBundleUrl();
    if (!editors.length || !url) {
      return;
    }
    editors.forEach(function (editor) {
      editor.removeAttribute("data-markdownx-init");
    });
    row.querySelectorAll(".markdownx-preview").forEach(function (preview) {
      preview.innerHTML = "";
    });
    var script = document.createElement("script");
    script.src = url;
    document.body.appendChild(script);
  });

  function showUploadError(event) {
    var container = event.target;
    var editor = container.querySelector && container.querySelector(".markdownx-editor");
    if (!editor) {
      return;
    }
    var textBefore = editor.value;
    var detail = event.detail && event.detail[0];
    var message = (detail && detail.error) || "The image could not be uploaded.";
    // markdownx inserts its placeholder right after this event: undo it.
    window.setTimeout(function () {
      editor.value = textBefore;
      editor.dispatchEvent(new Event("input"));
    }, 0);
    var note = container.querySelector(".markdownx-upload-error");
    if (!note) {
      note = document.createElement("p");
      note.className = "errornote markdownx-upload-error";
      note.setAttribute("role", "alert");
      container.insertBefore(note, container.firstChild);
    }
    note.textContent = message;
  }

  // markdownx dispatches these on the editor's container without bubbling: listen
  // in the capture phase to hear them from every editor, present and future.
  document.addEventListener("markdownx.fileUploadError", showUploadError, true);
  document.addEventListener("fileUploadError", showUploadError, true);

  var originalOpen = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var editor = document.querySelector(".markdownx-editor[data-markdownx-upload-urls-path]");
    var uploadPath = editor && editor.getAttribute("data-markdownx-upload-urls-path");
    if (uploadPath && new URL(url, document.baseURI).pathname === uploadPath) {
      this.addEventListener("readystatechange", function () {
        var type = this.getResponseHeader("Content-Type") || "";
        if (this.readyState === XMLHttpRequest.DONE && type.indexOf("application/json") !== 0) {
          var status = this.status;
          Object.defineProperty(this, "responseText", {
            value: JSON.stringify({
              error:
                "The upload failed (the server answered " +
                (status || "nothing") +
                "). Try a smaller image, or reload the page and try again.",
            }),
          });
        }
      });
    }
    return originalOpen.apply(this, arguments);
  };
})();
