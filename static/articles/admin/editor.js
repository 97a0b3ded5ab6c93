/* Newsroom: the CSRF token on CKEditor 4 image uploads, and where uploads are off (an article
 * not saved yet) the image dialog says so and offers to save the draft, then opens the upload. */
;(() => {
  "use strict"

  function csrfToken(editor) {
    const form = editor.element && editor.element.$ && editor.element.$.form
    const input =
      (form && form.querySelector("input[name=csrfmiddlewaretoken]")) ||
      document.querySelector("input[name=csrfmiddlewaretoken]")
    if (input && input.value) {
      return input.value
    }
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/)
    return match ? decodeURIComponent(match[1]) : ""
  }

  function wire(editor) {
    if (editor.newsroomWired) {
      return
    }
    editor.newsroomWired = true
    // The filetools plugin reads fileTools_requestHeaders when it sends the
    // request (listener priority 999); this earlier listener adds the token the
    // server's CSRF check expects, for drag-and-drop, paste and the dialog alike.
    editor.on(
      "fileUploadRequest",
      () => {
        const headers = Object.assign({}, editor.config.fileTools_requestHeaders || {})
        headers["X-CSRFToken"] = csrfToken(editor)
        editor.config.fileTools_requestHeaders = headers
      },
      null,
      null,
      1,
    )
    // An unsaved article has no upload URL: pasted images would be lost on save
    // (the sanitiser drops data: URLs), so say so instead.
    editor.on("paste", (evt) => {
      const note = editor.config.newsroomUploadNote
      const html = evt.data && evt.data.dataValue
      if (note && html && /<img[^>]+src=["']?data:/i.test(html)) {
        evt.data.dataValue = html.replace(/<img[^>]+src=["']?data:[^>]*>/gi, "")
        editor.showNotification(note, "warning")
      }
    })
  }

  // Set just before the add form is saved from the image dialog; read once by the next page.
  const REOPEN_KEY = "newsroom:image-dialog-after-save"

  function continueButton(editor) {
    const form = editor.element && editor.element.$ && editor.element.$.form
    return form ? form.querySelector("[type=submit][name=_continue]") : null
  }

  function saveThenUpload(editor) {
    const button = continueButton(editor)
    if (!button) {
      return
    }
    try {
      window.sessionStorage.setItem(REOPEN_KEY, "1")
    } catch (error) {
      // Storage refused (private mode): the draft is still saved, the dialog just is not reopened.
    }
    button.form.requestSubmit(button) // the admin's "save and continue editing": the change page has uploads
  }

  // The image dialog of an editor without uploads: a note and a button instead of a missing tab.
  function noteInImageDialog(evt) {
    const editor = evt.editor
    const note = editor.config.newsroomUploadNote
    if (!note || evt.data.name !== "image2") {
      return
    }
    const info = evt.data.definition.getContents("info")
    if (!info || info.get("newsroomUploadNote")) {
      return
    }
    const elements = [
      {
        type: "html",
        id: "newsroomUploadNote",
        html: '<p class="newsroom-upload-note" role="note"></p>',
        onLoad() {
          this.getElement().setText(note) // text, never markup
        },
      },
    ]
    if (continueButton(editor)) {
      // Only where the form can be saved and stay open; otherwise the note alone says what to do.
      elements.push({
        type: "button",
        id: "newsroomSaveToUpload",
        label: editor.config.newsroomSaveLabel,
        onClick() {
          this.getDialog().hide()
          saveThenUpload(editor)
        },
      })
    }
    info.elements.unshift(...elements)
  }

  // Back on the change page after saving from the dialog: open it again, on its upload tab.
  function reopenAfterSave(editor) {
    let wanted = null
    try {
      wanted = window.sessionStorage.getItem(REOPEN_KEY)
      window.sessionStorage.removeItem(REOPEN_KEY)
    } catch (error) {
      return
    }
    if (wanted && editor.config.uploadUrl) {
      editor.once("dialogShow", (evt) => {
        if (evt.data.getName() === "image2") {
          evt.data.selectPage("Upload")
        }
      })
      editor.execCommand("image")
    }
  }

  function start() {
    if (!window.CKEDITOR) {
      setTimeout(start, 100)
      return
    }
    window.CKEDITOR.on("instanceCreated", (evt) => wire(evt.editor))
    window.CKEDITOR.on("dialogDefinition", noteInImageDialog)
    window.CKEDITOR.on("instanceReady", (evt) => reopenAfterSave(evt.editor))
    for (const name in window.CKEDITOR.instances) {
      const editor = window.CKEDITOR.instances[name]
      wire(editor)
      if (editor.status === "ready") {
        reopenAfterSave(editor)
      }
    }
  }

  start()
})()
